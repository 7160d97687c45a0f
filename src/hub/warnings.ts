// What a conversion could not carry across. Dropping something on purpose is allowed; doing it
// silently is not: every drop lands here, then in the `x-any-api-warnings` header and a log line.

/** Reports a field that has no twin on the target, and why. */
export type Drop = (field: string, why: string) => void;

export class Warnings {
  readonly list: string[] = [];
  /** Drops counted by `dropCounted` and not yet written by `flushCounted`, in first-seen order. */
  private readonly counted = new Map<string, { field: string; why: string; n: number }>();

  /** `field` has no twin on the target; say what happened to it. */
  drop(field: string, why: string): void {
    this.list.push(`${field}: ${why}`);
  }

  note(message: string): void {
    this.list.push(message);
  }

  // Fields that repeat on every part or item (an image `detail`, a Responses item `id`) would
  // flood the header with one line per occurrence. Three ways to report them once:

  /**
   * `drop`, unless this exact `field: why` line is already in the list (Gemini, Responses):
   * one warning per distinct line for the whole conversion.
   */
  dropOnce(field: string, why: string): void {
    const line = `${field}: ${why}`;
    if (!this.list.includes(line)) this.list.push(line);
  }

  /**
   * A `drop` for one decode or encode pass (Chat Completions passes it down its helpers): each
   * field is reported once per pass, with the first `why` it was given.
   */
  dropOncePerField(): Drop {
    const seen = new Set<string>();
    return (field, why) => {
      if (seen.has(field)) return;
      seen.add(field);
      this.drop(field, why);
    };
  }

  /**
   * Counts a per-item drop (Claude: foreign reasoning on every turn, an item id on every tool
   * call) without listing it yet; `flushCounted` ends the pass and writes each distinct one.
   */
  dropCounted(field: string, why: string): void {
    const key = `${field}\n${why}`;
    const row = this.counted.get(key);
    if (row) row.n += 1;
    else this.counted.set(key, { field, why, n: 1 });
  }

  /** Writes the counted drops in first-seen order: `field: why`, plus ` (×n)` when repeated. */
  flushCounted(): void {
    for (const { field, why, n } of this.counted.values()) this.drop(field, n > 1 ? `${why} (×${n})` : why);
    this.counted.clear();
  }
}

export const WARNINGS_HEADER = 'x-any-api-warnings';

/** Header value: `; `-joined, non-ASCII escaped (header values must be ByteStrings). */
export function warningsHeaderValue(warnings: Warnings): string | undefined {
  if (warnings.list.length === 0) return undefined;
  return warnings.list.join('; ').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 4000);
}

/** Puts the warnings in the response header and one log line; nothing when there are none. */
export function reportWarnings(warnings: Warnings, headers: Record<string, string>, context: string): void {
  const value = warningsHeaderValue(warnings);
  if (!value) return;
  headers[WARNINGS_HEADER] = value;
  console.warn(`any-api: ${context}: ${warnings.list.join('; ')}`);
}
