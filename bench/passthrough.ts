// The pass-through part of `npm run bench`: each case of bench/cases.ts against a loopback mock
// upstream, through the gateway, through the floor proxy (bench/floor-proxy.ts: what the cheapest
// possible proxy to the same upstream costs) and, with BENCH_BASELINE_DIR, through an older
// checkout's gateway (`before`). Converted stream cases also run the event floor (the floor
// proxy with FLOOR_EVENTS=1: it parses and re-serialises every event, which a conversion cannot
// skip), so they can be read against what converting a stream costs at the least. Each target
// runs in a fresh process of its own per case, one at a time, so its CPU and peak RSS are that
// case's alone; the targets of a case are measured back to back (gateway, before, floor, events;
// reversed every other case), so a noisy neighbour hits them alike. Each run: a body check, a
// warm-up, the measured run at BENCH_CONNECTIONS, then a short run at one connection (added p50,
// TTFB). The targets' stderr goes to temporary files, summarised at the end (bench/child-log.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hrtime } from 'node:process';
import { GATEWAY_KEY, configFor } from '../test/helpers/gateway.ts';
import { benchCases, caseName, type BenchCase } from './cases.ts';
import type { GatewayStats } from './child-ipc.ts';
import type { PassthroughOptions } from './env.ts';
import { openChildLog, type ChildLog } from './child-log.ts';
import { startGatewayChild, type ChildOptions, type GatewayChild } from './gateway-child.ts';
import { runLoad, type LoadSpec } from './load.ts';
import { startLeanUpstream, type LeanUpstream } from './mock-upstream.ts';
import { LEGEND, cpuPerRequest, header, row, type Measured, type TargetName } from './passthrough-table.ts';
import { percentile } from './percentile.ts';
import { runSerial } from './serial-probe.ts';

const cpuMicros = (s: GatewayStats) => s.cpu.user + s.cpu.system;

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** One request, its body compared with what the upstream sent (a pass-through must not touch it; a conversion must answer 2xx). */
async function check(c: BenchCase, url: string, upstream: LeanUpstream, target: TargetName): Promise<string> {
  try {
    const response = await fetch(url, { method: 'POST', headers: c.headers, body: c.body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (!response.ok) {
      console.error(`  ${c.name} (${target}): HTTP ${response.status}: ${text.slice(0, 300)}`);
      return String(response.status);
    }
    if (text === upstream.bodyFor(c.upstream, c.stream)) return 'same';
    // A converted answer differs by design (here only its shape is checked: an SSE stream or a
    // JSON object), as may the event floor's re-serialised one; the floor only forwards, so its
    // answer never does.
    if (c.protocol !== c.upstream && (target === 'gateway' || target === 'before' || target === 'events') && (c.stream ? text.startsWith('event:') || text.startsWith('data:') : isJsonObject(text))) return 'conv';
    console.error(`  ${c.name} (${target}): body differs from the upstream's: ${text.slice(0, 300)}`);
    return 'DIFF';
  } catch (error) {
    console.error(`  ${c.name} (${target}): ${error instanceof Error ? error.message : String(error)}`);
    return 'FAIL';
  }
}

function selectCases(all: BenchCase[], names: string[]): BenchCase[] {
  const gateway = all.filter((c) => c.target === 'gateway');
  const wanted = names.length === 0 ? gateway : names.map(caseName).map((n) => gateway.find((c) => c.name === n) ?? n);
  const unknown = wanted.filter((c) => typeof c === 'string');
  if (unknown.length > 0) throw new Error(`BENCH_CASES: unknown case ${unknown.join(', ')}; known: ${gateway.map((c) => c.name).join(', ')}`);
  const chosen = wanted as BenchCase[];
  // The direct baselines the chosen cases are measured against, first.
  return [...all.filter((c) => c.target === 'direct' && chosen.some((k) => k.baseline === c.name)), ...chosen];
}

/** A kind of target process: a fresh one per case, so each case's peak RSS is its own. */
interface TargetKind {
  name: Exclude<TargetName, 'direct'>;
  nodeArgs: string[];
  /** Added to the process's environment. */
  env?: Record<string, string>;
  options: ChildOptions;
  log: ChildLog;
}

/** A stream the gateway converts: it must parse and write every event anew. */
const isConvertedStream = (c: BenchCase) => c.stream && c.protocol !== c.upstream;

const connectionsFor = (c: BenchCase, options: PassthroughOptions) => Math.min(options.connections, c.maxConnections ?? Infinity);

/** The direct baseline: the same load straight at the mock upstream. */
async function measureDirect(c: BenchCase, upstream: LeanUpstream, options: PassthroughOptions): Promise<Measured> {
  return measure(c, 'direct', `${upstream.url}${c.path}`, undefined, upstream, options);
}

/** A fresh target process for one case: started, measured, stopped. */
async function measureTarget(c: BenchCase, kind: TargetKind, env: Record<string, string>, upstream: LeanUpstream, options: PassthroughOptions, running: Set<GatewayChild>): Promise<Measured> {
  let child: GatewayChild;
  try {
    child = await startGatewayChild({ ...env, ...kind.env }, kind.nodeArgs, { ...kind.options, stderr: kind.log.fd });
  } catch (error) {
    const tail = kind.log.tail();
    throw new Error(`${c.name}: ${error instanceof Error ? error.message : String(error)}${tail.length > 0 ? `; its stderr ended:\n${tail.join('\n')}` : ''}`);
  }
  running.add(child);
  try {
    return await measure(c, kind.name, `${child.url}${c.path}`, child, upstream, options);
  } finally {
    await child.stop();
    running.delete(child);
  }
}

async function measure(c: BenchCase, name: TargetName, url: string, child: GatewayChild | undefined, upstream: LeanUpstream, options: PassthroughOptions): Promise<Measured> {
  const spec: LoadSpec = { url, method: 'POST', headers: c.headers, body: c.body };
  const connections = connectionsFor(c, options);
  const checked = await check(c, url, upstream, name);
  // A fresh process first runs the case for BENCH_PRIME seconds too: a gateway's cost per
  // request keeps falling for its first few thousand requests (JIT, heap sizing).
  await runLoad(spec, { connections, seconds: options.warmupSeconds + (child ? options.primeSeconds : 0) });
  const before = await child?.stats();
  const started = hrtime.bigint();
  const genBefore = process.cpuUsage();
  const load = await runLoad(spec, { connections, seconds: options.seconds });
  const gen = process.cpuUsage(genBefore);
  const wallMicros = Number(hrtime.bigint() - started) / 1000;
  const after = await child?.stats();
  const serial = options.serialSeconds > 0 ? await runSerial(spec, options.serialSeconds) : undefined;
  const measured: Measured = { c, target: name, load, genShare: (gen.user + gen.system) / wallMicros, check: checked };
  if (serial) measured.serial = serial;
  if (before && after) Object.assign(measured, { cpuMicros: cpuMicros(after) - cpuMicros(before), wallMicros, peakRss: after.maxRSS * 1024 });
  const odd = Object.entries(load.statusCodes).filter(([code]) => !code.startsWith('2'));
  if (odd.length > 0) console.log(`  ${c.name} (${name}): status codes ${odd.map(([code, n]) => `${code}×${n}`).join(', ')}`);
  return measured;
}

const perRequest = (m: Measured) => cpuPerRequest(m) ?? 0;

/** Round by round, `of`'s CPU per request over `to`'s: the rounds measured them back to back. */
function roundRatios(of: Measured[], to: Measured[]): number[] {
  return of.map((m, i) => perRequest(m) / perRequest(to[i]!)).filter(Number.isFinite);
}

/** The round whose CPU per request is the median (the lower middle one of an even count). */
function medianRound(rounds: Measured[]): Measured {
  const sorted = [...rounds].sort((a, b) => perRequest(a) - perRequest(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export async function runPassthroughBench(options: PassthroughOptions): Promise<void> {
  const cases = selectCases(benchCases(GATEWAY_KEY), options.cases);
  const baselineScript = options.baselineDir === undefined ? undefined : join(resolve(options.baselineDir), 'bench', 'gateway-process.ts');
  if (baselineScript !== undefined && !existsSync(baselineScript)) throw new Error(`BENCH_BASELINE_DIR: no ${baselineScript}`);
  const floorScript = join(import.meta.dirname, 'floor-proxy.ts');
  const kinds: TargetKind[] = [
    { name: 'gateway', nodeArgs: options.gatewayNodeArgs, options: {}, log: openChildLog('gateway') },
    ...(baselineScript ? [{ name: 'before' as const, nodeArgs: options.gatewayNodeArgs, options: { script: baselineScript, label: 'baseline gateway' }, log: openChildLog('before') }] : []),
    { name: 'floor', nodeArgs: [], options: { script: floorScript, label: 'floor proxy' }, log: openChildLog('floor') },
    { name: 'events', nodeArgs: [], env: { FLOOR_EVENTS: '1' }, options: { script: floorScript, label: 'event floor proxy' }, log: openChildLog('events') },
  ];
  const kindsFor = (c: BenchCase) => kinds.filter((kind) => kind.name !== 'events' || isConvertedStream(c));
  const running = new Set<GatewayChild>();
  let upstream: LeanUpstream | undefined;
  const stopAll = () => Promise.allSettled([...running].map((child) => child.stop())).finally(() => { for (const kind of kinds) kind.log.remove(); });
  // Everything is bounded: a wedged run is killed rather than left hanging.
  const runs = cases.filter((c) => c.target === 'gateway').reduce((n, c) => n + kindsFor(c).length, 0) * options.rounds + cases.filter((c) => c.target === 'direct').length;
  const budgetMs = (runs * (options.seconds + options.warmupSeconds + options.primeSeconds + options.serialSeconds + 15) + 60) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`bench: gave up after ${budgetMs / 1000} s`);
    void stopAll().finally(() => process.exit(2));
    setTimeout(() => process.exit(2), 4000).unref();
  }, budgetMs);
  watchdog.unref();
  const onSigint = () => void stopAll().finally(() => process.exit(130));
  process.once('SIGINT', onSigint);

  try {
    upstream = await startLeanUpstream();
    const env = { ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY };
    const capped = cases.filter((c) => c.maxConnections !== undefined && c.maxConnections < options.connections);
    const warm = `${options.warmupSeconds + options.primeSeconds} s warm-up`;
    console.log(`passthrough · ${options.seconds} s per case and target after ${warm}${options.rounds > 1 ? `, ${options.rounds} rounds (median shown)` : ''} · ${options.connections} connections${capped.length > 0 ? ` (${capped.map((c) => `${c.name} ${connectionsFor(c, options)}`).join(', ')})` : ''}${options.serialSeconds > 0 ? `, then ${options.serialSeconds} s at 1` : ''}`);
    console.log(`targets: ${kinds.map((k) => k.name).join(', ')}${baselineScript ? ` (before: ${baselineScript})` : ''} — a fresh process each per case, one at a time; load generator + mock upstream share this one`);
    console.log('Figures are for comparison between runs on the same machine, not targets.');
    console.log('');
    for (const text of header()) console.log(text);

    const directs = new Map<string, Measured>();
    let gatewayCases = 0;
    for (const c of cases) {
      if (c.target === 'direct') {
        const measured = await measureDirect(c, upstream, options);
        directs.set(c.name, measured);
        console.log(row(measured));
        continue;
      }
      // The direct baseline at one connection again, right before the targets: cheap, and the
      // added latency at one connection is the figure a drifting machine skews most.
      const direct = c.baseline === undefined ? undefined : directs.get(c.baseline);
      const directSerial = direct && options.serialSeconds > 0
        ? await runSerial({ url: `${upstream.url}${direct.c.path}`, method: 'POST', headers: direct.c.headers, body: direct.c.body }, options.serialSeconds)
        : undefined;
      // Back to back, every other round in reverse order, so no target always follows the same
      // one; with BENCH_ROUNDS > 1 the targets take turns round after round, and each target's
      // row is its median round by CPU per request (a noisy neighbour rarely hits the median).
      const caseKinds = kindsFor(c);
      const byKind = new Map<TargetKind, Measured[]>(caseKinds.map((kind) => [kind, []]));
      for (let round = 0; round < options.rounds; round++) {
        for (const kind of gatewayCases++ % 2 === 0 ? caseKinds : [...caseKinds].reverse()) byKind.get(kind)!.push(await measureTarget(c, kind, env, upstream, options, running));
      }
      const rows = caseKinds.map((kind) => medianRound(byKind.get(kind)!));
      const floor = rows.find((m) => m.target === 'floor');
      const roundsOf = (name: TargetName) => byKind.get(caseKinds.find((kind) => kind.name === name)!);
      const floorRounds = roundsOf('floor')!;
      const gatewayRounds = roundsOf('gateway')!;
      const ratios = new Map<string, number[]>(caseKinds.map((kind) => [kind.name, roundRatios(byKind.get(kind)!, floorRounds)]));
      for (const m of rows) {
        const paired = ratios.get(m.target) ?? [];
        console.log(row(m, { direct, directSerial, floor, ...(options.rounds > 1 && paired.length > 0 ? { cpuRatio: percentile(paired, 50) } : {}) }));
      }
      if (options.rounds > 1) {
        console.log(`  ${c.name}: µs/req by round · ${caseKinds.map((kind) => `${kind.name} ${byKind.get(kind)!.map(perRequest).map((n) => n.toFixed(0)).join('/')}`).join(' · ')}`);
        const shown = caseKinds.filter((kind) => kind.name !== 'floor');
        console.log(`  ${c.name}: cpu×fl by round · ${shown.map((kind) => `${kind.name} ${ratios.get(kind.name)!.map((n) => n.toFixed(2)).join('/')}`).join(' · ')}`);
        const beforeRounds = roundsOf('before');
        if (beforeRounds) console.log(`  ${c.name}: gateway/before by round · ${roundRatios(gatewayRounds, beforeRounds).map((n) => n.toFixed(2)).join('/')}`);
      }
      const eventRounds = roundsOf('events');
      if (eventRounds) {
        const paired = roundRatios(gatewayRounds, eventRounds);
        console.log(`  ${c.name}: cpu×ev (gateway / event floor) · ${percentile(paired, 50).toFixed(2)}×${paired.length > 1 ? ` · by round ${paired.map((n) => n.toFixed(2)).join('/')}` : ''}`);
      }
    }

    console.log('');
    for (const text of LEGEND) console.log(text);
    const answered = Object.values(upstream.counts).reduce((a, b) => a + b, 0);
    console.log(`upstream answered ${answered} requests${upstream.counts.unknown ? ` (${upstream.counts.unknown} to unknown paths)` : ''}`);
    for (const kind of kinds) for (const text of kind.log.summary()) console.log(text);
  } finally {
    clearTimeout(watchdog);
    process.removeListener('SIGINT', onSigint);
    await stopAll();
    await upstream?.close();
  }
}
