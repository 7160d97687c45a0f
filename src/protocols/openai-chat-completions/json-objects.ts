// Chat-only helpers for JSON objects held as `unknown` (the shared readers are in ../read-json.ts).
import { isRecord, type JsonObject } from '../read-json.ts';

/** The value when it is an object, else {}: nested optional objects read without checks. */
export function rec(value: unknown): JsonObject {
  return isRecord(value) ? value : {};
}

/**
 * The generated types render free-form JSON objects (JSON Schemas, allowed-tool entries) as
 * `Record<string, never>`; this is the one cast that lets a passthrough object into them.
 */
export function opaque(value: JsonObject): Record<string, never> {
  return value as Record<string, never>;
}
