// Session affinity: which target and key served a conversation last, so its next turn goes to
// the same place and the upstream's prompt cache (keyed per account/key) keeps hitting. A
// bounded LRU with a TTL: a Map keeps insertion order, and a touched entry is re-inserted at
// the end, so the first entry is always the least recently used.

export interface Binding {
  /** The `provider.model` that served the conversation last. */
  target: string;
  /** Key index per provider id. */
  keys: Map<string, number>;
  touched: number;
}

export const AFFINITY_MAX_ENTRIES = 10_000;
export const AFFINITY_TTL_MS = 60 * 60 * 1000;

export class Affinity {
  private readonly entries = new Map<string, Binding>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;

  constructor(maxEntries = AFFINITY_MAX_ENTRIES, ttlMs = AFFINITY_TTL_MS) {
    this.maxEntries = maxEntries;
    this.ttlMs = ttlMs;
  }

  get size(): number {
    return this.entries.size;
  }

  get(conversation: string, now = Date.now()): Binding | undefined {
    const binding = this.entries.get(conversation);
    if (!binding) return undefined;
    this.entries.delete(conversation);
    if (now - binding.touched > this.ttlMs) return undefined;
    binding.touched = now;
    this.entries.set(conversation, binding);
    return binding;
  }

  bind(conversation: string, target: string, providerId: string, keyIndex: number | undefined, now = Date.now()): void {
    const binding = this.entries.get(conversation) ?? { target, keys: new Map<string, number>(), touched: now };
    this.entries.delete(conversation);
    binding.target = target;
    binding.touched = now;
    if (keyIndex !== undefined) binding.keys.set(providerId, keyIndex);
    this.entries.set(conversation, binding);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
