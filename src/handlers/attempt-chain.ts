// One client request against its chain of targets (config/resolve-model.ts `resolveChain`: the
// model or alias, then its fallbacks): each target is tried up to `options.retry.attempts`
// times, each try on the next usable key of the provider's pool, with a backoff between tries
// of the same key; once a target's tries are spent on retryable failures the next target is
// tried, converted as usual when it speaks another protocol. Only failures of the upstream
// (UpstreamFailure) are retried, and all of them happen before anything reaches the client —
// a stream counts as answered once its first event is out. Every answer says which target
// served it and how many upstream requests it took.
import { abortedError } from '../errors/aborted-error.ts';
import type { ResolvedModel } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { UpstreamFailure } from '../errors/upstream-failure.ts';
import type { GatewayAnswer } from '../http/exchange.ts';
import type { Affinity } from '../routing/affinity.ts';
import { KeyPool, type KeyPools } from '../routing/key-pool.ts';
import { backoffMs, isRetryable, retryPolicy } from '../routing/retry-policy.ts';
import type { RequestContext } from './request-context.ts';
import { providerKeys } from '../config/provider-keys.ts';

export const UPSTREAM_HEADER = 'x-any-api-upstream';
export const ATTEMPTS_HEADER = 'x-any-api-attempts';

const DEFAULT_COOLDOWN_MS = 30_000;
const DEFAULT_AUTH_FAILURE_COOLDOWN_MS = 600_000;

/** Routing memory of this isolate: key cooldowns and conversation bindings. */
export interface RoutingState {
  pools: KeyPools;
  affinity: Affinity;
}

/** One try of one target with one key (undefined: the provider has none). */
export type Attempt = (resolved: ResolvedModel, apiKey: string | undefined) => Promise<GatewayAnswer>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** What a request that found every key of a pool cooling is told, without calling the upstream. */
function allKeysCooling(resolved: ResolvedModel, pool: KeyPool): UpstreamFailure {
  const waitMs = pool.readyIn();
  const status = pool.coolingStatus();
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const why = status === 401 || status === 403 ? `were refused (HTTP ${status})` : `are rate-limited (HTTP ${status})`;
  return new UpstreamFailure(status === 401 || status === 403 ? 503 : status, `Every key of provider "${resolved.providerId}" ${why}; the first is usable again in ${seconds} s.`, {
    headers: { 'retry-after': String(seconds) },
    retryAfterMs: waitMs,
  });
}

/** Sets a key aside after the upstream refused it: rate limits for the wait asked, auth failures for long. */
function coolKey(pool: KeyPool, index: number, resolved: ResolvedModel, failure: UpstreamFailure): void {
  const { status } = failure;
  if (status === 401 || status === 403) {
    const ms = resolved.options.authFailureCooldownMs ?? DEFAULT_AUTH_FAILURE_COOLDOWN_MS;
    // Logged once per setting aside, by position: never the key, not even a part of it.
    if (pool.coolDown(index, ms, status)) {
      console.warn(`any-api: provider "${resolved.providerId}": key #${index + 1} of ${pool.size} was refused with HTTP ${status}; it is set aside for ${Math.round(ms / 1000)} s.`);
    }
  } else if (status === 429 || status === 529 || failure.quotaExhausted) {
    pool.coolDown(index, failure.retryAfterMs ?? resolved.options.cooldownMs ?? DEFAULT_COOLDOWN_MS, status);
  }
}

/** The chain with the conversation's last target first, so a conversation stays where its cache is. */
function inAffinityOrder(chain: readonly ResolvedModel[], bound: string | undefined): readonly ResolvedModel[] {
  const at = bound === undefined ? -1 : chain.findIndex((r) => r.id === bound);
  return at <= 0 ? chain : [chain[at] as ResolvedModel, ...chain.slice(0, at), ...chain.slice(at + 1)];
}

function stamp(headers: Record<string, string>, served: string | undefined, attempts: number): void {
  if (served !== undefined) headers[UPSTREAM_HEADER] = served;
  headers[ATTEMPTS_HEADER] = String(attempts);
}

export async function attemptChain(
  ctx: RequestContext,
  chain: readonly ResolvedModel[],
  conversation: () => string | undefined,
  attempt: Attempt,
): Promise<GatewayAnswer> {
  const { pools, affinity } = ctx.routing;
  const { signal } = ctx.request;
  // Which conversation this is matters only where there is a choice to keep: read it once, lazily.
  let conversationId: string | undefined | null = null;
  const conversationOf = () => (conversationId === null ? (conversationId = conversation()) : conversationId);
  const binding = chain.length > 1 ? affinity.get(conversationOf() ?? '') : undefined;
  let last: UpstreamFailure | undefined;
  let tried: string | undefined;
  try {
    const ordered = inAffinityOrder(chain, binding?.target);
    for (const [position, resolved] of ordered.entries()) {
      tried = resolved.id;
      ctx.observation.upstream = resolved.id;
      ctx.observation.upstreamType = resolved.provider.type;
      const isLast = position === ordered.length - 1;
      const policy = retryPolicy(resolved.options.retry);
      const keys = providerKeys(resolved.provider, ctx.env, resolved.providerId);
      const pool = keys.length > 0 ? pools.for(resolved.providerId, keys) : undefined;
      const bound = pool && pool.size > 1 ? (binding ?? affinity.get(conversationOf() ?? ''))?.keys.get(resolved.providerId) : undefined;
      let avoid: number | undefined;
      for (let n = 1; n <= policy.attempts; n++) {
        let index = pool?.pick(resolved.options.keyStrategy ?? 'round-robin', bound, avoid);
        if (pool && index === undefined) {
          // Every key cools: skip to a fallback without calling. The last target is asked anyway
          // (once, on the key that cools the shortest) and its own answer returned: a cooldown
          // is our guess, and a guess must not turn a lone key's one 403 into minutes of refusals.
          if (!isLast || n > 1) {
            last ??= allKeysCooling(resolved, pool);
            break;
          }
          index = pool.soonest();
        }
        try {
          const answer = await attempt(resolved, index === undefined ? undefined : keys[index]);
          const id = chain.length > 1 || (pool?.size ?? 0) > 1 ? conversationOf() : undefined;
          if (id !== undefined) affinity.bind(id, resolved.id, resolved.providerId, index);
          stamp(answer.headers, resolved.id, ctx.attempts.count);
          return answer;
        } catch (error) {
          if (!(error instanceof UpstreamFailure) || signal.aborted) throw error;
          last = error;
          if (pool && index !== undefined) coolKey(pool, index, resolved, error);
          // A key set aside (rate limit, quota, refused key) with a usable sibling: the fault was
          // the key's, so the sibling gets the next try at once, whatever the status.
          const switchKey = pool !== undefined && index !== undefined && !pool.usable(index) && pool.hasOtherUsable(index);
          // Otherwise a status the upstream judged the request by: another try would hear the same.
          if (!switchKey && !isRetryable(policy, error.status)) throw error;
          if (n === policy.attempts) break;
          avoid = index;
          if (switchKey) continue;
          const wait = backoffMs(policy, n + 1, error.retryAfterMs);
          if (wait === undefined || (pool !== undefined && pool.readyIn() > wait)) break;
          await sleep(wait, signal);
          if (signal.aborted) throw abortedError(signal);
        }
      }
    }
    throw last ?? new GatewayError(502, 'No upstream could be tried for this model.');
  } catch (error) {
    if (error instanceof UpstreamFailure && error.relayed) {
      stamp(error.relayed.headers, tried, ctx.attempts.count);
      return error.relayed;
    }
    if (error instanceof GatewayError) stamp(error.headers, tried, ctx.attempts.count);
    throw error;
  }
}
