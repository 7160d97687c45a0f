// A request whose upstream speaks another protocol: inbound body → hub → upstream body; the
// upstream's answer → hub → the client's protocol. Whatever could not be carried across is
// reported in the `x-any-api-warnings` header and one log line, never dropped in silence.
import type { ResolvedModel } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { WARNINGS_HEADER, Warnings, warningsHeaderValue } from '../hub/warnings.ts';
import { CODECS } from '../protocols/codecs.ts';
import type { Operation, Protocol, RequestTarget } from '../protocols/protocol.ts';
import { inlineRemoteMedia } from '../upstream/inline-remote-media.ts';
import { relayHeaders, scrubSecrets } from '../upstream/relay-response.ts';
import type { RequestContext } from './request-context.ts';
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
  if (operation === 'count-tokens') {
    throw new GatewayError(501, `Counting tokens for a ${upstream.protocol.id} upstream from a ${inbound.id} request is not supported yet.`);
  }
  const warnings = new Warnings();
  const hub = CODECS[inbound.id].decodeRequest(body, target, warnings);
  if (hub.stream) {
    throw new GatewayError(501, `Streaming between ${inbound.id} and a ${upstream.protocol.id} upstream is not supported yet; send the request without streaming.`);
  }
  hub.model = resolved.model.upstreamModel;
  // A target that requires an output limit (Claude) gets the configured default, not a guess.
  if (hub.maxOutputTokens === undefined && resolved.options.maxTokens !== undefined) hub.maxOutputTokens = resolved.options.maxTokens;
  await inlineRemoteMedia(hub, upstream.protocol.id, ctx.fetch, resolved.options.mediaFetch ?? {}, warnings);
  const upstreamCodec = CODECS[upstream.protocol.id];
  const upstreamBody = upstreamCodec.encodeRequest(hub, warnings);
  const secrets = upstream.apiKey ? [upstream.apiKey] : [];
  const path = upstream.protocol.upstreamPath(operation, hub.model, false);
  const response = await sendUpstream(ctx, upstream, resolved, path, false, upstreamBody);
  const answer = await readJson(response, secrets);
  if (!response.ok) throw upstreamCodec.decodeError(response.status, answer, response.headers);
  const hubResponse = upstreamCodec.decodeResponse(answer, warnings);
  const encoded = CODECS[inbound.id].encodeResponse(hubResponse, hub, warnings);
  const headers = relayHeaders(response.headers);
  headers.set('content-type', 'application/json');
  const warningValue = warningsHeaderValue(warnings);
  if (warningValue) {
    headers.set(WARNINGS_HEADER, warningValue);
    console.warn(`any-api: ${inbound.id} → ${upstream.protocol.id} (${resolved.id}): ${warnings.list.join('; ')}`);
  }
  return new Response(JSON.stringify(encoded), { status: 200, headers });
}
