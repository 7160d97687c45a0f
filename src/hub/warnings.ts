// What a conversion could not carry across. Dropping something on purpose is allowed; doing it
// silently is not: every drop lands here, then in the `x-any-api-warnings` header and a log line.

/** Reports a field that has no twin on the target, and why. */
export type Drop = (field: string, why: string) => void;

/**
 * The one way to report: `drop` (a field with no twin on the target) or `note` (anything else
 * the conversion did on purpose). A line reported again is not listed again: it is counted,
 * and shown once with ` (×n)` — fields that repeat on every part or item (an image `detail`, a
 * Responses item id, foreign reasoning on every turn) would otherwise flood the header.
 */
export class Warnings {
  /** Each distinct line and how often it was reported, in first-seen order. */
  private readonly lines = new Map<string, number>();

  /** `field` has no twin on the target; say what happened to it. (A property, so it can be handed on as a `Drop`.) */
  readonly drop: Drop = (field, why) => {
    this.note(`${field}: ${why}`);
  };

  note(message: string): void {
    this.lines.set(message, (this.lines.get(message) ?? 0) + 1);
  }

  /** How many distinct lines (as the header lists them). */
  get size(): number {
    return this.lines.size;
  }

  /** The lines, each once, ` (×n)` when reported n > 1 times. */
  get list(): string[] {
    return [...this.lines].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line));
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
