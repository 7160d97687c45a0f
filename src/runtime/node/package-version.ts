// The gateway's version for --version: read from package.json at run time, found by walking
// up from this module — it sits two levels deeper in src/runtime/node/main.ts than in the
// bundled dist-node/main.mjs. Read safely: a missing or odd file is "unknown", never a crash.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(from: string = import.meta.dirname): string {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === 'any-api' && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here (or not readable): keep walking up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
