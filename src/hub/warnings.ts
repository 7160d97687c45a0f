// What a conversion could not carry across. Dropping something on purpose is allowed; doing it
// silently is not: every drop lands here, then in the `x-any-api-warnings` header and a log line.
export class Warnings {
  readonly list: string[] = [];

  /** `field` has no twin on the target; say what happened to it. */
  drop(field: string, why: string): void {
    this.list.push(`${field}: ${why}`);
  }

  note(message: string): void {
    this.list.push(message);
  }
}

export const WARNINGS_HEADER = 'x-any-api-warnings';

/** Header value: `; `-joined, non-ASCII escaped (header values must be ByteStrings). */
export function warningsHeaderValue(warnings: Warnings): string | undefined {
  if (warnings.list.length === 0) return undefined;
  return warnings.list.join('; ').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 4000);
}
