// The dry-run sample requests of test/fixtures/dry-run/<name>.json, with `{model}` filled in
// (in the body's `model` and, for Gemini, in the path).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures.ts';

export interface DryRunCase {
  path: string;
  body: Record<string, unknown>;
}

export function dryRunCase(name: string, model: string): DryRunCase {
  const text = readFileSync(join(FIXTURES, 'dry-run', `${name}.json`), 'utf8');
  return JSON.parse(text.replaceAll('{model}', model)) as DryRunCase;
}

/** What a dry run answers with when it captured the request. */
export interface DryRunAnswer {
  upstream: { method: string; url: string; headers: Record<string, string>; body: unknown } | null;
  warnings: string[];
}
