// The answer of a same-protocol upstream, relayed: a 200 is checked to be a complete answer of
// its protocol and then sent as the upstream wrote it, byte for byte; a stream is relayed event
// by event through the relay stage (relay-stage.ts), which drops lines that are not SSE and
// ends a stream that broke off with the protocol's error event; errors keep their status.
import type { GatewayAnswer } from '../http/exchange.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import type { Operation } from '../protocols/protocol.ts';
import { jsonArrayWriter } from '../stream/frame-writer.ts';
import { relayError, relayHeaders } from '../upstream/relay-response.ts';
import { relayStage } from './relay-stage.ts';
import { answerUsage, streamUsageTap } from './answer-usage.ts';
import type { RequestContext } from './request-context.ts';
import { streamHeaders } from './stream-answer.ts';
import { openStream, readAnswer, upstreamRefused } from './upstream-answer.ts';
import type { UpstreamResponse, UpstreamTarget } from './upstream-target.ts';

export async function passThroughAnswer(
  ctx: RequestContext,
  inbound: ProtocolAdapter,
  upstream: UpstreamTarget,
  sent: UpstreamResponse,
  operation: Operation,
  stream: boolean,
  label: string,
): Promise<GatewayAnswer> {
  const { reply } = sent;
  if (reply.status < 200 || reply.status > 299) return upstreamRefused(ctx, upstream, reply, ({ text }) => relayError(reply, text));
  const headers = relayHeaders(reply.headers);
  if (stream) {
    // The upstream is always asked for SSE; a Gemini client without `?alt=sse` wants an array.
    const jsonArray = inbound.id === 'gemini' && ctx.request.url.searchParams.get('alt') !== 'sse';
    const codec = inbound.stream;
    const tap = streamUsageTap(inbound.id);
    const stage = relayStage({ ending: codec.ending, keepAlive: codec.keepAlive, tap, ...(jsonArray ? { arrayWriter: jsonArrayWriter() } : {}) });
    const body = await openStream(ctx, upstream, sent, stage, label, tap.usage);
    return { status: 200, headers: streamHeaders(headers, jsonArray), body };
  }
  const { text, body } = await readAnswer(ctx, upstream, reply, operation);
  if (operation === 'generate') ctx.observation.usage = answerUsage(inbound.id, body);
  return { status: reply.status, headers, body: text, parsed: { text, value: body } };
}
