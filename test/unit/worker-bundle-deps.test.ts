// The Worker bundle holds no Node-only metrics code: prom-client (and the module that uses
// it) must stay under runtime/node/, reached only from the Node entry. Bundled here with
// esbuild as wrangler would, and the bundle's inputs listed.
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

it('the Worker entry pulls in neither prom-client nor the Node metrics module', async () => {
  const result = await build({
    entryPoints: [join(ROOT, 'src/runtime/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // Text modules (the o200k ranks) are uploaded beside the script, as wrangler does.
    external: ['cloudflare:*', 'node:*', '*.txt'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((input) => input.endsWith('src/observability/request-log.ts')), 'the request log is in the Worker').toBe(true);
  expect(inputs.filter((input) => input.includes('prom-client') || input.includes('runtime/node/'))).toEqual([]);
});
