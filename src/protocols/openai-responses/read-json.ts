// Lenient readers for JSON whose shape is not guaranteed: upstream bodies are not validated
// (APIs add and omit fields every month), so every field is read from `unknown` and narrowed.
import type { Warnings } from '../../hub/warnings.ts';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Set: a value the client actually sent (null means "default" in the OpenAI APIs). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * warnings.drop, once per field: Codex repeats item-level fields (`id`, `status`) on every
 * item, and one line per occurrence would flood the warnings header.
 */
export function dropOnce(warnings: Warnings, field: string, why: string): void {
  const line = `${field}: ${why}`;
  if (!warnings.list.includes(line)) warnings.drop(field, why);
}
