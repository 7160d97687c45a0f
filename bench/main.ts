// `npm run bench`, six parts:
// - passthrough: each case of bench/cases.ts — every protocol's same-protocol call, non-stream
//   and stream; small converted calls (Chat → Claude, Claude → Chat, non-stream and stream); a
//   ~200 KB Claude Code request passed through and converted — against a loopback mock upstream,
//   through the gateway, through a floor proxy (bench/floor-proxy.ts: parse, re-stringify,
//   forward, pipe back; the least a proxy can cost), for converted streams also through the
//   event floor (the same proxy re-serialising every event: the least a stream conversion
//   costs) and, with BENCH_BASELINE_DIR, an older
//   checkout's gateway (`before`), each in a fresh process of its own per case, back to back:
//   req/s, p50/p99 and added latency vs direct, added p50 and TTFB at one connection, CPU µs per
//   request, peak RSS, and those as multiples of the floor's (bench/passthrough.ts). Ends with
//   the bundle part.
// - bundle: the Worker bundle's bytes and gzip bytes (`wrangler deploy --dry-run` into a temp
//   directory, bench/bundle.ts); BENCH_BASELINE_DIR's too.
// - workerd: the gateway's CPU per request as a Worker on real workerd (`wrangler dev --local`,
//   one for all cases) for the gateway cases of the pass-through part, against the same mock
//   upstream, and a floor Worker's (bench/floor-worker.ts, under a wrangler dev of its own):
//   requests, req/s, p50/p99, and the CPU time (/proc) of the workerd process running the Worker
//   per request, beside that of wrangler's own proxy (another workerd) and its Node processes,
//   which local dev adds (bench/workerd.ts). Linux only. Runs after passthrough and bundle.
// - conversion: CPU per conversion of a ~200 KB Claude Code request to each other protocol and
//   of each one's answer back (bench/conversion.ts), in a process of its own, no HTTP.
// - streaming: time to first byte and to the first delta the gateway adds, chunks/s of a
//   500-delta stream, pass-through and converted, and the gateway's RSS with 256 concurrent
//   converted streams (bench/streaming.ts).
// - load: 1,000 concurrent converted streams × 3 rounds against a loopback upstream in a process
//   of its own: the gateway's idle baseline RSS, its peak RSS during the rounds, streams
//   completed / lost, and its RSS settled 10 s after them, beside the targets (bench/stream-load.ts).
// Prints figures; asserts nothing about time or memory; exits 0 when the run completes.
// Env: BENCH_ONLY (passthrough | bundle | workerd | conversion | streaming | load, or several
// comma separated; unset runs all six).
// Pass-through: BENCH_SECONDS (3) per case and target, BENCH_CONNECTIONS (32), BENCH_SERIAL_SECONDS
// (1: seconds per case and target at one connection for +p50@1 and TTFB; 0 skips),
// BENCH_BASELINE_DIR (an older checkout, e.g. a git worktree of the previous commit with its
// node_modules: its bench/gateway-process.ts is measured too, as `before`), BENCH_GATEWAY_NODE_ARGS
// (extra node flags for the gateway processes, space separated, e.g. `--cpu-prof
// --cpu-prof-dir=/tmp`), BENCH_CASES (comma-separated gateway case names, run in that order, `->`
// for `→`; the direct baselines they need always run first), BENCH_PRIME (1: extra warm-up
// seconds for each fresh target process, on top of 1 s; 0: none).
// Workerd: BENCH_WORKERD_SECONDS (3) per case, BENCH_WORKERD_WARMUP (1) seconds before each,
// BENCH_WORKERD_CONNECTIONS (8), BENCH_WORKERD_FLOOR (1; 0 skips the floor Worker), BENCH_CASES
// (as for pass-through).
// Conversion: BENCH_CONVERSION_SECONDS (2) and BENCH_CONVERSION_ITERATIONS (500) per case,
// whichever ends first, BENCH_CONVERSION_WARMUP (20), BENCH_CONVERSION_NODE_ARGS (extra node
// flags for its process, e.g. `--cpu-prof --cpu-prof-dir=/tmp`).
// Streaming: BENCH_STREAM_CHUNKS (500), BENCH_STREAM_REQUESTS (50), BENCH_STREAM_WARMUP (20),
// BENCH_STREAM_GAP_EVERY (50), BENCH_STREAM_CONCURRENCY (256), BENCH_STREAM_SPREAD_MS (2000),
// BENCH_STREAM_ROUNDS (2; 0 skips the concurrency case); BENCH_GATEWAY_NODE_ARGS applies too.
// Load: BENCH_LOAD_STREAMS (1000) streams opened at once per round, BENCH_LOAD_ROUNDS (3),
// BENCH_LOAD_SETTLE_MS (10000: how long after the last round the settled RSS is read), and the
// streams' shape: BENCH_LOAD_CHUNKS (300) text deltas over BENCH_LOAD_SPREAD_MS (15000: 20 deltas/s a stream, an LLM's pace; 1500 saturates the gateway's CPU);
// BENCH_GATEWAY_NODE_ARGS applies too.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, platform, arch, totalmem } from 'node:os';
import { join } from 'node:path';
import { runBundleBench } from './bundle.ts';
import { conversionOptionsFromEnv, loadOptionsFromEnv, passthroughOptionsFromEnv, streamingOptionsFromEnv, workerdOptionsFromEnv } from './env.ts';
import { runPassthroughBench } from './passthrough.ts';
import { loadBudgetSeconds, runLoadBench } from './stream-load.ts';
import { runStreamingBench } from './streaming.ts';
import { runWorkerdBench } from './workerd.ts';

const CONVERSION_NODE_ARGS = (process.env.BENCH_CONVERSION_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');

const PARTS = ['passthrough', 'bundle', 'workerd', 'conversion', 'streaming', 'load'] as const;
type Part = (typeof PARTS)[number];

function selectParts(only: string | undefined): Part[] {
  const wanted = (only ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (wanted.length === 0) return [...PARTS];
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  return PARTS.filter((p) => wanted.includes(p));
}

/** bench/conversion.ts in a process of its own (a clean heap, GC between cases); it prints its table. */
async function conversion(): Promise<void> {
  const options = conversionOptionsFromEnv();
  // 10 cases, each bounded by its seconds; generous slack for start-up and the warm-up round.
  const budgetMs = (12 * (options.seconds + 5) + 60) * 1000;
  const child = spawn(process.execPath, [...CONVERSION_NODE_ARGS, '--expose-gc', join(import.meta.dirname, 'conversion.ts')], { stdio: 'inherit' });
  const onSigint = () => child.kill('SIGINT');
  process.once('SIGINT', onSigint);
  let timer: NodeJS.Timeout | undefined;
  try {
    const code = await new Promise<number | string>((resolve, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`conversion bench took longer than ${budgetMs / 1000} s`));
      }, budgetMs);
      child.once('error', reject);
      child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal ?? 'unknown'));
    });
    if (code !== 0) throw new Error(`conversion bench exited with ${code}`);
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSigint);
  }
}

/** bench/streaming.ts in this process (its client and upstream; the gateway in its own), bounded. */
async function streaming(): Promise<void> {
  const options = streamingOptionsFromEnv();
  // 8 rows of warm-up + timed streams (generously 0.5 s each, a stall cut at 30 s), the rounds
  // at up to 10× their spread, and slack for starting two gateway processes.
  const budgetMs = (8 * (options.warmup + options.requests + 1) * 0.5 + options.rounds * (options.spreadMs * 10 / 1000 + 30) + 60) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`streaming bench took longer than ${(budgetMs / 1000).toFixed(0)} s`)), budgetMs);
  });
  try {
    await Promise.race([runStreamingBench(options), watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

/** bench/stream-load.ts: the client here, the gateway and the upstream each in a process of their own, bounded. */
async function load(): Promise<void> {
  const options = loadOptionsFromEnv();
  const budgetMs = loadBudgetSeconds(options) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`load bench took longer than ${(budgetMs / 1000).toFixed(0)} s`)), budgetMs);
  });
  try {
    await Promise.race([runLoadBench(options), watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const parts = selectParts(process.env.BENCH_ONLY);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  console.log(`any-api bench · node ${process.version} · ${cpu} · ${availableParallelism()} cores · ${platform()} ${arch()} · ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  // The pass-through table ends with the bundle size; the bundle part runs once either way.
  const steps: Array<[boolean, () => Promise<void>]> = [
    [parts.includes('passthrough'), () => runPassthroughBench(passthroughOptionsFromEnv())],
    [parts.includes('passthrough') || parts.includes('bundle'), () => runBundleBench(passthroughOptionsFromEnv().baselineDir)],
    // Bounded by a watchdog of its own, which also stops wrangler's process group.
    [parts.includes('workerd'), () => runWorkerdBench(workerdOptionsFromEnv())],
    [parts.includes('conversion'), conversion],
    [parts.includes('streaming'), streaming],
    [parts.includes('load'), load],
  ];
  let first = true;
  for (const [wanted, step] of steps) {
    if (!wanted) continue;
    if (!first) console.log('');
    first = false;
    await step();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench crashed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
