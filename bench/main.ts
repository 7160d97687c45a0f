// `npm run bench`, four parts:
// - passthrough: same-protocol throughput and latency, each protocol, against a loopback mock
//   upstream; the gateway runs in its own process so its CPU per request and peak RSS are its own.
// - conversion: CPU per conversion of a ~200 KB Claude Code request to each other protocol and
//   of each one's answer back (bench/conversion.ts), in a process of its own, no HTTP.
// - streaming: time to first byte and to the first delta the gateway adds, chunks/s of a
//   500-delta stream, pass-through and converted, and the gateway's RSS with 256 concurrent
//   converted streams (bench/streaming.ts).
// - load: 1,000 concurrent converted streams × 3 rounds against a loopback upstream in a process
//   of its own: the gateway's idle baseline RSS, its peak RSS during the rounds, streams
//   completed / lost, and its RSS settled 10 s after them, beside the targets (bench/stream-load.ts).
// Prints figures; asserts nothing about time or memory; exits 0 when the run completes.
// Env: BENCH_ONLY (passthrough | conversion | streaming | load; unset runs all four).
// Pass-through: BENCH_SECONDS (5) per case, BENCH_CONNECTIONS (32), BENCH_GATEWAY_NODE_ARGS (extra
// node flags for the gateway process, space separated, e.g. `--cpu-prof --cpu-prof-dir=/tmp`),
// BENCH_CASES (comma-separated gateway case names, run in that order; the direct baselines
// always run first), BENCH_PRIME (1: seconds per gateway case in the warm-up round; 0 skips).
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
import { hrtime } from 'node:process';
import { GATEWAY_KEY, configFor } from '../test/helpers/gateway.ts';
import { benchCases, type BenchCase } from './cases.ts';
import { conversionOptionsFromEnv, envNumber, loadOptionsFromEnv, streamingOptionsFromEnv } from './env.ts';
import { startGatewayChild, type GatewayChild } from './gateway-child.ts';
import { runLoad, type LoadResult } from './load.ts';
import { startLeanUpstream, type LeanUpstream } from './mock-upstream.ts';
import { loadBudgetSeconds, runLoadBench } from './stream-load.ts';
import { runStreamingBench } from './streaming.ts';

const SECONDS = envNumber('BENCH_SECONDS', 5, 1, 60);
const CONNECTIONS = Math.round(envNumber('BENCH_CONNECTIONS', 32, 1, 1024));
const WARMUP_SECONDS = Math.min(1, SECONDS);
// 0 skips the warm-up round (autocannon would read a duration of 0 as its default of 10 s).
const PRIME_SECONDS = process.env.BENCH_PRIME === '0' ? 0 : envNumber('BENCH_PRIME', 1, 0.5, 10);
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
const CONVERSION_NODE_ARGS = (process.env.BENCH_CONVERSION_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');

const PARTS = ['passthrough', 'conversion', 'streaming', 'load'] as const;
type Part = (typeof PARTS)[number];

function selectParts(only: string | undefined): Part[] {
  const wanted = (only ?? '').trim();
  if (wanted === '') return [...PARTS];
  if (!(PARTS as readonly string[]).includes(wanted)) throw new Error(`BENCH_ONLY: unknown part ${wanted}; known: ${PARTS.join(', ')}`);
  return [wanted as Part];
}

interface Row {
  c: BenchCase;
  load: LoadResult;
  /** Gateway CPU µs over the measured run, and the wall µs it spanned (gateway cases only). */
  cpuMicros?: number;
  wallMicros?: number;
  /** Gateway RSS after the run, bytes. */
  rss: number;
  /** This process's (load generator + mock upstream) CPU µs over the run. */
  genMicros: number;
  genWallMicros: number;
  check: string;
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const signed = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : `${n >= 0 ? '+' : ''}${n.toFixed(2)}`);

const COLUMNS = [
  ['case', 20], ['req/s', 9], ['p50 ms', 8], ['p99 ms', 8], ['+p50 ms', 8], ['+p99 ms', 8],
  ['non2xx', 7], ['errors', 7], ['gw µs/req', 10], ['gw CPU', 7], ['gw RSS', 7], ['gen CPU', 7], ['body', 6],
] as const;

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');
}

function rowCells(row: Row, baseline: Row | undefined): string[] {
  const { load } = row;
  const gateway = row.cpuMicros !== undefined && row.wallMicros !== undefined;
  return [
    row.c.name,
    fmt(load.rps, 0),
    fmt(load.p50),
    fmt(load.p99),
    baseline ? signed(load.p50 - baseline.load.p50) : '-',
    baseline ? signed(load.p99 - baseline.load.p99) : '-',
    String(load.non2xx),
    String(load.errors),
    gateway && load.requests > 0 ? fmt(row.cpuMicros! / load.requests, 0) : '-',
    gateway ? `${fmt((row.cpuMicros! / row.wallMicros!) * 100, 0)}%` : '-',
    `${fmt(row.rss / 2 ** 20, 0)}M`,
    `${fmt((row.genMicros / row.genWallMicros) * 100, 0)}%`,
    row.check,
  ];
}

/** One request, compared byte for byte with what the upstream sent (pass-through must not touch it). */
async function check(c: BenchCase, url: string, upstream: LeanUpstream): Promise<string> {
  try {
    const response = await fetch(url, { method: 'POST', headers: c.headers, body: c.body, signal: AbortSignal.timeout(5000) });
    const text = await response.text();
    if (!response.ok) {
      console.error(`  ${c.name}: HTTP ${response.status}: ${text.slice(0, 300)}`);
      return String(response.status);
    }
    if (text === upstream.bodyFor(c.protocol, c.stream)) return 'same';
    console.error(`  ${c.name}: body differs from the upstream's: ${text.slice(0, 300)}`);
    return 'DIFF';
  } catch (error) {
    console.error(`  ${c.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 'FAIL';
  }
}

function selectCases(all: BenchCase[], list: string | undefined): BenchCase[] {
  const names = (list ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.some((c) => c.target === 'gateway' && c.name === n));
  if (unknown.length > 0) throw new Error(`BENCH_CASES: unknown case ${unknown.join(', ')}; known: ${all.filter((c) => c.target === 'gateway').map((c) => c.name).join(', ')}`);
  return [...all.filter((c) => c.target === 'direct'), ...names.map((n) => all.find((c) => c.target === 'gateway' && c.name === n)!)];
}

const cpuMicros = (s: { cpu: { user: number; system: number } }) => s.cpu.user + s.cpu.system;

async function passthrough(): Promise<void> {
  const cases = selectCases(benchCases(GATEWAY_KEY), process.env.BENCH_CASES);
  let upstream: LeanUpstream | undefined;
  let gateway: GatewayChild | undefined;
  // Everything is bounded: a wedged run is killed rather than left hanging.
  const budgetMs = (cases.length * (SECONDS + WARMUP_SECONDS + PRIME_SECONDS + 10) + 30) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`bench: gave up after ${budgetMs / 1000} s`);
    void gateway?.stop().finally(() => process.exit(2));
    setTimeout(() => process.exit(2), 4000).unref();
  }, budgetMs);
  watchdog.unref();
  process.once('SIGINT', () => {
    void gateway?.stop().finally(() => process.exit(130));
  });

  try {
    upstream = await startLeanUpstream();
    gateway = await startGatewayChild({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY }, GATEWAY_NODE_ARGS);

    console.log(`passthrough · ${SECONDS} s per case after ${WARMUP_SECONDS} s warm-up${PRIME_SECONDS > 0 ? ` (gateway first warmed ${PRIME_SECONDS} s on each case)` : ''} · ${CONNECTIONS} connections · gateway pid ${gateway.pid} (own process); load generator + mock upstream share this one`);
    console.log('Figures are for comparison between runs on the same machine, not targets.');
    console.log('');
    console.log(line(COLUMNS.map(([name]) => name)));
    console.log(line(COLUMNS.map(([, width]) => '-'.repeat(width))));

    const rows: Row[] = [];
    let primed = PRIME_SECONDS <= 0;
    for (const c of cases) {
      // Before the first gateway case, one warm-up round over all of them: the gateway's cost
      // per request keeps falling for its first few thousand requests (JIT, heap sizing), which
      // would otherwise flatter whichever case happens to run last.
      if (c.target === 'gateway' && !primed) {
        primed = true;
        for (const k of cases.filter((x) => x.target === 'gateway')) {
          await runLoad({ url: `${gateway.url}${k.path}`, method: 'POST', headers: k.headers, body: k.body }, { connections: CONNECTIONS, seconds: PRIME_SECONDS });
        }
      }
      const base = c.target === 'direct' ? upstream.url : gateway.url;
      const url = `${base}${c.path}`;
      const spec = { url, method: 'POST' as const, headers: c.headers, body: c.body };
      const checked = await check(c, url, upstream);
      await runLoad(spec, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      const before = await gateway.stats();
      const started = hrtime.bigint();
      const genBefore = process.cpuUsage();
      const load = await runLoad(spec, { connections: CONNECTIONS, seconds: SECONDS });
      const gen = process.cpuUsage(genBefore);
      const after = await gateway.stats();
      const wallMicros = Number(hrtime.bigint() - started) / 1000;
      const common = { c, load, check: checked, rss: after.rss, genMicros: gen.user + gen.system, genWallMicros: wallMicros };
      const row: Row = c.target === 'gateway' ? { ...common, cpuMicros: cpuMicros(after) - cpuMicros(before), wallMicros } : common;
      rows.push(row);
      const baseline = c.target === 'gateway' ? rows.find((r) => r.c.target === 'direct' && r.c.stream === c.stream) : undefined;
      console.log(line(rowCells(row, baseline)));
      const odd = Object.entries(load.statusCodes).filter(([code]) => !code.startsWith('2'));
      if (odd.length > 0) console.log(`  ${c.name}: status codes ${odd.map(([code, n]) => `${code}×${n}`).join(', ')}`);
    }

    const final = await gateway.stats();
    const answered = Object.values(upstream.counts).reduce((a, b) => a + b, 0);
    console.log('');
    console.log('+p50/+p99: added latency vs the direct baseline of the same kind (JSON or SSE) · latency is to the last byte');
    console.log('gw µs/req: gateway process CPU (user+system) per request · gw CPU: of one core · gw RSS: after the case · gen CPU: this process (load generator + mock) · body: the reply is byte-identical to the upstream\'s');
    console.log(`gateway peak RSS: ${(final.maxRSS / 1024).toFixed(1)} MiB · gateway CPU total: ${(cpuMicros(final) / 1e6).toFixed(1)} s · upstream answered ${answered} requests${upstream.counts.unknown ? ` (${upstream.counts.unknown} to unknown paths)` : ''}`);
  } finally {
    clearTimeout(watchdog);
    await gateway?.stop();
    await upstream?.close();
  }
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
  if (parts.includes('passthrough')) await passthrough();
  if (parts.includes('passthrough') && parts.length > 1) console.log('');
  if (parts.includes('conversion')) await conversion();
  if (parts.includes('streaming') && parts.length > 1) console.log('');
  if (parts.includes('streaming')) await streaming();
  if (parts.includes('load') && parts.length > 1) console.log('');
  if (parts.includes('load')) await load();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench crashed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
