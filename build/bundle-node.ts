// The Node gateway as one plain-JavaScript ES module: `npm run build:node` (and `npm start`,
// which builds before it runs) bundles src/runtime/node/main.ts into dist-node/main.mjs; the
// bench bundles its gateway and floor processes the same way (bench/gateway-child.ts), so it
// measures what operators run.
//
// Why: Node runs .ts files by stripping their types with a WebAssembly build of swc (amaro),
// loaded into the process for its whole life, and keeps every module's source twice (as
// written and stripped). For the gateway that was ~38 MiB of its ~116 MiB idle RSS (115.5 →
// 77.8 MiB, same config, after a full GC): the floor every memory target starts from.
//
// undici and gpt-tokenizer stay packages of their own: undici is loaded as it is published,
// and the tokenizer's ~5 MB of tables only when a count_tokens request first needs them (a
// dynamic import a bundle would otherwise inline and load at start-up). prom-client too: it is
// CommonJS that require()s Node built-ins, which an ES module bundle cannot do at run time.
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // jsonc-parser's `main` is a UMD build that require()s its own files at run time; its ES
  // module build bundles cleanly.
  mainFields: ['module', 'main'],
  external: ['undici', 'gpt-tokenizer', 'prom-client'],
  legalComments: 'none',
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles `entry` (a .ts file) into `outfile` (.mjs), which must sit where `node_modules` resolves. */
export async function bundleNode(entry: string, outfile: string): Promise<void> {
  const result = await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile, write: false });
  // Written whole, then renamed into place: a process starting while another `npm start` (or
  // the any-api bin) rebuilds never loads half a bundle.
  const text = result.outputFiles[0]?.contents; // one entry, no code splitting: one file
  if (!text) throw new Error(`esbuild produced no ${outfile}`);
  mkdirSync(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, outfile);
}

const root = join(import.meta.dirname, '..');
/** What `npm start` runs. */
export const NODE_MAIN = join(root, 'dist-node', 'main.mjs');

if (process.argv[1] === import.meta.filename) {
  await bundleNode(join(root, 'src', 'runtime', 'node', 'main.ts'), NODE_MAIN);
}
