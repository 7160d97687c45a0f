// generate / stream / count-tokens for one inbound protocol:
// parse → validate → resolve `provider.model` → pick the upstream protocol → call → relay.
// Same protocol in and out is a pass-through: only the model changes and every other field,
// modelled or not, reaches the upstream intact; the answer is relayed as it arrives.
import { resolveModel, type ResolvedModel } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import type { Operation, Protocol, RequestTarget } from '../protocols/protocol.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { MOCK_BASE_URL, mockFetch } from '../providers/mock/mock-fetch.ts';
import { DEFAULT_TIMEOUT_MS, callUpstream, type FetchLike } from '../upstream/call-upstream.ts';
import { joinUrl } from '../upstream/join-url.ts';
import { relayResponse } from '../upstream/relay-response.ts';
import { upstreamHeaders } from '../upstream/upstream-headers.ts';
import { formatIssues, pointerToParam } from '../validation/validate.ts';
import type { RequestContext } from './request-context.ts';

interface Upstream {
  protocol: Protocol;
  baseURL: string;
  fetch: FetchLike;
  apiKey: string | undefined;
}

function upstreamFor(ctx: RequestContext, inbound: Protocol, resolved: ResolvedModel): Upstream {
  const { provider } = resolved;
  if (provider.type === 'mock') return { protocol: inbound, baseURL: MOCK_BASE_URL, fetch: mockFetch, apiKey: undefined };
  const apiKey = provider.apiKey ?? (provider.apiKeyEnv ? ctx.env(provider.apiKeyEnv) : undefined);
  if (provider.apiKeyEnv && apiKey === undefined) {
    throw new GatewayError(500, `Provider "${resolved.providerId}" reads its key from ${provider.apiKeyEnv}, which is not set.`);
  }
  return { protocol: PROTOCOLS[provider.type], baseURL: provider.baseURL ?? '', fetch: ctx.fetch, apiKey };
}

function validate(inbound: Protocol, operation: Operation, body: Record<string, unknown>): void {
  const result = inbound.validators[operation](body);
  if (result.ok) return;
  const first = result.issues[0];
  throw new GatewayError(400, `Invalid request body: ${formatIssues(result.issues)}`, first?.path ? { param: pointerToParam(first.path) } : {});
}

export async function handleGenerate(
  ctx: RequestContext,
  protocolId: ProtocolId,
  operation: Operation,
  target: RequestTarget = {},
): Promise<Response> {
  const inbound = PROTOCOLS[protocolId];
  const { value: body } = await readJsonBody(ctx.request, ctx.maxBodyBytes);
  validate(inbound, operation, body);
  const resolved = resolveModel(ctx.config, inbound.modelOf(body, target), inbound.modelParam);
  const upstream = upstreamFor(ctx, inbound, resolved);
  if (upstream.protocol.id !== inbound.id) {
    throw new GatewayError(501, `Converting ${inbound.id} requests for a ${upstream.protocol.id} upstream (model "${resolved.id}") is not supported yet.`);
  }
  const stream = operation === 'generate' && inbound.isStream(body, target);
  const upstreamBody = inbound.withUpstreamModel(body, resolved.model.upstreamModel);
  const response = await callUpstream(upstream.fetch, {
    url: joinUrl(upstream.baseURL, upstream.protocol.apiVersion, upstream.protocol.upstreamPath(operation, resolved.model.upstreamModel, stream)),
    headers: upstreamHeaders(resolved.provider.type, upstream.apiKey, ctx.request.headers, resolved.options.headers, stream),
    body: JSON.stringify(upstreamBody),
    timeoutMs: resolved.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: ctx.request.signal,
  });
  return relayResponse(response, upstream.apiKey ? [upstream.apiKey] : []);
}
