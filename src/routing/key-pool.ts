// One provider's upstream keys and which of them may be used now. A key that got 429/529 (or
// Gemini RESOURCE_EXHAUSTED) cools down for as long as the upstream asked, else `cooldownMs`;
// a key refused with 401/403 is set aside for `authFailureCooldownMs`. Cooling keys are skipped
// while another is usable; when all cool, `pick` says so and the caller fails over rather than
// waiting. State is per isolate (per Node process, per Worker isolate): a pool only steers this
// instance's requests, which is all a cooldown needs to be useful.
import type { KeyStrategy } from '../config/config-types.ts';

export class KeyPool {
  readonly keys: readonly string[];
  /** Epoch ms until which each key is cooling (0: usable). */
  private readonly coolUntil: number[];
  /** The upstream status that set each key aside last. */
  private readonly coolStatus: number[];
  private next = 0;

  constructor(keys: readonly string[]) {
    this.keys = keys;
    this.coolUntil = keys.map(() => 0);
    this.coolStatus = keys.map(() => 0);
  }

  get size(): number {
    return this.keys.length;
  }

  usable(index: number, now = Date.now()): boolean {
    return (this.coolUntil[index] ?? Infinity) <= now;
  }

  /**
   * A key index usable now: `preferred` when it is (session affinity), else the next usable one
   * by strategy, skipping `avoid` (the key this request just failed on) while another is
   * usable. Undefined when every key is cooling.
   */
  pick(strategy: KeyStrategy, preferred?: number, avoid?: number, now = Date.now()): number | undefined {
    if (preferred !== undefined && preferred !== avoid && this.usable(preferred, now)) return preferred;
    const start = strategy === 'fill-first' ? 0 : this.next;
    let fallback: number | undefined;
    for (let step = 0; step < this.keys.length; step++) {
      const index = (start + step) % this.keys.length;
      if (!this.usable(index, now)) continue;
      if (index === avoid) {
        fallback ??= index;
        continue;
      }
      if (strategy === 'round-robin') this.next = (index + 1) % this.keys.length;
      return index;
    }
    return fallback;
  }

  /** Another key than `index` is usable now. */
  hasOtherUsable(index: number | undefined, now = Date.now()): boolean {
    return this.coolUntil.some((until, i) => i !== index && until <= now);
  }

  /**
   * Sets a key aside for `ms` after the upstream answered `status`; a longer cooldown already
   * running is kept. True when the key was usable until now (so a caller logs it once).
   */
  coolDown(index: number, ms: number, status: number, now = Date.now()): boolean {
    const wasUsable = this.usable(index, now);
    const until = now + ms;
    if (until > (this.coolUntil[index] ?? 0)) {
      this.coolUntil[index] = until;
      this.coolStatus[index] = status;
    }
    return wasUsable;
  }

  /** The key whose cooldown ends first. */
  soonest(): number {
    let first = 0;
    for (let i = 1; i < this.coolUntil.length; i++) if ((this.coolUntil[i] ?? 0) < (this.coolUntil[first] ?? 0)) first = i;
    return first;
  }

  /** The status behind the cooldown that ends first: what a request that found no key is told. */
  coolingStatus(): number {
    return this.coolStatus[this.soonest()] ?? 503;
  }

  /** Ms until the first cooling key is usable again (0 when one is usable now). */
  readyIn(now = Date.now()): number {
    return Math.max(0, Math.min(...this.coolUntil) - now);
  }
}

/**
 * The pools of this instance, one per provider, rebuilt when its list of keys changes (a
 * Worker's secrets or a config reload), so a cooldown never sticks to a key that is gone.
 */
export class KeyPools {
  private readonly pools = new Map<string, KeyPool>();

  for(providerId: string, keys: readonly string[]): KeyPool {
    const pool = this.pools.get(providerId);
    if (pool && pool.keys.length === keys.length && pool.keys.every((key, i) => key === keys[i])) return pool;
    const fresh = new KeyPool(keys);
    this.pools.set(providerId, fresh);
    return fresh;
  }
}
