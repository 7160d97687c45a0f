// Runs a generated, ahead-of-time compiled check; only when it fails does it rebuild the
// TypeBox types (lazily, once per components record) and ask TypeBox's Errors where and why.
import type { TSchema } from '@sinclair/typebox';
// `Errors` straight from the errors module: the `Value` namespace would bundle all of Value.*.
import { Errors, ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { convertComponents, type JsonSchemaComponents } from './from-json-schema.ts';
import * as Type from './type-builder.ts';

export interface ValidationIssue {
  /** JSON Pointer of the offending value ('' for the root). */
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export type Validator<T> = (value: unknown) => ValidationResult<T>;

const MAX_ISSUES = 8;
const referenceCache = new WeakMap<JsonSchemaComponents, TSchema[]>();

function referencesOf(components: JsonSchemaComponents): TSchema[] {
  let references = referenceCache.get(components);
  if (!references) {
    references = convertComponents(components);
    referenceCache.set(components, references);
  }
  return references;
}

/**
 * A union fails with a useless "Expected union value". The branch the client meant is a
 * near miss: its shape matched at the union's own path (and, for "known variants + unknown
 * fallback" unions, its `type` matched), so its errors lie deeper. Report the near miss with
 * the fewest errors, recursively; fall back to the union error when there is none.
 */
function explainUnion(error: ValueError): ValueError[] {
  const discriminant = `${error.path}/type`;
  let best: ValueError[] | undefined;
  for (const branch of error.errors) {
    const branchErrors = [...branch].slice(0, MAX_ISSUES);
    const nearMiss = branchErrors.length > 0 && branchErrors.every((e) => e.path !== error.path && e.path !== discriminant);
    if (nearMiss && (!best || branchErrors.length < best.length)) best = branchErrors;
  }
  return best ? best.flatMap((e) => (e.type === ValueErrorType.Union ? explainUnion(e) : [e])) : [error];
}

/** An enum is a union of literals: say which values are allowed rather than "Expected union value". */
function describe(error: ValueError): string {
  const members: unknown = (error.schema as { anyOf?: unknown }).anyOf;
  if (error.type === ValueErrorType.Union && Array.isArray(members) && members.every((m) => m && typeof m === 'object' && 'const' in m)) {
    return `Expected one of ${members.map((m: { const: unknown }) => JSON.stringify(m.const)).join(', ')}`;
  }
  return error.message;
}

function collectIssues(schema: TSchema, references: TSchema[], value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of Errors(schema, references, value)) {
    const explained = error.type === ValueErrorType.Union ? explainUnion(error) : [error];
    for (const e of explained) {
      // One complaint per location: "required" and "expected integer" for one missing key is noise.
      if (seen.has(e.path)) continue;
      seen.add(e.path);
      issues.push({ path: e.path, message: describe(e) });
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues.length > 0 ? issues : [{ path: '', message: 'Value does not match the schema' }];
}

/** Wraps a generated check into a validator that explains its failures. */
export function createValidator<T>(
  check: (value: unknown) => value is T,
  name: string,
  components: JsonSchemaComponents,
): Validator<T> {
  return (value) => {
    if (check(value)) return { ok: true, value };
    return { ok: false, issues: collectIssues(Type.Ref(name), referencesOf(components), value) };
  };
}

/** `/messages/0/content` → `messages[0].content` (OpenAI's `param` style). */
export function pointerToParam(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), '');
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
}
