// The stream stage of a conversion: upstream SSE events → the upstream protocol's reducer (and
// the hub's custom-tool and reasoning-carrier steps) → hub events → the client protocol's
// encoder → frames → text. All pure reducers, composed into one step function.
// Read-ahead: hub events are held until the first that is neither `response-start` nor `usage`;
// if that first one is an `error`, the stage fails early and the client gets an HTTP error.
import { GatewayError } from '../errors/gateway-error.ts';
import { customToolCallStream } from '../hub/custom-tool-calls.ts';
import type { HubEvent } from '../hub/hub-events.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import type { HubUsage } from '../hub/hub-response.ts';
import { reasoningCarrierStream } from '../hub/reasoning-carrier.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { ADAPTERS } from '../protocols/index.ts';
import type { StreamCodec } from '../protocols/stream-codec.ts';
import { type FrameWriter } from '../stream/frame-writer.ts';
import { chainReducers, type Reducer } from '../stream/reducer.ts';
import type { SseMessage } from '../stream/sse-parser.ts';
import type { SseFrame } from '../stream/sse.ts';
import type { StreamStage } from '../stream/sse-stream.ts';

export interface ConvertedStageOptions {
  inbound: ProtocolId;
  upstream: ProtocolId;
  request: HubRequest;
  writer: FrameWriter;
  /** Told each (cumulative) hub usage, for the request log and metrics. */
  onUsage?: (usage: HubUsage) => void;
}

function hubSteps(options: ConvertedStageOptions): Reducer<SseMessage, HubEvent, unknown> {
  let steps: Reducer<SseMessage, HubEvent, unknown> = ADAPTERS[options.upstream].stream.reducer(options.request);
  const custom = customToolCallStream(options.request);
  if (custom) steps = chainReducers(steps, custom as Reducer<HubEvent, HubEvent, unknown>);
  return chainReducers(steps, reasoningCarrierStream(options.upstream) as Reducer<HubEvent, HubEvent, unknown>);
}

/** The reducers of one conversion and their states: all a stream's conversion holds. */
function conversionSteps(options: ConvertedStageOptions, inbound: StreamCodec) {
  const hub = hubSteps(options);
  const encoder = inbound.encoder(options.request);
  return { hub, hubState: hub.init(), encoder, encoderState: encoder.init() };
}

export function convertedStage(options: ConvertedStageOptions): StreamStage {
  /**
   * Let go once the stage is closed. The stage object can outlive its stream in the heap (the
   * GC trace showed every stream's state promoted to the old generation), and what it still
   * held then — the request, the reducers' states — went with it: ~1 KB a stream, and twice as
   * many full collections under load.
   */
  const inbound = ADAPTERS[options.inbound].stream;
  let steps: ReturnType<typeof conversionSteps> | undefined = conversionSteps(options, inbound);
  // Only these outlive construction: the closures below must not hold `options` (the request).
  const { writer, onUsage } = options;
  let held: HubEvent[] | undefined = [];
  let earlyError: GatewayError | undefined;
  const close = () => {
    steps = undefined;
  };

  /** Hub events → client text, holding them until the first real one. */
  function encode(events: readonly HubEvent[]): string {
    if (!steps) return '';
    const { encoder, encoderState } = steps;
    const frames: SseFrame[] = [];
    for (const event of events) {
      if (event.type === 'usage') onUsage?.(event.usage);
      if (held) {
        if (event.type === 'response-start' || event.type === 'usage') {
          held.push(event);
          continue;
        }
        if (event.type === 'error') {
          earlyError = new GatewayError(event.status, event.message, event.code ? { code: event.code } : {});
          close();
          return '';
        }
        const replay = held;
        held = undefined;
        for (const e of replay) frames.push(...encoder.step(encoderState, e));
      }
      frames.push(...encoder.step(encoderState, event));
    }
    return frames.length > 0 ? writer.write(frames) : '';
  }

  return {
    keepsRaw: false,
    events(events) {
      if (!steps) return '';
      const { hub, hubState } = steps;
      let out: HubEvent[] = [];
      for (const message of events) {
        if (message.comment) continue;
        for (const e of hub.step(hubState, message)) out.push(e);
      }
      return encode(out);
    },
    end() {
      if (!steps) return '';
      const { hub, hubState, encoder, encoderState } = steps;
      const text = encode(hub.finish(hubState));
      close();
      // Never committed (an error event only comes before that): nothing more to write.
      if (held) return text;
      const tail = encoder.finish(encoderState);
      return text + (tail.length > 0 ? writer.write(tail) : '') + writer.close();
    },
    fail(error) {
      if (held) {
        earlyError ??= error;
        close();
        return '';
      }
      if (!steps) return '';
      const text = encode([{ type: 'error', status: error.status, message: error.message, ...(error.code ? { code: error.code } : {}) }]);
      close();
      return text + writer.close();
    },
    get keepAlive() {
      return writer.write([inbound.keepAlive]);
    },
    get committed() {
      return held === undefined;
    },
    get earlyError() {
      return earlyError;
    },
  };
}
