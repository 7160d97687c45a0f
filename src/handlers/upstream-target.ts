// Which upstream a resolved model goes to: its protocol, base URL, fetch and key. The `mock`
// type speaks whatever the client speaks, in-process; a provider of a real type on the mock
// origin speaks its own type's protocol, in-process too (so conversions run with no network).
import type { ResolvedModel } from '../config/resolve-model.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import { ADAPTERS } from '../protocols/index.ts';
import { mockFetch } from '../providers/mock/mock-fetch.ts';
import { isMockBaseUrl, MOCK_BASE_URL } from '../providers/mock/mock-origin.ts';
import { callUpstream } from '../upstream/call-upstream.ts';
import { fetchClient, type UpstreamClient, type UpstreamReply } from '../upstream/upstream-client.ts';
import { joinUrl } from '../upstream/join-url.ts';
import { REQUEST_ID_HEADER } from '../http/request-id.ts';
import { upstreamHeaders } from '../upstream/upstream-headers.ts';
import { upstreamLimits, type UpstreamLimits } from '../upstream/upstream-limits.ts';
import { UpstreamFailure } from '../errors/upstream-failure.ts';
import type { RequestContext } from './request-context.ts';
import type { Warnings } from '../hub/warnings.ts';
import { DryRunCaptured } from './dry-run-captured.ts';

export interface UpstreamTarget {
  protocol: ProtocolAdapter;
  baseURL: string;
  client: UpstreamClient;
  apiKey: string | undefined;
  /** The provider id, naming the upstream in errors and logs. */
  provider: string;
  limits: UpstreamLimits;
}

/** An upstream reply, with when its request was sent (deadlines count from there). */
export interface UpstreamResponse {
  reply: UpstreamReply;
  startedAt: number;
}

/** The in-process mock provider answers through the same client interface as a real upstream. */
const MOCK_CLIENT = fetchClient(mockFetch);

/** The upstream of `resolved`, called with `apiKey` (the one its key pool picked for this try). */
export function upstreamTarget(ctx: RequestContext, inbound: ProtocolAdapter, resolved: ResolvedModel, apiKey: string | undefined): UpstreamTarget {
  const { provider } = resolved;
  const limits = upstreamLimits(resolved.options);
  if (provider.type === 'mock') return { protocol: inbound, baseURL: MOCK_BASE_URL, client: MOCK_CLIENT, apiKey: undefined, provider: resolved.providerId, limits };
  if (isMockBaseUrl(provider.baseURL)) return { protocol: ADAPTERS[provider.type], baseURL: provider.baseURL, client: MOCK_CLIENT, apiKey: undefined, provider: resolved.providerId, limits };
  return { protocol: ADAPTERS[provider.type], baseURL: provider.baseURL ?? '', client: ctx.upstream, apiKey, provider: resolved.providerId, limits };
}

/** One call to the upstream: its URL, its own auth, the configured timeout, the client's abort. */
export async function sendUpstream(
  ctx: RequestContext,
  upstream: UpstreamTarget,
  resolved: ResolvedModel,
  path: string,
  stream: boolean,
  /** A body object, or JSON text to send exactly as it is. */
  body: unknown,
  /** What the conversion reported so far: a dry run returns it with the request. */
  warnings?: Warnings,
): Promise<UpstreamResponse> {
  const startedAt = Date.now();
  ctx.attempts.count++;
  const url = joinUrl(upstream.baseURL, upstream.protocol.apiVersion, path);
  const headers = { ...upstreamHeaders(resolved.provider.type, upstream.apiKey, ctx.request.headers, resolved.options.headers, stream, resolved.provider.quirks?.dropBetas), [REQUEST_ID_HEADER]: ctx.requestId };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // A dry run (handlers/dry-run.ts) ends here: the request as built, instead of the network call.
  if (ctx.dryRun) throw new DryRunCaptured({ method: 'POST', url, headers, body: text, apiKey: upstream.apiKey }, warnings);
  try {
    const reply = await callUpstream(upstream.client, { provider: upstream.provider, url, headers, body: text, timeoutMs: upstream.limits.timeoutMs, signal: ctx.request.signal });
    return { reply, startedAt };
  } catch (error) {
    if (error instanceof UpstreamFailure) ctx.observation.upstreamFailed({ provider: upstream.provider, host: upstreamHost(upstream), ...(error.netCause ? { cause: error.netCause } : {}) });
    throw error;
  } finally {
    ctx.observation.waited(startedAt);
  }
}

/** The upstream's host for logs: from the configured base URL, never a path, query or key. */
export function upstreamHost(upstream: UpstreamTarget): string {
  try {
    return new URL(upstream.baseURL).host;
  } catch {
    return '';
  }
}
