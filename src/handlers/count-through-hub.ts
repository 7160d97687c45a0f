// count_tokens when the upstream speaks another protocol: the client's count request → hub →
// the upstream's own counting endpoint (Claude count_tokens, Gemini countTokens, Responses
// input_tokens); an upstream with none (OpenAI Chat) gets a local estimate with a real
// tokenizer. Never forwarded as an inference call.
import type { ResolvedModel } from '../config/resolve-model.ts';
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { estimateInputTokens } from '../hub/estimate-tokens.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import { restoreReasoningFromCallIds } from '../hub/reasoning-carrier.ts';
import { Warnings, reportWarnings } from '../hub/warnings.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import type { RequestTarget } from '../protocols/protocol.ts';
import { relayHeaders } from '../upstream/relay-response.ts';
import { decodeInbound } from './decode-inbound.ts';
import type { RequestContext } from './request-context.ts';
import { readAnswer, readUpstreamError } from './upstream-answer.ts';
import { sendUpstream, type UpstreamTarget } from './upstream-target.ts';

/** How the count was made, for clients and operators who care: `upstream` or `estimate`. */
export const COUNT_SOURCE_HEADER = 'x-any-api-token-count';

export async function countThroughHub(
  ctx: RequestContext,
  inbound: ProtocolAdapter,
  upstream: UpstreamTarget,
  resolved: ResolvedModel,
  body: Record<string, unknown>,
  target: RequestTarget,
): Promise<GatewayAnswer> {
  const inboundCount = inbound.count;
  if (!inboundCount) throw new GatewayError(404, `${inbound.id} has no token counting endpoint.`);
  const warnings = new Warnings();
  const hub: HubRequest = { ...decodeInbound(() => inboundCount.decodeRequest(body, target, warnings)), model: resolved.model.upstreamModel, stream: false };
  restoreReasoningFromCallIds(hub, upstream.protocol.id);
  const upstreamCount = upstream.protocol.count;
  let inputTokens: number;
  let headers: Record<string, string> = {};
  if (upstreamCount) {
    const path = upstream.protocol.upstreamPath('count-tokens', hub.model, false);
    const { reply } = await sendUpstream(ctx, upstream, resolved, path, false, upstreamCount.encodeRequest(hub, warnings), warnings);
    if (reply.status < 200 || reply.status > 299) throw upstream.protocol.codec.decodeError(reply.status, (await readUpstreamError(ctx, upstream, reply)).json, reply.headers);
    inputTokens = upstreamCount.decodeResponse((await readAnswer(ctx, upstream, reply, 'count-tokens')).body);
    headers = relayHeaders(reply.headers);
    headers[COUNT_SOURCE_HEADER] = 'upstream';
  } else {
    // The tokenizer is the runtime's (runtime/node, runtime/worker): each loads its tables its
    // own way, and only here, on the first estimated count.
    if (!ctx.tokenizer) throw new GatewayError(501, `${upstream.protocol.id} has no token counting endpoint and this gateway has no tokenizer to estimate with.`);
    inputTokens = estimateInputTokens(hub, await ctx.tokenizer());
    headers[COUNT_SOURCE_HEADER] = 'estimate';
  }
  reportWarnings(warnings, headers, `${inbound.id} count → ${upstream.protocol.id} (${resolved.id})`);
  return jsonAnswer(inboundCount.encodeResponse(inputTokens), 200, headers);
}
