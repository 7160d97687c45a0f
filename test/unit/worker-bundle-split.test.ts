// The Worker's cold start parses only its main module: the o200k tokenizer's ranks (4.2 MB of
// the 4.9 MB script when they were bundled in) must be a module of their own in the upload,
// imported on the first estimated count. Built here as `npm run build` builds it, with
// `wrangler deploy --dry-run` (nothing is deployed), into a temporary directory.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import bpe from 'gpt-tokenizer/bpeRanks/o200k_base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { workerModules, type WorkerModule } from '../../build/worker-modules.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const RANK_FILE = readFileSync(join(ROOT, 'node_modules/gpt-tokenizer/data/o200k_base.tiktoken'));

let outdir: string;
let modules: WorkerModule[];
let main: string;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'any-api-worker-split-'));
  // The same arguments as `npm run build`, into the temporary directory.
  const build = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.build as string;
  const args = build.split(' && ')[0]?.split(' ').slice(1).map((arg) => (arg === 'dist' ? outdir : arg)) ?? [];
  await promisify(execFile)(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', WRANGLER_LOG_PATH: join(outdir, 'logs') },
  });
  modules = workerModules(outdir);
  main = readFileSync(join(outdir, 'worker.js'), 'utf8');
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('the main module holds none of the tokenizer ranks and stays well under 1 MB', () => {
  // Long tokens from across the table, as a bundled table would spell them (JSON string literals).
  const samples = bpe.filter((token): token is string => typeof token === 'string' && token.length >= 10).filter((_, i) => i % 500 === 0);
  expect(samples.length).toBeGreaterThan(20);
  expect(samples.filter((token) => main.includes(JSON.stringify(token)))).toEqual([]);
  expect(modules.find((module) => module.main)?.bytes).toBeLessThan(1_000_000);
});

it('the upload holds the ranks as another module, which the main module imports only dynamically', () => {
  const tokenizer = modules.filter((module) => !module.main && readFileSync(join(outdir, module.file)).equals(RANK_FILE));
  expect(tokenizer.map((module) => module.file)).toHaveLength(1);
  const file = tokenizer[0]?.file ?? '';
  expect(main).toContain(`import("./${file}")`);
  expect(main).not.toContain(`from "./${file}"`);
});
