// A request whose upstream speaks another protocol: inbound body → hub → upstream body; the
// upstream's answer (JSON, or a stream through stream-answer.ts) → hub → the client's protocol. Whatever could not be carried across is
// reported in the `x-any-api-warnings` header and one log line, never dropped in silence.
import type { ResolvedModel } from '../config/resolve-model.ts';
import { applyHubOptions } from '../hub/apply-options.ts';
import { restoreCustomToolCalls } from '../hub/custom-tool-calls.ts';
import { carryReasoningInCallIds, restoreReasoningFromCallIds } from '../hub/reasoning-carrier.ts';
import { reportWarnings, Warnings } from '../hub/warnings.ts';
import { applyQuirks } from '../upstream/apply-quirks.ts';
import { CODECS } from '../protocols/codecs.ts';
import type { Operation, Protocol, RequestTarget } from '../protocols/protocol.ts';
import { inlineRemoteMedia } from '../upstream/inline-remote-media.ts';
import { relayHeaders, scrubSecrets } from '../upstream/relay-response.ts';
import { countThroughHub } from './count-through-hub.ts';
import type { RequestContext } from './request-context.ts';
import { DEFAULT_KEEP_ALIVE_MS, streamAnswer } from './stream-answer.ts';
import { sendUpstream, type UpstreamTarget } from './upstream-target.ts';

async function readJson(response: Response, secrets: readonly string[]): Promise<unknown> {
  const text = scrubSecrets(await response.text(), secrets);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function convertThroughHub(
  ctx: RequestContext,
  inbound: Protocol,
  upstream: UpstreamTarget,
  resolved: ResolvedModel,
  body: Record<string, unknown>,
  target: RequestTarget,
  operation: Operation,
): Promise<Response> {
  if (operation === 'count-tokens') return countThroughHub(ctx, inbound, upstream, resolved, body, target);
  const warnings = new Warnings();
  const hub = CODECS[inbound.id].decodeRequest(body, target, warnings);
  restoreReasoningFromCallIds(hub, upstream.protocol.id);
  hub.model = resolved.model.upstreamModel;
  // A target that requires an output limit (Claude) gets the configured default, not a guess.
  if (hub.maxOutputTokens === undefined && resolved.options.maxTokens !== undefined) hub.maxOutputTokens = resolved.options.maxTokens;
  applyHubOptions(hub, resolved.options, warnings);
  await inlineRemoteMedia(hub, upstream.protocol.id, ctx.fetch, resolved.options.mediaFetch ?? {}, warnings);
  const upstreamCodec = CODECS[upstream.protocol.id];
  const upstreamBody = applyQuirks(resolved.provider, upstreamCodec.encodeRequest(hub, warnings), warnings);
  const secrets = upstream.apiKey ? [upstream.apiKey] : [];
  const path = upstream.protocol.upstreamPath(operation, hub.model, hub.stream);
  const response = await sendUpstream(ctx, upstream, resolved, path, hub.stream, upstreamBody);
  if (!response.ok) throw upstreamCodec.decodeError(response.status, await readJson(response, secrets), response.headers);
  const headers = relayHeaders(response.headers);
  const report = () => reportWarnings(warnings, headers, `${inbound.id} → ${upstream.protocol.id} (${resolved.id})`);
  if (hub.stream) {
    report();
    return streamAnswer(response, {
      inbound: inbound.id,
      upstream: upstream.protocol.id,
      request: hub,
      keepAliveMs: resolved.options.streamKeepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
      jsonArray: inbound.id === 'gemini' && ctx.url.searchParams.get('alt') !== 'sse',
      headers,
    });
  }
  const hubResponse = upstreamCodec.decodeResponse(await readJson(response, secrets), warnings);
  restoreCustomToolCalls(hubResponse, hub);
  carryReasoningInCallIds(hubResponse, upstream.protocol.id);
  const encoded = CODECS[inbound.id].encodeResponse(hubResponse, hub, warnings);
  headers.set('content-type', 'application/json');
  report();
  return new Response(JSON.stringify(encoded), { status: 200, headers });
}
