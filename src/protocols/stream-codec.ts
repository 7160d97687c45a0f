// What each protocol folder provides for streaming through the hub: a reducer for its
// upstream SSE (→ hub events) and an encoder for its clients (hub events → SSE frames).
import type { HubEvent } from '../hub/hub-events.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import type { Reducer } from '../stream/reducer.ts';
import type { SseFrame } from '../stream/sse.ts';
import type { SseMessage } from '../stream/sse-parser.ts';
import type { StreamEnding } from './stream-ending.ts';

export interface StreamCodec {
  /** Upstream side: this protocol's SSE messages → hub events (see hub-events.ts for the rules). */
  reducer(request: HubRequest): Reducer<SseMessage, HubEvent, unknown>;
  /** Inbound side: hub events → this protocol's SSE frames, spec-exact for its SDKs and CLIs. */
  encoder(request: HubRequest): Reducer<HubEvent, SseFrame, unknown>;
  /** Sent during upstream silence: Claude `ping`, an SSE comment elsewhere. */
  keepAlive: SseFrame;
  /** How this protocol's streams end, for relays that do not convert (pass-through). */
  ending: StreamEnding;
}
