#!/usr/bin/env -S node --max-semi-space-size=8 --heap-growing-percent=20
// `npx any-api [flags]` (package.json "bin"): runs the bundled gateway, dist-node/main.mjs, in
// this process — a child process would stand between the signals and the server. The V8 flags
// `npm start` passes come from the line above (`env -S` splits it; POSIX systems); run as
// `node bin/any-api.mjs` they are not applied, and the gateway runs with V8's defaults
// (a larger idle heap, nothing else). In a checkout, the bundle is (re)built first when it is
// missing or older than a file under src/, which needs the dev dependencies (esbuild).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const main = join(root, 'dist-node', 'main.mjs');
const src = join(root, 'src');

function newestSourceMs() {
  if (!existsSync(src)) return 0;
  let newest = 0;
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

if (!existsSync(main) || statSync(main).mtimeMs < newestSourceMs()) {
  const { bundleNode, NODE_MAIN } = await import(pathToFileURL(join(root, 'build', 'bundle-node.ts')).href);
  await bundleNode(join(src, 'runtime', 'node', 'main.ts'), NODE_MAIN);
}
await import(pathToFileURL(main).href);
