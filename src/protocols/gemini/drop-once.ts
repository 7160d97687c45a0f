// A field that repeats on every part (an image `detail`, a `cache_control` breakpoint) is
// reported once per conversion, not once per occurrence.
import type { Warnings } from '../../hub/warnings.ts';

export function dropOnce(warnings: Warnings, field: string, why: string): void {
  const message = `${field}: ${why}`;
  if (!warnings.list.includes(message)) warnings.drop(field, why);
}
