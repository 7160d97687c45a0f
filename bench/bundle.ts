// The bundle part of `npm run bench`: the Worker bundle's size, as `npm run build` makes it
// (`wrangler deploy --dry-run`, nothing is deployed), written to a temporary directory and
// removed after: bytes and gzip bytes of each .js it writes (Cloudflare's limits are on the
// gzipped size). With BENCH_BASELINE_DIR, the older checkout's bundle too, labelled `before`.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

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

/** Builds the Worker of the checkout at `root` and prints its .js files' sizes, each line starting with `label`. */
async function bundleSize(root: string, label: string): Promise<void> {
  const outdir = await mkdtemp(join(tmpdir(), 'any-api-bundle-'));
  try {
    const started = performance.now();
    const args = ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, '--name', 'any-api', '--compatibility-date', '2026-11-01', 'src/runtime/worker.ts'];
    const { code, output } = await run(root, 'npx', args);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`${label}: npx ${args.join(' ')} in ${root} exited with ${code}:\n${output.slice(-2000)}`);
    const files = (await readdir(outdir, { recursive: true })).filter((f) => f.endsWith('.js') || f.endsWith('.mjs')).sort();
    if (files.length === 0) throw new Error(`${label}: wrangler wrote no .js file to ${outdir}`);
    for (const file of files) {
      const bytes = await readFile(join(outdir, file));
      const gzip = gzipSync(bytes).length;
      console.log(`${label.padEnd(8)}${file}: ${bytes.length} bytes (${(bytes.length / 1024).toFixed(1)} KiB) · gzip ${gzip} bytes (${(gzip / 1024).toFixed(1)} KiB) · built in ${seconds.toFixed(1)} s`);
    }
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
