// Claude decoders treat `false`, `[]` and `{}` like a missing field: nothing to carry over and
// nothing to warn about. (The shared `isSet` in ../read-json.ts only rules out undefined/null.)
import { isRecord } from '../read-json.ts';

/** Present and meaningful: not undefined, null, false, an empty array or an empty object. */
export function isMeaningful(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}
