// The modules of a Worker upload as `wrangler deploy --dry-run --outdir` writes them: the main
// module (what workerd parses at every cold start) and each module uploaded beside it (the o200k
// tokenizer's ranks, loaded on the first estimated count), with their sizes. `npm run build`
// prints them after wrangler (whose own summary is one total); the bench prints the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface WorkerModule {
  file: string;
  main: boolean;
  bytes: number;
  /** Cloudflare's size limits are on the compressed upload. */
  gzipBytes: number;
}

/**
 * The main module and the modules it imports by relative path: what wrangler uploads beside it
 * (it rewrites each such import to the module's upload name). Read from the imports rather than
 * the folder, because wrangler never empties `--outdir`: an older build's modules stay there.
 * @param mainFile the entry's output name (`src/runtime/worker.ts` → `worker.js`).
 */
export function workerModules(outdir: string, mainFile = 'worker.js'): WorkerModule[] {
  const main = readFileSync(join(outdir, mainFile));
  const imported = new Set<string>();
  for (const match of main.toString('utf8').matchAll(/(?:\bimport\s*\(\s*|\bfrom\s*)"\.\/([^"]+)"/g)) imported.add(match[1] ?? '');
  const sized = (file: string, content: Buffer): WorkerModule => ({ file, main: file === mainFile, bytes: content.length, gzipBytes: gzipSync(content).length });
  return [sized(mainFile, main), ...[...imported].sort().map((file) => sized(file, readFileSync(join(outdir, file))))];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** One line per module: `main module  worker.js: 774723 bytes (756.6 KiB) · gzip …`. */
export function describeModule(module: WorkerModule): string {
  return `${module.main ? 'main module' : 'module     '}  ${module.file}: ${module.bytes} bytes (${kib(module.bytes)}) · gzip ${module.gzipBytes} bytes (${kib(module.gzipBytes)})`;
}

if (process.argv[1] === import.meta.filename) {
  const outdir = process.argv[2] ?? 'dist';
  for (const module of workerModules(outdir)) console.log(describeModule(module));
}
