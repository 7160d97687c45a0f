// Fixture access for the Gemini codec tests: ours (test/fixtures/gemini) and the recorded
// reference traffic in the shared folder, read in place (never copied into the repo).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Warnings } from '../../../src/hub/warnings.ts';

export { readFixtureJson } from '../../helpers/fixtures.ts';

/** /work/shared/fixtures/gemini: the reference folder beside the repository (`../shared`). */
export const SHARED = resolve(import.meta.dirname, '../../../../shared/fixtures/gemini');
export const hasShared = existsSync(SHARED);

export function readShared<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(join(SHARED, file), 'utf8')) as T;
}

export function newWarnings(): Warnings {
  return new Warnings();
}
