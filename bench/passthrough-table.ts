// The pass-through bench's table: one row per case and target (the direct baselines, then for
// each gateway case the gateway, the gateway `before` when BENCH_BASELINE_DIR is set, and the
// floor proxy, and the event floor for converted streams), each target's CPU per request, req/s
// and peak RSS also as a multiple of the floor's for the same case.
import type { BenchCase } from './cases.ts';
import type { LoadResult } from './load.ts';
import type { SerialResult } from './serial-probe.ts';

export type TargetName = 'direct' | 'gateway' | 'before' | 'floor' | 'events';

export interface Measured {
  c: BenchCase;
  target: TargetName;
  load: LoadResult;
  /** At one connection; undefined when BENCH_SERIAL_SECONDS is 0. */
  serial?: SerialResult;
  /** The target process's CPU µs over the measured run, the wall µs it spanned, and its peak RSS (bytes; the process ran this case only); not for direct. */
  cpuMicros?: number;
  wallMicros?: number;
  peakRss?: number;
  /** This process's (load generator + mock upstream) CPU over the run, of one core. */
  genShare: number;
  check: string;
}

const COLUMNS = [
  ['case', 20], ['target', 7], ['req/s', 7], ['p50 ms', 7], ['p99 ms', 7], ['+p50', 7], ['+p99', 7],
  ['+p50@1', 7], ['ttfb@1', 7], ['µs/req', 7], ['CPU', 5], ['RSS pk', 7], ['cpu×fl', 7], ['rps×fl', 7], ['rss×fl', 7],
  ['gen', 5], ['bad', 5], ['body', 5],
] as const;

const fmt = (n: number | undefined, digits = 2) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const signed = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : `${n >= 0 ? '+' : ''}${n.toFixed(2)}`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? undefined : a / b);
const times = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : `${n.toFixed(2)}×`);

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');
}

export function header(): string[] {
  return [line(COLUMNS.map(([name]) => name)), line(COLUMNS.map(([, width]) => '-'.repeat(width)))];
}

export const cpuPerRequest = (m: Measured) => (m.cpuMicros !== undefined && m.load.requests > 0 ? m.cpuMicros / m.load.requests : undefined);

export interface Baselines {
  /** The case's direct baseline, at the bench's connections (measured once, first). */
  direct?: Measured;
  /** The same at one connection, measured again right before the case's targets. */
  directSerial?: SerialResult;
  /** The floor's row for the case. */
  floor?: Measured;
  /**
   * With several rounds: the median of this target's per-round CPU ratios to the floor (each
   * round measures the targets back to back, so a slow spell on a shared machine cancels out
   * of a round's ratio far better than out of two medians taken apart).
   */
  cpuRatio?: number;
}

export function row(m: Measured, { direct, directSerial, floor, cpuRatio }: Baselines = {}): string {
  const { load, serial } = m;
  const added = (a: number | undefined, b: number | undefined) => (m.target === 'direct' || a === undefined || b === undefined ? undefined : a - b);
  const vsFloor = m.target !== 'direct' && m.target !== 'floor' && floor !== undefined;
  return line([
    m.c.name,
    m.target,
    fmt(load.rps, 0),
    fmt(load.p50),
    fmt(load.p99),
    signed(added(load.p50, direct?.load.p50)),
    signed(added(load.p99, direct?.load.p99)),
    signed(added(serial?.p50, (directSerial ?? direct?.serial)?.p50)),
    m.c.stream ? fmt(serial?.ttfb50) : '-',
    fmt(cpuPerRequest(m), 0),
    m.cpuMicros !== undefined && m.wallMicros ? `${fmt((m.cpuMicros / m.wallMicros) * 100, 0)}%` : '-',
    m.peakRss === undefined ? '-' : `${fmt(m.peakRss / 2 ** 20, 0)}M`,
    vsFloor ? times(cpuRatio ?? ratio(cpuPerRequest(m), floor && cpuPerRequest(floor))) : '-',
    vsFloor ? times(ratio(load.rps, floor?.load.rps)) : '-',
    vsFloor ? times(ratio(m.peakRss, floor?.peakRss)) : '-',
    `${fmt(m.genShare * 100, 0)}%`,
    String(load.non2xx + load.errors + (serial?.failed ?? 0)),
    m.check,
  ]);
}

export const LEGEND = [
  'target: direct = the mock upstream itself; gateway = this checkout; before = BENCH_BASELINE_DIR\'s gateway; floor = bench/floor-proxy.ts, the least a proxy can do (parse, re-stringify, forward over keep-alive, pipe back); events = the same with FLOOR_EVENTS=1 (converted streams only: every event\'s JSON parsed and re-serialised, the least a stream conversion does) · cpu×ev: the gateway\'s CPU per request over the event floor\'s (median of the rounds\' ratios)',
  '+p50/+p99: added latency vs the case\'s direct baseline (small JSON, small SSE, or the 200 KB request), at the bench\'s connections · latency is to the last byte',
  '+p50@1: the same at one connection, one request after another (the direct baseline re-measured right before the case) · ttfb@1: median time to the first body byte at one connection (stream cases)',
  'µs/req: the target process\'s CPU (user+system) per request · CPU: of one core · RSS pk: its peak RSS (a fresh process per case and target: start-up, warm-up, run)',
  'cpu×fl, rps×fl, rss×fl: µs/req, req/s and RSS pk as a multiple of the floor\'s for the same case (measured back to back, same upstream, same requests); with BENCH_ROUNDS > 1, cpu×fl is the median of the rounds\' own ratios',
  'gen: this process (load generator + mock upstream) CPU, of one core · bad: non-2xx answers + errors · body: same = byte-identical to the upstream\'s answer, conv = a 2xx converted answer',
];
