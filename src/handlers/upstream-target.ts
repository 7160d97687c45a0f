// Which upstream a resolved model goes to: its protocol, base URL, fetch and key. The `mock`
// type speaks whatever the client speaks, in-process.
import type { ResolvedModel } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import type { Protocol } from '../protocols/protocol.ts';
import { MOCK_BASE_URL, mockFetch } from '../providers/mock/mock-fetch.ts';
import { DEFAULT_TIMEOUT_MS, callUpstream, type FetchLike } from '../upstream/call-upstream.ts';
import { joinUrl } from '../upstream/join-url.ts';
import { upstreamHeaders } from '../upstream/upstream-headers.ts';
import type { RequestContext } from './request-context.ts';

export interface UpstreamTarget {
  protocol: Protocol;
  baseURL: string;
  fetch: FetchLike;
  apiKey: string | undefined;
}

export function upstreamTarget(ctx: RequestContext, inbound: Protocol, resolved: ResolvedModel): UpstreamTarget {
  const { provider } = resolved;
  if (provider.type === 'mock') return { protocol: inbound, baseURL: MOCK_BASE_URL, fetch: mockFetch, apiKey: undefined };
  const apiKey = provider.apiKey ?? (provider.apiKeyEnv ? ctx.env(provider.apiKeyEnv) : undefined);
  if (provider.apiKeyEnv && apiKey === undefined) {
    throw new GatewayError(500, `Provider "${resolved.providerId}" reads its key from ${provider.apiKeyEnv}, which is not set.`);
  }
  return { protocol: PROTOCOLS[provider.type], baseURL: provider.baseURL ?? '', fetch: ctx.fetch, apiKey };
}

/** One call to the upstream: its URL, its own auth, the configured timeout, the client's abort. */
export function sendUpstream(
  ctx: RequestContext,
  upstream: UpstreamTarget,
  resolved: ResolvedModel,
  path: string,
  stream: boolean,
  /** A body object, or JSON text to send exactly as it is. */
  body: unknown,
): Promise<Response> {
  return callUpstream(upstream.fetch, {
    url: joinUrl(upstream.baseURL, upstream.protocol.apiVersion, path),
    headers: upstreamHeaders(resolved.provider.type, upstream.apiKey, ctx.request.headers, resolved.options.headers, stream),
    body: typeof body === 'string' ? body : JSON.stringify(body),
    timeoutMs: resolved.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: ctx.request.signal,
  });
}
