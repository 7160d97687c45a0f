// Gemini request validation that checks what the upstream will read. The Gemini API takes
// snake_case keys (`generation_config`, `inline_data`, …) as their camelCase twins, but the schema
// names only the camelCase ones: a snake_case key would pass unchecked as an extra property, and a
// wrongly typed `generation_config` or `system_instruction` would go upstream on pass-through.
// A body with such keys is checked with them renamed (normalize-keys.ts), as the decoder reads it.
// A field sent in both spellings is refused: the decoder would read one, the upstream maybe the
// other, and only one of them would have been checked.
import type { ValidationIssue, Validator } from '../../validation/validate.ts';
import { normalizeKeys, scanSnakeCaseKeys } from './normalize-keys.ts';

const note = (issue: ValidationIssue): ValidationIssue => ({ ...issue, message: `${issue.message} (snake_case keys read as camelCase)` });

/** `validator`, applied to the camelCase form of a body that uses snake_case keys. */
export function withSnakeCaseKeys<T>(validator: Validator<T>): Validator<T> {
  return (value) => {
    const scan = scanSnakeCaseKeys(value);
    // The common case (camelCase only) costs one key scan on top of the compiled check.
    if (!scan.found) return validator(value);
    if (scan.clash) {
      const { pointer, snake, camel } = scan.clash;
      return { ok: false, issues: [{ path: pointer, message: `"${snake}" and "${camel}" name the same field; send only one of them` }] };
    }
    const result = validator(normalizeKeys(value));
    return result.ok ? result : { ok: false, issues: result.issues.map(note) };
  };
}
