// Which failed attempts are worth another try, and how long to wait first. Defaults are the
// config contract's (`options.retry`): two tries, on statuses that say "busy" or "broke", with
// a jittered exponential backoff that obeys the upstream's retry-after when it is short enough.
// A request the upstream judged wrong (400, 404, 413, 422) fails the same way every time and
// is never retried, whatever `on` says.
import type { RetryOptions } from '../config/config-types.ts';

export interface RetryPolicy {
  attempts: number;
  on: ReadonlySet<number>;
  backoffMs: number;
  maxBackoffMs: number;
}


const DEFAULT_ON: readonly number[] = [408, 409, 429, 500, 502, 503, 504, 529];
const NEVER: ReadonlySet<number> = new Set([400, 404, 413, 422]);
const DEFAULT_POLICY: RetryPolicy = { attempts: 2, on: new Set(DEFAULT_ON), backoffMs: 200, maxBackoffMs: 5000 };

export function retryPolicy(options: RetryOptions | undefined): RetryPolicy {
  if (!options) return DEFAULT_POLICY;
  return {
    attempts: Math.max(1, options.attempts ?? DEFAULT_POLICY.attempts),
    on: options.on ? new Set(options.on) : DEFAULT_POLICY.on,
    backoffMs: options.backoffMs ?? DEFAULT_POLICY.backoffMs,
    maxBackoffMs: options.maxBackoffMs ?? DEFAULT_POLICY.maxBackoffMs,
  };
}

export function isRetryable(policy: RetryPolicy, status: number): boolean {
  return !NEVER.has(status) && policy.on.has(status);
}

/**
 * The wait before try number `next` (2, 3, …) of the same target: the upstream's retry-after
 * when it gave one no longer than `maxBackoffMs`; otherwise backoffMs · 2^(next-2), capped at
 * maxBackoffMs, with "equal jitter" (half fixed, half random) so a burst of failed requests
 * does not come back in lock-step. Undefined when the upstream asked for longer than we wait.
 */
export function backoffMs(policy: RetryPolicy, next: number, retryAfterMs: number | undefined, random = Math.random): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxBackoffMs ? retryAfterMs : undefined;
  const base = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, next - 2));
  return Math.round(base / 2 + (random() * base) / 2);
}
