// Lenient readers for JSON held as `unknown`: upstream bodies are not validated, and client
// bodies have open unions (a "known variants + unknown fallback" part lets any `type` through
// validation), so fields are read and narrowed here rather than trusted from the types.
import type { Warnings } from '../../hub/warnings.ts';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The record entries of an array; anything else yields []. */
export function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function rec(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export type Drop = (field: string, why: string) => void;

/** warnings.drop, once per field: a field repeated in every message is one warning, not fifty. */
export function dropper(warnings: Warnings): Drop {
  const seen = new Set<string>();
  return (field, why) => {
    if (seen.has(field)) return;
    seen.add(field);
    warnings.drop(field, why);
  };
}

/**
 * The generated types render free-form JSON objects (JSON Schemas, allowed-tool entries) as
 * `Record<string, never>`; this is the one cast that lets a passthrough object into them.
 */
export function opaque(value: Json): Record<string, never> {
  return value as Record<string, never>;
}
