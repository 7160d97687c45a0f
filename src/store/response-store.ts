// The storage behind stateful OpenAI Responses (`previous_response_id`, `item_reference`,
// GET/DELETE /responses/{id}, input_items), whatever the upstream: one small interface, so the
// request path never learns whether a SQLite file (Node) or a Durable Object (Workers) holds it.
// Runtime-neutral: nothing here may import from src/runtime/.

export interface StoredResponse {
  /** The gateway's own response id (`resp_…`). */
  id: string;
  /** Who may read it: a hex digest of the gateway key that created it. */
  owner: string;
  /** Epoch seconds; the TTL counts from here. */
  createdAt: number;
  previousResponseId?: string;
  /** The whole Responses `Response` object as returned to the client (GET returns it). */
  response: Record<string, unknown>;
  /**
   * `response` as JSON text, when the caller already has it (the upstream's answer as received):
   * the entry's JSON embeds it as it is rather than serialising `response` again. It must parse
   * to `response`; readers only ever see `response`.
   */
  responseText?: string;
  /** The conversation's input items after expansion (earlier turns included), in order. */
  input: unknown[];
  /** `input` as JSON text, when the caller has it (the client's own): written as is, like responseText. */
  inputText?: string;
  /** The response's output items. */
  output: unknown[];
}

export interface ResponseStore {
  /**
   * Stores (or replaces) a response and indexes every input/output item that has a string `id`,
   * for item_reference. Resolves only once the write is durable enough that the very next get()
   * — from any isolate — sees it (read-after-write). Rejects with StoreEntryTooLarge when the
   * entry's JSON is over `maxEntryBytes`.
   */
  put(entry: StoredResponse): Promise<void>;
  /** Undefined when missing, expired, or another owner's. */
  get(owner: string, id: string): Promise<StoredResponse | undefined>;
  /** Items by id (owner-scoped), for item_reference; missing ids are simply absent from the map. */
  items(owner: string, ids: readonly string[]): Promise<Map<string, unknown>>;
  /** True when something was deleted (false for a missing, expired or another owner's id). */
  delete(owner: string, id: string): Promise<boolean>;
}

export interface StoreLimits {
  /** How long an entry is kept, counted from its `createdAt`. */
  ttlDays: number;
  /** The largest entry (as JSON, in UTF-8 bytes) put() accepts. */
  maxEntryBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { ttlDays: 30, maxEntryBytes: 16 * 1024 * 1024 };

/**
 * The limits from the environment (`ANY_API_STORE_TTL_DAYS`, a positive number of days; may be
 * fractional). A value that is set but unusable throws rather than silently keeping
 * conversations for a period the operator did not choose.
 */
export function storeLimitsFromEnv(env: Readonly<Record<string, unknown>>): StoreLimits {
  const raw = env.ANY_API_STORE_TTL_DAYS;
  if (raw === undefined || raw === '') return { ...DEFAULT_STORE_LIMITS };
  const ttlDays = typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(ttlDays) || ttlDays <= 0) {
    throw new Error(`ANY_API_STORE_TTL_DAYS must be a positive number of days, got ${JSON.stringify(raw)}`);
  }
  return { ...DEFAULT_STORE_LIMITS, ttlDays };
}
