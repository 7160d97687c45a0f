// Upstream calls on Node: the platform fetch over an undici Agent of our own, whose built-in
// deadlines are switched off — Node's default dispatcher gives up on headers and bodies after
// 300 s, which would cut the documented 600 s `timeoutMs` short and report a live upstream as
// unreachable. The gateway's own deadlines (timeoutMs, idleTimeoutMs, firstEventTimeoutMs)
// apply instead, the same as on Workers. Connections are kept alive and reused per origin.
import { Agent } from 'undici';
import type { FetchLike } from '../../upstream/call-upstream.ts';

export function createUpstreamFetch(): { fetch: FetchLike; close(): Promise<void> } {
  const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 30_000, pipelining: 1 });
  // Node's fetch takes an undici dispatcher; its RequestInit type does not name the npm one.
  const init = { dispatcher: agent } as RequestInit;
  return {
    fetch: (request) => fetch(request, init),
    close: () => agent.close(),
  };
}
