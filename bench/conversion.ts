// The conversion part of `npm run bench`: in-process CPU cost of converting a ~200 KB Claude
// Code request (bench/claude-code-request.ts) to each other protocol, and the upstream's answer
// back, with the codecs the gateway uses (src/handlers/convert-through-hub.ts):
//   parse     JSON.parse of the request text (readJsonBody pays it for every request)
//   stringify JSON.stringify of the client's body: not a step, a yardstick for the → cases
//   validate  ADAPTERS.claude.validators.generate(body) (handleGenerate pays it too)
//   decode    ADAPTERS.claude.codec.decodeRequest alone, so decode and encode can be told apart
//   → target  decodeRequest → hub.model → ADAPTERS[target].codec.encodeRequest → JSON.stringify
//   ← target  JSON.parse of the target's tool-calls-parallel fixture → decodeResponse →
//             ADAPTERS.claude.codec.encodeResponse → JSON.stringify
// Each case: a fresh Warnings per iteration; one warm-up round over all cases, then each case
// runs until BENCH_CONVERSION_SECONDS (2) have passed or BENCH_CONVERSION_ITERATIONS (500) are
// done. CPU is process.cpuUsage() over the run / iterations (all threads: GC helpers count);
// p50/p99 are of per-iteration wall times (performance.now()). Prints figures; asserts nothing
// about time. Run alone: `node bench/conversion.ts` (with --expose-gc, a GC runs between cases).
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { validators as claudeValidators } from '../generated/claude/index.ts';
import type { HubRequest } from '../src/hub/hub-request.ts';
import { Warnings } from '../src/hub/warnings.ts';
import { ADAPTERS } from '../src/protocols/index.ts';
import type { ProtocolId } from '../src/protocols/protocol-id.ts';
import { formatIssues } from '../src/validation/validate.ts';
import { readFixture } from '../test/helpers/fixtures.ts';
import { claudeCodeRequest, describeRequest } from './claude-code-request.ts';
import { conversionOptionsFromEnv, type ConversionOptions } from './env.ts';

const TARGETS = ['openai-chat-completions', 'openai-responses', 'gemini'] as const satisfies readonly ProtocolId[];
const UPSTREAM_MODEL = 'test-model';

interface Case {
  name: string;
  /** Bytes in (the JSON text the step starts from), when it starts from text. */
  inBytes?: number;
  /** One iteration; returns a number (output bytes, or anything) so the work cannot be skipped. */
  run(): number;
  /** Filled by the one-off check before the measurement. */
  outBytes?: number;
  warnings?: string[];
  check: string;
}

export interface ConversionRow {
  name: string;
  inBytes?: number;
  outBytes?: number;
  warnings?: number;
  iterations: number;
  /** Process CPU (user + system) per iteration, µs. */
  cpuMicros: number;
  /** Wall time per iteration, µs. */
  meanMicros: number;
  p50Micros: number;
  p99Micros: number;
  check: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

let sink = 0;

function measure(c: Case, options: ConversionOptions): ConversionRow {
  (globalThis as { gc?: () => void }).gc?.();
  const times = new Float64Array(options.iterations);
  const deadline = performance.now() + options.seconds * 1000;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  while (n < options.iterations) {
    const t0 = performance.now();
    sink += c.run();
    const t1 = performance.now();
    times[n++] = (t1 - t0) * 1000;
    if (t1 >= deadline) break;
  }
  const wall = (performance.now() - started) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = times.subarray(0, n).sort();
  return {
    name: c.name,
    ...(c.inBytes === undefined ? {} : { inBytes: c.inBytes }),
    ...(c.outBytes === undefined ? {} : { outBytes: c.outBytes }),
    ...(c.warnings === undefined ? {} : { warnings: c.warnings.length }),
    iterations: n,
    cpuMicros: (cpu.user + cpu.system) / n,
    meanMicros: wall / n,
    p50Micros: percentile(sorted, 50),
    p99Micros: percentile(sorted, 99),
    check: c.check,
  };
}

/** The upstream body the gateway would send: decode → model → encode (not yet stringified). */
function convertRequest(body: Record<string, unknown>, target: ProtocolId, warnings: Warnings): Record<string, unknown> {
  const hub = ADAPTERS.claude.codec.decodeRequest(body, {}, warnings);
  hub.model = UPSTREAM_MODEL;
  return ADAPTERS[target].codec.encodeRequest(hub, warnings);
}

function convertResponse(text: string, target: ProtocolId, request: HubRequest, warnings: Warnings): Record<string, unknown> {
  const decoded = ADAPTERS[target].codec.decodeResponse(JSON.parse(text) as unknown, warnings);
  return ADAPTERS.claude.codec.encodeResponse(decoded, request, warnings);
}

const short = (id: ProtocolId) => (id === 'openai-chat-completions' ? 'chat' : id === 'openai-responses' ? 'responses' : id);

function buildCases(): { cases: Case[]; describe: string; notes: string[] } {
  const notes: string[] = [];
  const body = claudeCodeRequest();
  const text = JSON.stringify(body);
  const textBytes = Buffer.byteLength(text);

  const valid = ADAPTERS.claude.validators.generate(body);
  if (!valid.ok) throw new Error(`the Claude Code request does not pass the gateway's own validation: ${formatIssues(valid.issues)}`);

  const cases: Case[] = [
    { name: 'parse 200 KB JSON', inBytes: textBytes, run: () => Object.keys(JSON.parse(text) as object).length, check: '-' },
    // Not a step of the request path: the baseline for the JSON.stringify inside each → case.
    { name: 'stringify 200 KB JSON', outBytes: textBytes, run: () => JSON.stringify(body).length, check: '-' },
    { name: 'validate claude', run: () => (ADAPTERS.claude.validators.generate(body).ok ? 1 : 0), check: 'ok' },
  ];

  const decodeWarnings = new Warnings();
  const hub = ADAPTERS.claude.codec.decodeRequest(body, {}, decodeWarnings);
  cases.push({ name: 'decode claude → hub', run: () => ADAPTERS.claude.codec.decodeRequest(body, {}, new Warnings()).items.length, warnings: decodeWarnings.list, check: '-' });

  for (const target of TARGETS) {
    // One conversion up front: output size, warnings, whether the target's own schema accepts
    // it, and whether converting left the client's body as it was (the handler reuses it).
    const warnings = new Warnings();
    const out = JSON.stringify(convertRequest(body, target, warnings));
    const outcome = ADAPTERS[target].validators.generate(JSON.parse(out) as unknown);
    if (!outcome.ok) notes.push(`→ ${short(target)}: the converted body fails the ${target} request schema: ${formatIssues(outcome.issues)}`);
    if (JSON.stringify(body) !== text) notes.push(`→ ${short(target)}: converting changed the client's request body in place`);
    cases.push({
      name: `claude → ${short(target)}`,
      inBytes: textBytes,
      outBytes: Buffer.byteLength(out),
      warnings: warnings.list,
      run: () => JSON.stringify(convertRequest(body, target, new Warnings())).length,
      check: outcome.ok ? 'valid' : 'INVALID',
    });
  }

  for (const target of TARGETS) {
    const answer = readFixture(target, 'tool-calls-parallel.response.json');
    const warnings = new Warnings();
    const out = JSON.stringify(convertResponse(answer, target, hub, warnings));
    const ok = claudeValidators.MessagesResponse(JSON.parse(out) as unknown);
    if (!ok) notes.push(`← ${short(target)}: the converted answer fails the Claude MessagesResponse schema`);
    cases.push({
      name: `claude ← ${short(target)}`,
      inBytes: Buffer.byteLength(answer),
      outBytes: Buffer.byteLength(out),
      warnings: warnings.list,
      run: () => JSON.stringify(convertResponse(answer, target, hub, new Warnings())).length,
      check: ok ? 'valid' : 'INVALID',
    });
  }
  return { cases, describe: describeRequest(body), notes };
}

const COLUMNS = [
  ['case', 22], ['in KB', 7], ['out KB', 7], ['warn', 5], ['iters', 6], ['CPU µs/req', 11], ['mean µs', 9], ['p50 µs', 9], ['p99 µs', 9], ['out', 8],
] as const;

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const kb = (n: number | undefined) => (n === undefined ? '-' : (n / 1024).toFixed(1));

function rowCells(row: ConversionRow): string[] {
  return [
    row.name, kb(row.inBytes), kb(row.outBytes), row.warnings === undefined ? '-' : String(row.warnings), String(row.iterations),
    fmt(row.cpuMicros), fmt(row.meanMicros), fmt(row.p50Micros), fmt(row.p99Micros), row.check,
  ];
}

/** Builds the request, runs every case, prints the table; returns the rows. */
export function runConversionBench(options: ConversionOptions = conversionOptionsFromEnv()): ConversionRow[] {
  const { cases, describe, notes } = buildCases();
  console.log(`conversion · Claude Code-sized request: ${describe}`);
  console.log(`in process (pid ${process.pid}) · warm-up ${options.warmup} per case, then each case until ${options.seconds} s or ${options.iterations} iterations${(globalThis as { gc?: unknown }).gc ? ' · GC between cases' : ''}`);
  console.log('');
  for (const c of cases) for (let i = 0; i < options.warmup; i++) sink += c.run();

  console.log(line(COLUMNS.map(([name]) => name)));
  console.log(line(COLUMNS.map(([, width]) => '-'.repeat(width))));
  const rows: ConversionRow[] = [];
  for (const c of cases) {
    const row = measure(c, options);
    rows.push(row);
    console.log(line(rowCells(row)));
  }

  const cpu = (name: string) => rows.find((r) => r.name === name)?.cpuMicros ?? Number.NaN;
  const inbound = cpu('parse 200 KB JSON') + cpu('validate claude');
  console.log('');
  console.log('→: request, claude client → target upstream (decode + encode + JSON.stringify) · ←: the target\'s tool-calls-parallel answer → claude (JSON.parse + decode + encode + JSON.stringify)');
  console.log('CPU µs/req: process CPU (user+system, all threads) per iteration · mean/p50/p99: wall per iteration · out: the result passes the target\'s schema · warn: warnings per conversion');
  console.log(`whole conversion CPU per request (parse + validate + → + ←): ${TARGETS.map((t) => `${short(t)} ${fmt(inbound + cpu(`claude → ${short(t)}`) + cpu(`claude ← ${short(t)}`))} µs`).join(' · ')}`);
  for (const c of cases) {
    if (!c.warnings || c.warnings.length === 0 || c.name.startsWith('decode')) continue;
    console.log(`  ${c.name} warnings: ${c.warnings.map((w) => (w.length > 110 ? `${w.slice(0, 107)}…` : w)).join(' | ')}`);
  }
  for (const note of notes) console.log(`  NOTE ${note}`);
  if (sink === -1) console.log(''); // keeps `sink` observable
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    runConversionBench();
    process.exit(0);
  } catch (error) {
    console.error('conversion bench crashed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  }
}
