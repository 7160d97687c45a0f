// A converted stream's Response: the upstream's SSE through the conversion stage
// (converted-stage.ts) in the one stream stage (stream/sse-stream.ts). The HTTP status is held
// until the upstream's first real event, so an error before any output is a proper HTTP error
// in the client's envelope; after that, errors are the encoder's in-band error event.
import type { GatewayAnswer } from '../http/exchange.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import type { HubUsage } from '../hub/hub-response.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { jsonArrayWriter, sseWriter } from '../stream/frame-writer.ts';
import { SSE_HEADERS } from '../stream/sse.ts';
import { convertedStage } from './converted-stage.ts';
import type { RequestContext } from './request-context.ts';
import { openStream } from './upstream-answer.ts';
import type { UpstreamResponse, UpstreamTarget } from './upstream-target.ts';

export interface StreamAnswerOptions {
  inbound: ProtocolId;
  request: HubRequest;
  /** Gemini `:streamGenerateContent` without `?alt=sse` wants a JSON array, not SSE. */
  jsonArray: boolean;
  headers: Record<string, string>;
  label: string;
}

/** Headers of a stream answer: SSE (no caching, no proxy buffering), or JSON for a Gemini array. */
export function streamHeaders(base: Record<string, string>, jsonArray: boolean): Record<string, string> {
  return { ...base, ...SSE_HEADERS, ...(jsonArray ? { 'content-type': 'application/json' } : {}) };
}

export async function streamAnswer(ctx: RequestContext, upstream: UpstreamTarget, sent: UpstreamResponse, options: StreamAnswerOptions): Promise<GatewayAnswer> {
  let usage: HubUsage | undefined;
  const stage = convertedStage({
    inbound: options.inbound,
    upstream: upstream.protocol.id,
    request: options.request,
    writer: options.jsonArray ? jsonArrayWriter() : sseWriter(),
    onUsage: (u) => (usage = u),
  });
  const body = await openStream(ctx, upstream, sent, stage, options.label, () => usage);
  return { status: 200, headers: streamHeaders(options.headers, options.jsonArray), body };
}
