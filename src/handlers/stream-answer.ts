// A converted stream: upstream SSE → the upstream protocol's reducer → hub events → the
// client protocol's encoder → SSE bytes, with keep-alives during silence. The HTTP status is
// held until the upstream's first real event, so an error before any output is a proper HTTP
// error in the client's envelope; after that, errors are the encoder's in-band error event.
import { GatewayError } from '../errors/gateway-error.ts';
import { customToolCallStream } from '../hub/custom-tool-calls.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import { reasoningCarrierStream } from '../hub/reasoning-carrier.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { STREAM_CODECS } from '../protocols/stream-codecs.ts';
import { withKeepAlive } from '../stream/keep-alive.ts';
import { readAhead } from '../stream/read-ahead.ts';
import { reducerStream } from '../stream/reducer-stream.ts';
import { SSE_HEADERS } from '../stream/sse.ts';
import { jsonArrayEncodeStream, sseEncodeStream } from '../stream/sse-encode-stream.ts';
import { parseSse } from '../stream/sse-message.ts';

export const DEFAULT_KEEP_ALIVE_MS = 15_000;

export interface StreamAnswerOptions {
  inbound: ProtocolId;
  upstream: ProtocolId;
  request: HubRequest;
  keepAliveMs: number;
  /** Gemini `:streamGenerateContent` without `?alt=sse` wants a JSON array, not SSE. */
  jsonArray: boolean;
  headers: Headers;
}

export async function streamAnswer(upstreamResponse: Response, options: StreamAnswerOptions): Promise<Response> {
  if (!upstreamResponse.body) throw new GatewayError(502, 'The upstream answered a stream request with no body.');
  let hubEvents = parseSse(upstreamResponse.body).pipeThrough(reducerStream(STREAM_CODECS[options.upstream].reducer(options.request)));
  const custom = customToolCallStream(options.request);
  if (custom) hubEvents = hubEvents.pipeThrough(reducerStream(custom));
  hubEvents = hubEvents.pipeThrough(reducerStream(reasoningCarrierStream(options.upstream)));
  const ahead = await readAhead(hubEvents);
  if (ahead.kind === 'error') {
    throw new GatewayError(ahead.error.status, ahead.error.message, ahead.error.code ? { code: ahead.error.code } : {});
  }
  const inbound = STREAM_CODECS[options.inbound];
  const frames = withKeepAlive(ahead.events.pipeThrough(reducerStream(inbound.encoder(options.request))), options.keepAliveMs, inbound.keepAlive);
  const body = frames.pipeThrough(options.jsonArray ? jsonArrayEncodeStream() : sseEncodeStream());
  const headers = new Headers(options.headers);
  for (const [name, value] of Object.entries(SSE_HEADERS)) headers.set(name, value);
  if (options.jsonArray) headers.set('content-type', 'application/json');
  return new Response(body, { status: 200, headers });
}
