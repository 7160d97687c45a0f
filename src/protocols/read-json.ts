// Lenient readers for upstream/inbound JSON, shared by every protocol folder. Upstream answers
// are not validated (APIs add and omit fields every month), and even validated requests hold
// open unions (a "known variants + unknown fallback" part lets any `type` through), so fields
// are read from `unknown` and narrowed here: a missing or mistyped optional field reads as
// undefined instead of crashing the conversion.

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The record entries of an array; anything else yields []. */
export function recordsAt(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Set: a value the client actually sent (null means "default" in the OpenAI APIs). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * `table[key]` for a key that came from the client: own entries only, so `constructor`,
 * `toString` or `__proto__` read as "not in the table", not as an Object.prototype member.
 */
export function ownEntry<T>(table: Readonly<Partial<Record<string, T>>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * One SSE event's `data` as JSON, leniently: data that is not JSON (a keep-alive, `[DONE]` from a
 * proxy) is skipped by the caller, never fatal: peer gateways that throw on such lines end
 * whole streams over one keep-alive. Real data lines
 * may end in spaces; JSON.parse ignores surrounding whitespace. The one such parse for every
 * protocol's stream reducer.
 */
export function parseEventData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** The same, when only an object is a usable event. */
export function parseEventObject(data: string): JsonObject | undefined {
  const value = parseEventData(data);
  return isRecord(value) ? value : undefined;
}
