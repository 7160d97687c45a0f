// The bundle part of `npm run bench`: the Worker bundle's size, as `npm run build` makes it
// (`wrangler deploy --dry-run`, nothing is deployed), written to a temporary directory and
// removed after: bytes and gzip bytes of the main module (what a cold start parses) and of each
// module uploaded beside it (the o200k tokenizer's ranks), as `npm run build` lists them
// (Cloudflare's limits are on the gzipped size). With BENCH_BASELINE_DIR, the older checkout's
// bundle too, labelled `before`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeModule, workerModules } from '../build/worker-modules.ts';

const ROOT = join(import.meta.dirname, '..');
const TIMEOUT_MS = 120_000;

function run(cwd: string, command: string, args: string[]): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => { output += text; });
    child.stderr.setEncoding('utf8').on('data', (text: string) => { output += text; });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once('error', (error) => { clearTimeout(timer); reject(error); });
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? signal ?? 'unknown', output }); });
  });
}

/** Builds the Worker of the checkout at `root` and prints its modules' sizes, each line starting with `label`. */
async function bundleSize(root: string, label: string): Promise<void> {
  const outdir = await mkdtemp(join(tmpdir(), 'any-api-bundle-'));
  try {
    const started = performance.now();
    const args = ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, '--name', 'any-api', '--compatibility-date', '2026-11-01', 'src/runtime/worker.ts'];
    const { code, output } = await run(root, 'npx', args);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`${label}: npx ${args.join(' ')} in ${root} exited with ${code}:\n${output.slice(-2000)}`);
    // An older checkout's build may split nothing: then the main module is its only line.
    for (const module of workerModules(outdir)) console.log(`${label.padEnd(8)}${describeModule(module)} · built in ${seconds.toFixed(1)} s`);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** @param baselineDir an older checkout (BENCH_BASELINE_DIR) whose bundle is measured too. */
export async function runBundleBench(baselineDir?: string): Promise<void> {
  console.log('bundle · wrangler deploy --dry-run … src/runtime/worker.ts (as `npm run build`, into a temporary directory)');
  await bundleSize(ROOT, 'gateway');
  if (baselineDir !== undefined) await bundleSize(resolve(baselineDir), 'before');
}
