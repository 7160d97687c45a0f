// The workerd part of `npm run bench`: the gateway's CPU per request as a Worker, on real
// workerd under `wrangler dev --local` (started as test/workerd/workerd-smoke.test.ts does: a
// temporary wrangler.toml from wrangler.toml.example's runtime settings, the bench config in
// [vars], its own process group), for the gateway cases of bench/cases.ts against the lean
// loopback mock upstream (bench/mock-upstream.ts). Beside it, the floor as a Worker
// (bench/floor-worker.ts, the cheapest proxy) under a `wrangler dev` of its own: what workerd
// and local dev cost before any gateway code runs. Per case, gateway and floor back to back
// (reversed every other case): a body check, a warm-up, then a timed autocannon run between two
// reads of the CPU time (utime + stime, /proc/<pid>/stat) of each process in that wrangler's
// group. Linux only (/proc); prints figures, asserts nothing.
//
// `wrangler dev` runs two workerd processes: one holds wrangler's proxy Worker, which listens on
// the port clients call and forwards every request to the other, which runs the Worker (behind
// Miniflare's small entry Worker, in the same process). The Worker's cost is the second one's
// CPU; the proxy's and the wrangler Node processes' are printed beside it, labelled, as what
// local dev adds, not what the gateway costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrtime } from 'node:process';
import { GATEWAY_KEY, configFor } from '../test/helpers/gateway.ts';
import { benchCases, caseName, type BenchCase } from './cases.ts';
import { openChildLog, type ChildLog } from './child-log.ts';
import type { WorkerdOptions } from './env.ts';
import { runLoad, type LoadResult, type LoadSpec } from './load.ts';
import { startLeanUpstream, type LeanUpstream } from './mock-upstream.ts';
import { clockTicksPerSecond, procAvailable, processGroupCpu, type ProcCpu } from './proc-cpu.ts';

const ROOT = join(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const READY_TIMEOUT_MS = 90_000;
/** After a load run, before its CPU is read: the last responses' leftover work counts too. */
const SETTLE_MS = 100;

type Target = 'gateway' | 'floor';
const MAIN: Record<Target, string> = {
  gateway: join(ROOT, 'src', 'runtime', 'worker.ts'),
  floor: join(import.meta.dirname, 'floor-worker.ts'),
};

/** What a process in a wrangler's group is, for the CPU columns. */
type Kind = 'worker' | 'proxy' | 'wrangler' | 'other';
const KINDS: readonly Kind[] = ['worker', 'proxy', 'wrangler', 'other'];

interface Member extends ProcCpu {
  kind: Kind;
}

/** workerd listening on the port clients call holds wrangler's proxy Worker; the other workerd runs the Worker. */
function classify(p: ProcCpu, port: number): Kind {
  if (p.command === 'workerd') return p.args.includes(`--socket-addr=entry=127.0.0.1:${port}`) ? 'proxy' : 'worker';
  return p.command === 'node' ? 'wrangler' : 'other';
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signal 0 / a signal to the whole process group; false when it is gone. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    return process.kill(-pgid, signal);
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/** SIGTERM to a wrangler's process group (wrangler, workerd, esbuild), SIGKILL if still there after 5 s. */
async function stopProcessGroup(pgid: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  for (let i = 0; i < 50 && signalGroup(pgid, 0); i++) await sleep(100);
  signalGroup(pgid, 'SIGKILL');
}

/** A running `wrangler dev`: its own process group (pgid = wrangler's pid), temp dir and output file. */
interface DevServer {
  target: Target;
  url: string;
  port: number;
  pgid: number;
  readySeconds: number;
  log: ChildLog;
}

/** Everything a started `wrangler dev` leaves to clean up, registered before it can fail. */
interface Started {
  child?: ChildProcess;
  log?: ChildLog;
  tmp?: string;
}

async function startDevServer(target: Target, upstream: LeanUpstream, started: Started[]): Promise<DevServer> {
  const own: Started = {};
  started.push(own);
  const tmp = (own.tmp = mkdtempSync(join(tmpdir(), `any-api-bench-workerd-${target}-`)));
  // The shipped example's runtime settings, so this measures what `wrangler deploy` would run.
  const example = readFileSync(join(ROOT, 'wrangler.toml.example'), 'utf8');
  const runtime = example.split('\n').filter((l) => /^compatibility_(date|flags)\s*=/.test(l));
  writeFileSync(join(tmp, 'wrangler.toml'), [
    `name = "any-api-bench-${target}"`,
    `main = ${JSON.stringify(MAIN[target])}`,
    ...runtime,
    '[vars]',
    `ANY_API_CONFIG = ${JSON.stringify(JSON.stringify(configFor(upstream.url)))}`,
    `WORKER_AUTH_KEY = ${JSON.stringify(GATEWAY_KEY)}`,
    '',
  ].join('\n'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // wrangler's output (and the Worker's console, which it relays) to a file: a pipe with a busy
  // reader could hold it up; the summary at the end shows it.
  const log = (own.log = openChildLog(`wrangler (${target})`));
  const startedAt = Date.now();
  const child = (own.child = spawn(process.execPath, [
    WRANGLER, 'dev', '-c', join(tmp, 'wrangler.toml'), '--ip', '127.0.0.1', '--port', String(port), '--local',
    '--persist-to', join(tmp, 'state'), '--show-interactive-dev-session=false',
    // warn, not info: at info Miniflare's entry Worker also sends wrangler a log line per request.
    '--log-level', 'warn',
  ], {
    cwd: tmp,
    detached: true, // its own process group: wrangler, both workerd, esbuild
    stdio: ['ignore', log.fd, log.fd],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no fetch of workers.cloudflare.com/cf.json
      WRANGLER_LOG_PATH: join(tmp, 'logs'),
      WRANGLER_REGISTRY_PATH: join(tmp, 'registry'), // dev registry per run, not in ~/.config
      NO_COLOR: '1',
    },
  }));
  if (child.pid === undefined) throw new Error(`wrangler dev (${target}) did not start`);
  await waitUntilReady(child, url, log, target);
  const server: DevServer = { target, url, port, pgid: child.pid, readySeconds: (Date.now() - startedAt) / 1000, log };
  const group = members(server);
  if (!group.some((m) => m.kind === 'worker')) throw new Error(`wrangler dev (${target}): no workerd running the Worker in its process group: ${group.map((m) => `${m.pid} ${m.command}`).join(', ')}`);
  return server;
}

/** Until `GET /v1/models` answers 200; throws with wrangler's output when it exits or takes too long. */
async function waitUntilReady(child: ChildProcess, url: string, log: ChildLog, target: Target): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = child.exitCode ?? child.signalCode;
    if (exit !== null) throw new Error(`wrangler dev (${target}) exited (${exit}):\n${log.tail(40).join('\n')}`);
    try {
      const res = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` }, signal: AbortSignal.timeout(5_000) });
      const text = await res.text();
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${text.slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(250);
  }
  throw new Error(`wrangler dev (${target}) did not answer GET /v1/models with 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last}); its output ended:\n${log.tail(40).join('\n')}`);
}

/** Every process in a wrangler's group, classified. */
function members(server: DevServer): Member[] {
  return processGroupCpu(server.pgid).map((p) => ({ ...p, kind: classify(p, server.port) }));
}

/** CPU ticks per kind between `before` (a scan of the group) and now; undefined for a kind one of whose processes came or went. */
function ticksSince(before: Member[], server: DevServer): Record<Kind, number | undefined> {
  const now = members(server);
  const after = new Map(now.map((m) => [m.pid, m.ticks]));
  const result: Record<Kind, number | undefined> = { worker: 0, proxy: 0, wrangler: 0, other: 0 };
  for (const m of before) {
    const ticks = after.get(m.pid);
    const sum = result[m.kind];
    result[m.kind] = ticks === undefined || sum === undefined ? undefined : sum + ticks - m.ticks;
  }
  for (const m of now) if (!before.some((b) => b.pid === m.pid)) result[m.kind] = undefined;
  return result;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** One request: `same` when the body is the upstream's byte for byte, `conv` for a gateway's 2xx converted answer of the right shape. */
async function check(c: BenchCase, server: DevServer, upstream: LeanUpstream): Promise<string> {
  const label = `${c.name} (${server.target})`;
  try {
    const response = await fetch(`${server.url}${c.path}`, { method: 'POST', headers: c.headers, body: c.body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (!response.ok) {
      console.error(`  ${label}: HTTP ${response.status}: ${text.slice(0, 300)}`);
      return String(response.status);
    }
    if (text === upstream.bodyFor(c.upstream, c.stream)) return 'same';
    // The floor only forwards, so its answer is always the upstream's.
    if (server.target === 'gateway' && c.protocol !== c.upstream && (c.stream ? text.startsWith('event:') || text.startsWith('data:') : isJsonObject(text))) return 'conv';
    console.error(`  ${label}: body differs from the upstream's: ${text.slice(0, 300)}`);
    return 'DIFF';
  } catch (error) {
    console.error(`  ${label}: ${error instanceof Error ? error.message : String(error)}`);
    return 'FAIL';
  }
}

function selectCases(all: BenchCase[], names: string[]): BenchCase[] {
  const gateway = all.filter((c) => c.target === 'gateway');
  if (names.length === 0) return gateway;
  const wanted = names.map(caseName).map((n) => gateway.find((c) => c.name === n) ?? n);
  const unknown = wanted.filter((c) => typeof c === 'string');
  if (unknown.length > 0) throw new Error(`BENCH_CASES: unknown case ${unknown.join(', ')}; known: ${gateway.map((c) => c.name).join(', ')}`);
  return wanted as BenchCase[];
}

const connectionsFor = (c: BenchCase, options: WorkerdOptions) => Math.min(options.connections, c.maxConnections ?? Infinity);

interface Row {
  c: BenchCase;
  target: Target;
  connections: number;
  load: LoadResult;
  /** CPU ticks of each kind of process over the timed run; undefined when a process of that kind came or went during it. */
  ticks: Record<Kind, number | undefined>;
  wallMicros: number;
  /** This process's (load generator + mock upstream) CPU over the run, of one core. */
  genShare: number;
  check: string;
}

async function measure(c: BenchCase, server: DevServer, upstream: LeanUpstream, options: WorkerdOptions): Promise<Row> {
  const spec: LoadSpec = { url: `${server.url}${c.path}`, method: 'POST', headers: c.headers, body: c.body };
  const connections = connectionsFor(c, options);
  const checked = await check(c, server, upstream);
  await runLoad(spec, { connections, seconds: options.warmupSeconds });
  await sleep(SETTLE_MS);
  const before = members(server);
  const started = hrtime.bigint();
  const genBefore = process.cpuUsage();
  const load = await runLoad(spec, { connections, seconds: options.seconds });
  const gen = process.cpuUsage(genBefore);
  const wallMicros = Number(hrtime.bigint() - started) / 1000;
  await sleep(SETTLE_MS);
  const ticks = ticksSince(before, server);
  const odd = Object.entries(load.statusCodes).filter(([code]) => !code.startsWith('2'));
  if (odd.length > 0) console.log(`  ${c.name} (${server.target}): status codes ${odd.map(([code, n]) => `${code}×${n}`).join(', ')}`);
  return { c, target: server.target, connections, load, ticks, wallMicros, genShare: (gen.user + gen.system) / wallMicros, check: checked };
}

const COLUMNS = [
  ['case', 20], ['target', 7], ['conn', 4], ['requests', 8], ['req/s', 6], ['p50 ms', 7], ['p99 ms', 7],
  ['workerd µs/req', 14], ['±', 3], ['CPU', 4], ['cpu×fl', 6], ['+µs/req', 7], ['proxy µs/req', 12], ['wrangler µs/req', 15],
  ['gen', 4], ['bad', 3], ['body', 4],
] as const;

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));

/** CPU µs per request of one kind of process over a row's run. */
function perRequest(r: Row, kind: Kind, hz: number): number | undefined {
  const ticks = r.ticks[kind];
  return ticks === undefined || r.load.requests === 0 ? undefined : ((ticks / hz) * 1e6) / r.load.requests;
}

function formatRow(r: Row, hz: number, floor: Row | undefined): string {
  const worker = perRequest(r, 'worker', hz);
  const floorWorker = floor && perRequest(floor, 'worker', hz);
  const vsFloor = r.target === 'gateway' && worker !== undefined && floorWorker !== undefined;
  const orUnknown = (n: number | undefined, kind: Kind) => (r.ticks[kind] === undefined ? '?' : fmt(n, 0));
  return line([
    r.c.name,
    r.target,
    String(r.connections),
    String(r.load.requests),
    fmt(r.load.rps, 0),
    fmt(r.load.p50),
    fmt(r.load.p99),
    orUnknown(worker, 'worker'),
    r.load.requests > 0 ? fmt(1e6 / hz / r.load.requests, 0) : '-',
    r.ticks.worker === undefined ? '?' : `${fmt(((r.ticks.worker / hz) * 1e6 / r.wallMicros) * 100, 0)}%`,
    vsFloor && floorWorker > 0 ? `${fmt(worker / floorWorker)}×` : '-',
    vsFloor ? `${worker - floorWorker >= 0 ? '+' : ''}${fmt(worker - floorWorker, 0)}` : '-',
    orUnknown(perRequest(r, 'proxy', hz), 'proxy'),
    orUnknown(perRequest(r, 'wrangler', hz), 'wrangler'),
    `${fmt(r.genShare * 100, 0)}%`,
    String(r.load.non2xx + r.load.errors),
    r.check,
  ]);
}

function legend(hz: number, floor: boolean): string[] {
  const lines = [
    'target: gateway = src/runtime/worker.ts; floor = bench/floor-worker.ts, the least a proxy Worker can do (parse, re-stringify, fetch the upstream, return its body stream) — each under a wrangler dev of its own',
    'workerd µs/req: CPU (user+system, /proc/<pid>/stat) of the workerd process running the Worker, per request of the timed run: the Worker plus what workerd and Miniflare\'s entry Worker (same process) cost per request under local dev — the floor row shows that part',
    `±: the reading's resolution, one clock tick (${(1000 / hz).toFixed(0)} ms) over the run's requests · CPU: that workerd's CPU of one core over the run`,
    'cpu×fl: the gateway\'s workerd µs/req as a multiple of the floor\'s for the same case · +µs/req: the gateway\'s minus the floor\'s, the gateway code\'s own CPU per request on workerd (as near as this gets)',
    'proxy µs/req: the other workerd, holding wrangler dev\'s proxy Worker (it listens on the port called and forwards each request): local dev only, NOT the gateway',
    'wrangler µs/req: the wrangler Node processes (launcher + cli; they also relay the Worker\'s console output): local dev only, NOT the gateway · ?: a process of that kind came or went during the run',
    'gen: this process (load generator + mock upstream) CPU, of one core · bad: non-2xx answers + errors · body: same = byte-identical to the upstream\'s answer, conv = a 2xx converted answer',
  ];
  // Without the floor (BENCH_WORKERD_FLOOR=0), no line about it.
  return floor ? lines : lines.filter((l) => !l.startsWith('target:') && !l.startsWith('cpu×fl'));
}

/** The whole part's time limit, seconds: both wranglers' start-up, then each case's checks, warm-ups and runs with slack. */
function workerdBudgetSeconds(options: WorkerdOptions): number {
  const cases = selectCases(benchCases(GATEWAY_KEY), options.cases).length;
  const targets = options.floor ? 2 : 1;
  return targets * (READY_TIMEOUT_MS / 1000 + 10) + cases * targets * (options.warmupSeconds + options.seconds + 15) + 30;
}

/** Without ANSI colours (wrangler colours its warnings despite NO_COLOR). */
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

export async function runWorkerdBench(options: WorkerdOptions): Promise<void> {
  const cases = selectCases(benchCases(GATEWAY_KEY), options.cases);
  if (!procAvailable()) {
    console.log('workerd · skipped: reading workerd\'s CPU time needs Linux /proc');
    return;
  }
  const hz = clockTicksPerSecond();
  const started: Started[] = [];
  let upstream: LeanUpstream | undefined;
  // Whatever ends this process, the wrangler groups (detached, so not ended with it) go too,
  // and their files.
  const removeFiles = () => {
    for (const s of started) {
      s.log?.remove();
      if (s.tmp !== undefined) rmSync(s.tmp, { recursive: true, force: true });
    }
  };
  const killGroups = () => {
    for (const s of started) if (s.child?.pid !== undefined) signalGroup(s.child.pid, 'SIGKILL');
    removeFiles();
  };
  const onSigint = () => { killGroups(); process.exit(130); };
  process.once('SIGINT', onSigint);
  process.once('exit', killGroups);
  const budgetMs = workerdBudgetSeconds(options) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`workerd bench took longer than ${(budgetMs / 1000).toFixed(0)} s`)), budgetMs);
  });

  const body = async () => {
    upstream = await startLeanUpstream();
    const servers: DevServer[] = [];
    for (const target of options.floor ? (['gateway', 'floor'] as const) : (['gateway'] as const)) servers.push(await startDevServer(target, upstream, started));

    const capped = cases.filter((c) => connectionsFor(c, options) < options.connections);
    console.log(`workerd · CPU per request of the gateway as a Worker on workerd (wrangler dev --local)${options.floor ? ' and of the floor Worker' : ''}, ${options.seconds} s per case and target after ${options.warmupSeconds} s warm-up · ${options.connections} connections${capped.length > 0 ? ` (${capped.map((c) => `${c.name} ${connectionsFor(c, options)}`).join(', ')})` : ''} · CPU from /proc at ${hz} ticks/s`);
    for (const server of servers) {
      const group = members(server);
      const pids = (kind: Kind) => group.filter((m) => m.kind === kind).map((m) => m.pid).join('+') || 'none';
      const others = group.filter((m) => m.kind === 'other');
      console.log(`${server.target}: wrangler dev ready in ${server.readySeconds.toFixed(1)} s · workerd running the Worker: pid ${pids('worker')} · workerd running wrangler's proxy: pid ${pids('proxy')} · wrangler node: pid ${pids('wrangler')}${others.length > 0 ? ` · other: ${others.map((m) => `${m.pid} ${m.command}`).join(', ')}` : ''}`);
    }
    console.log(`${options.floor ? 'One wrangler dev per target for all cases; per case the targets run back to back, one at a time' : 'One wrangler dev for all cases, one case at a time (BENCH_WORKERD_FLOOR=0: no floor Worker)'}; load generator + mock upstream share this process. Figures are for comparison between runs on the same machine, not targets.`);
    console.log('');
    console.log(line(COLUMNS.map(([name]) => name)));
    console.log(line(COLUMNS.map(([, width]) => '-'.repeat(width))));
    let index = 0;
    for (const c of cases) {
      // Back to back, every other case in reverse order, so no target always follows the other.
      const order = index++ % 2 === 0 ? servers : [...servers].reverse();
      const rows = new Map<Target, Row>();
      for (const server of order) rows.set(server.target, await measure(c, server, upstream, options));
      const floor = rows.get('floor');
      for (const server of servers) console.log(formatRow(rows.get(server.target)!, hz, floor));
    }
    console.log('');
    for (const text of legend(hz, options.floor)) console.log(text);
    const answered = Object.values(upstream.counts).reduce((a, b) => a + b, 0);
    console.log(`upstream answered ${answered} requests${upstream.counts.unknown ? ` (${upstream.counts.unknown} to unknown paths)` : ''}`);
    for (const server of servers) for (const text of server.log.summary(3)) console.log(plain(text).replace(' stderr:', ' output (stdout + stderr):'));
  };

  try {
    await Promise.race([body(), watchdog]);
  } finally {
    clearTimeout(timer);
    await Promise.allSettled(started.map((s) => (s.child?.pid === undefined ? undefined : stopProcessGroup(s.child.pid))));
    process.removeListener('SIGINT', onSigint);
    process.removeListener('exit', killGroups);
    removeFiles();
    await upstream?.close();
  }
}
