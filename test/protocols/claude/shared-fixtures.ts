// Recorded Anthropic traffic from the shared reference folder (../shared from the project
// root), read in place: it is reference material and never copied into this repository.
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { join } from 'node:path';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'anthropic');

export function sharedJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SHARED, file), 'utf8')) as Record<string, unknown>;
}

/** The reference folder sits beside the repository in CI; a plain clone has none, so these skip. */
export const HAS_SHARED = existsSync(SHARED);
export const itWithShared = it.skipIf(!HAS_SHARED);
