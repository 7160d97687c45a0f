// A request whose upstream speaks another protocol: inbound body → hub → upstream body; the
// upstream's answer (JSON, or a stream through stream-answer.ts) → hub → the client's protocol. Whatever could not be carried across is
// reported in the `x-any-api-warnings` header and one log line, never dropped in silence.
import type { ResolvedModel } from '../config/resolve-model.ts';
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import { applyHubOptions } from '../hub/apply-options.ts';
import { restoreCustomToolCalls } from '../hub/custom-tool-calls.ts';
import { applyToolSearch } from '../hub/tool-search.ts';
import { carryReasoningInCallIds, restoreReasoningFromCallIds } from '../hub/reasoning-carrier.ts';
import { reportWarnings, Warnings } from '../hub/warnings.ts';
import { applyQuirks } from '../upstream/apply-quirks.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import type { Operation, RequestTarget } from '../protocols/protocol.ts';
import { inlineRemoteMedia } from '../upstream/inline-remote-media.ts';
import { relayHeaders } from '../upstream/relay-response.ts';
import { countThroughHub } from './count-through-hub.ts';
import { decodeInbound } from './decode-inbound.ts';
import type { RequestContext } from './request-context.ts';
import { streamAnswer } from './stream-answer.ts';
import { readAnswer, upstreamRefused } from './upstream-answer.ts';
import { sendUpstream, type UpstreamTarget } from './upstream-target.ts';

export async function convertThroughHub(
  ctx: RequestContext,
  inbound: ProtocolAdapter,
  upstream: UpstreamTarget,
  resolved: ResolvedModel,
  body: Record<string, unknown>,
  target: RequestTarget,
  operation: Operation,
): Promise<GatewayAnswer> {
  if (operation === 'count-tokens') return countThroughHub(ctx, inbound, upstream, resolved, body, target);
  const warnings = new Warnings();
  const hub = decodeInbound(() => inbound.codec.decodeRequest(body, target, warnings));
  restoreReasoningFromCallIds(hub, upstream.protocol.id);
  hub.model = resolved.model.upstreamModel;
  // A target that requires an output limit (Claude) gets the configured default, not a guess.
  if (hub.maxOutputTokens === undefined && resolved.options.maxTokens !== undefined) hub.maxOutputTokens = resolved.options.maxTokens;
  applyHubOptions(hub, resolved.options, warnings);
  applyToolSearch(hub, warnings);
  await inlineRemoteMedia(hub, upstream.protocol.id, ctx.upstream, resolved.options.mediaFetch ?? {}, ctx.request.signal, warnings);
  const upstreamCodec = upstream.protocol.codec;
  const upstreamBody = applyQuirks(resolved.provider, upstreamCodec.encodeRequest(hub, warnings), warnings);
  const path = upstream.protocol.upstreamPath(operation, hub.model, hub.stream);
  const sent = await sendUpstream(ctx, upstream, resolved, path, hub.stream, upstreamBody, warnings);
  const { reply } = sent;
  if (reply.status < 200 || reply.status > 299) await upstreamRefused(ctx, upstream, reply, ({ json }) => upstreamCodec.decodeError(reply.status, json, reply.headers));
  const headers = relayHeaders(reply.headers);
  const label = `${inbound.id} → ${upstream.protocol.id} (${resolved.id})`;
  const report = () => {
    reportWarnings(warnings, headers, label);
    ctx.observation.warnings = warnings.size;
  };
  if (hub.stream) {
    report();
    return streamAnswer(ctx, upstream, sent, {
      inbound: inbound.id,
      request: hub,
      jsonArray: inbound.id === 'gemini' && ctx.request.url.searchParams.get('alt') !== 'sse',
      headers,
      label,
    });
  }
  const hubResponse = upstreamCodec.decodeResponse((await readAnswer(ctx, upstream, reply, operation)).body, warnings);
  ctx.observation.usage = hubResponse.usage;
  restoreCustomToolCalls(hubResponse, hub);
  carryReasoningInCallIds(hubResponse, upstream.protocol.id);
  const encoded = inbound.codec.encodeResponse(hubResponse, hub, warnings);
  report();
  return jsonAnswer(encoded, 200, headers);
}
