// The streaming part of `npm run bench`: what the gateway adds to a stream.
//
// A loopback upstream (bench/stream-upstream.ts) serves Claude or Chat streams of
// BENCH_STREAM_CHUNKS (500) text deltas, each frame its own write (bench/stream-frames.ts, the
// fixtures' shape). The gateway runs in its own process (bench/gateway-process.ts) with the
// tests' config (test/helpers/gateway.ts `configFor`); the client (bench/stream-client.ts) and
// the upstream share this process.
//
// Sequential cases, each a direct-to-upstream baseline then the same through the gateway:
//   claude → claude      pass-through (Claude client, Claude upstream)
//   chat → claude        Chat client, Claude upstream (converted)
//   claude → chat        Claude client, Chat upstream (converted)
//   responses → claude   Responses client, Claude upstream (converted)
// Per case: one checked stream (event order, text, usage as that client reads them), a
// warm-up of BENCH_STREAM_WARMUP (20), then BENCH_STREAM_REQUESTS (50) timed streams, one at
// a time, the upstream writing frames back to back (a setImmediate every
// BENCH_STREAM_GAP_EVERY = 50 frames). Reported: time to the response headers (TTFB) and to
// the first content delta, p50/p99, and the gateway's addition over the baseline; chunks/s =
// SSE events the client received / the p50 stream time; gateway CPU µs per stream.
//
// Concurrency: BENCH_STREAM_CONCURRENCY (256) converted streams (Chat client → Claude upstream)
// at once against a fresh gateway process (--expose-gc), BENCH_STREAM_ROUNDS (2) rounds. The
// upstream answers each stream's head at once, holds the deltas until all 256 requests have
// reached it (so all are open together), then spreads them over BENCH_STREAM_SPREAD_MS (2000).
// Every stream is checked in full; reported: streams open at once, TTFB and stream time, the
// gateway's event-loop delay and CPU, its RSS before / sampled every 50 ms / at the end / after
// a GC, its live JS heap halfway (a full GC with all streams open), and maxRSS. A later round
// that ends higher than the one before is memory kept.
//
// Prints figures; asserts nothing about time. Run alone: `BENCH_ONLY=streaming npm run bench`.
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldLoop, setTimeout as sleep } from 'node:timers/promises';
import { GATEWAY_KEY, configFor } from '../test/helpers/gateway.ts';
import { streamingOptionsFromEnv, type StreamingOptions } from './env.ts';
import { startGatewayChild, type GatewayChild } from './gateway-child.ts';
import type { GatewayStats } from './gateway-process.ts';
import { checkStream, streamOnce, type ClientProtocol, type Expected, type StreamResult, type StreamSpec } from './stream-client.ts';
import { fixtureShapeProblems } from './stream-frames.ts';
import { startStreamUpstream, type StreamUpstream } from './stream-upstream.ts';
import { percentile } from './percentile.ts';

const PROMPT = 'Reply with a long paragraph.';
const MAX_TOKENS = 4096;
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');

// With a timeout set, node's Agent drops an idle socket 1 s before the server's `Keep-Alive:
// timeout=5` would; without one it keeps it, and the first request of the next round can race
// the server's close (ECONNRESET) after streams that outlast 5 s.
const AGENT_TIMEOUT_MS = 120_000;

type UpstreamKind = 'claude' | 'chat';

interface StreamCase {
  name: string;
  upstream: UpstreamKind;
  direct: StreamSpec;
  gateway: StreamSpec;
  /** The gateway must not touch the bytes. */
  passThrough: boolean;
}

function cases(up: string, gw: string): StreamCase[] {
  const json = (value: unknown) => JSON.stringify(value);
  const messages = [{ role: 'user', content: PROMPT }];
  const claudeHeaders = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
  const bearer = { 'content-type': 'application/json', authorization: `Bearer ${GATEWAY_KEY}` };
  const claudeBody = (model: string) => json({ model, max_tokens: MAX_TOKENS, stream: true, messages });
  // max_completion_tokens / max_output_tokens: without them the gateway sends Claude a default
  // and logs a warning line per request (convert-through-hub), which would be timed too.
  const chatBody = (model: string) => json({ model, stream: true, stream_options: { include_usage: true }, max_completion_tokens: MAX_TOKENS, messages });
  const directClaude: StreamSpec = { url: `${up}/v1/messages`, headers: { ...claudeHeaders, 'x-api-key': 'sk-direct' }, body: claudeBody('test-model'), protocol: 'claude' };
  const directChat: StreamSpec = { url: `${up}/v1/chat/completions`, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-direct' }, body: chatBody('test-model'), protocol: 'chat' };
  const viaGateway = (path: string, headers: Record<string, string>, body: string, protocol: ClientProtocol): StreamSpec => ({ url: `${gw}${path}`, headers, body, protocol });
  return [
    { name: 'claude → claude', upstream: 'claude', direct: directClaude, passThrough: true, gateway: viaGateway('/claude/v1/messages', { ...claudeHeaders, 'x-api-key': GATEWAY_KEY }, claudeBody('claude.test-model'), 'claude') },
    { name: 'chat → claude', upstream: 'claude', direct: directClaude, passThrough: false, gateway: viaGateway('/v1/chat/completions', bearer, chatBody('claude.test-model'), 'chat') },
    { name: 'claude → chat', upstream: 'chat', direct: directChat, passThrough: false, gateway: viaGateway('/claude/v1/messages', { ...claudeHeaders, 'x-api-key': GATEWAY_KEY }, claudeBody('chat.test-model'), 'claude') },
    {
      name: 'responses → claude', upstream: 'claude', direct: directClaude, passThrough: false,
      gateway: viaGateway('/openai/v1/responses', bearer, json({ model: 'claude.test-model', stream: true, max_output_tokens: MAX_TOKENS, input: PROMPT }), 'responses'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Row {
  name: string;
  gateway: boolean;
  n: number;
  ttfb50: number;
  ttfb99: number;
  delta50: number;
  delta99: number;
  stream50: number;
  /** SSE events per stream (the checked stream's count). */
  events: number;
  chunksPerSecond: number;
  errors: number;
  gwMicros?: number;
  genMicros: number;
  check: string;
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const signed = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : `${n >= 0 ? '+' : ''}${n.toFixed(2)}`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)}M`;

const COLUMNS = [
  ['case', 20], ['n', 4], ['ttfb p50', 9], ['ttfb p99', 9], ['+ttfb p50', 10], ['+ttfb p99', 10],
  ['delta p50', 10], ['delta p99', 10], ['+delta p50', 11], ['+delta p99', 11],
  ['stream ms', 10], ['events', 7], ['chunks/s', 9], ['errors', 7], ['gw µs/str', 10], ['gen µs/str', 11], ['check', 6],
] as const;

function line(columns: readonly (readonly [string, number])[], cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(columns[i]![1]) : cell.padStart(columns[i]![1]))).join(' ');
}

function rowCells(row: Row, base: Row | undefined): string[] {
  return [
    row.gateway ? row.name : `direct ${row.name}`,
    String(row.n),
    fmt(row.ttfb50), fmt(row.ttfb99),
    base ? signed(row.ttfb50 - base.ttfb50) : '-', base ? signed(row.ttfb99 - base.ttfb99) : '-',
    fmt(row.delta50), fmt(row.delta99),
    base ? signed(row.delta50 - base.delta50) : '-', base ? signed(row.delta99 - base.delta99) : '-',
    fmt(row.stream50), String(row.events), fmt(row.chunksPerSecond, 0), String(row.errors),
    fmt(row.gwMicros, 0), fmt(row.genMicros, 0), row.check,
  ];
}

const cpuMicros = (s: GatewayStats) => s.cpu.user + s.cpu.system;

// ---------------------------------------------------------------------------------------------
// Sequential cases

interface Checked {
  label: string;
  events: number;
  problems: string[];
}

async function checkOne(spec: StreamSpec, expected: Expected, agent: Agent, exact: string | undefined): Promise<Checked> {
  const result = await streamOnce(spec, agent, { keepBody: true });
  const body = result.body ?? '';
  if (result.error || result.status !== 200) {
    return { label: result.error ? 'FAIL' : String(result.status), events: result.events, problems: [`HTTP ${result.status}${result.error ? ` (${result.error})` : ''}: ${body.slice(0, 300)}`] };
  }
  const checked = checkStream(spec.protocol, body, expected);
  const problems = [...checked.problems];
  if (exact !== undefined && body !== exact) problems.push('the bytes differ from what the upstream sent');
  const label = problems.length > 0 ? 'BAD' : exact !== undefined ? 'same' : 'ok';
  return { label, events: result.events, problems };
}

async function timedRun(spec: StreamSpec, n: number, agent: Agent, expectedEvents: number): Promise<{ results: StreamResult[]; errors: number; genMicros: number; notes: string[] }> {
  const results: StreamResult[] = [];
  const notes = new Set<string>();
  let errors = 0;
  const gen = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const r = await streamOnce(spec, agent);
    results.push(r);
    if (r.error || r.status !== 200 || r.events !== expectedEvents || Number.isNaN(r.firstDeltaMs)) {
      errors += 1;
      notes.add(r.error ?? (r.status !== 200 ? `HTTP ${r.status}` : r.events !== expectedEvents ? `${r.events} events instead of ${expectedEvents}` : 'no content delta seen'));
    }
  }
  const cpu = process.cpuUsage(gen);
  return { results, errors, genMicros: (cpu.user + cpu.system) / n, notes: [...notes] };
}

function toRow(name: string, gateway: boolean, run: Awaited<ReturnType<typeof timedRun>>, events: number, check: string, gwMicros?: number): Row {
  const ok = run.results.filter((r) => !r.error && r.status === 200);
  const stream50 = percentile(ok.map((r) => r.endMs), 50);
  return {
    name, gateway, n: run.results.length,
    ttfb50: percentile(ok.map((r) => r.headersMs), 50), ttfb99: percentile(ok.map((r) => r.headersMs), 99),
    delta50: percentile(ok.map((r) => r.firstDeltaMs), 50), delta99: percentile(ok.map((r) => r.firstDeltaMs), 99),
    stream50, events, chunksPerSecond: events / (stream50 / 1000), errors: run.errors,
    ...(gwMicros === undefined ? {} : { gwMicros }), genMicros: run.genMicros, check,
  };
}

async function sequential(options: StreamingOptions, upstream: StreamUpstream, gateway: GatewayChild, expected: Expected): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4, timeout: AGENT_TIMEOUT_MS });
  upstream.setPacing({ kind: 'fast', gapEvery: options.gapEvery });
  console.log(line(COLUMNS, COLUMNS.map(([name]) => name)));
  console.log(line(COLUMNS, COLUMNS.map(([, width]) => '-'.repeat(width))));
  const notes: string[] = [];
  try {
    for (const c of cases(upstream.url, gateway.url)) {
      const rawUpstream = upstream.body(c.upstream === 'claude' ? 'claude' : 'chat-usage');
      const exp = (spec: StreamSpec): Expected => ({ ...expected, chatUsage: spec.protocol === 'chat' });
      const directCheck = await checkOne(c.direct, exp(c.direct), agent, rawUpstream);
      const gatewayCheck = await checkOne(c.gateway, exp(c.gateway), agent, c.passThrough ? rawUpstream : undefined);
      for (const [who, checked] of [[`direct ${c.upstream}`, directCheck], [c.name, gatewayCheck]] as const) {
        for (const p of checked.problems) notes.push(`${who}: ${p}`);
      }

      for (let i = 0; i < options.warmup; i++) {
        await streamOnce(c.direct, agent);
        await streamOnce(c.gateway, agent);
      }
      const direct = await timedRun(c.direct, options.requests, agent, directCheck.events);
      const base = toRow(c.upstream, false, direct, directCheck.events, directCheck.label);
      console.log(line(COLUMNS, rowCells(base, undefined)));

      const before = await gateway.stats();
      const through = await timedRun(c.gateway, options.requests, agent, gatewayCheck.events);
      const after = await gateway.stats();
      const row = toRow(c.name, true, through, gatewayCheck.events, gatewayCheck.label, (cpuMicros(after) - cpuMicros(before)) / options.requests);
      console.log(line(COLUMNS, rowCells(row, base)));
      for (const n of direct.notes) notes.push(`direct ${c.upstream}: ${n}`);
      for (const n of through.notes) notes.push(`${c.name}: ${n}`);
    }
  } finally {
    agent.destroy();
  }
  console.log('');
  console.log(`ttfb: request start → response headers · delta: → the first content delta · +: the gateway's addition over the direct row above it (ms) · stream ms: p50 request start → last byte`);
  console.log(`events: SSE events the client receives per stream · chunks/s: events / p50 stream time · gw µs/str: gateway process CPU per stream · gen µs/str: this process (client + upstream) · check: order, text and usage as the client reads them (same: byte-identical to the upstream)`);
  for (const n of notes) console.log(`  NOTE ${n}`);
}

// ---------------------------------------------------------------------------------------------
// Concurrency

const LOAD_COLUMNS = [
  ['round', 7], ['ok', 8], ['errors', 7], ['open c/u', 9], ['all in ms', 10], ['ttfb p50', 9], ['ttfb p99', 9],
  ['stream p50', 11], ['stream p99', 11], ['stream max', 11], ['loop p99', 9], ['loop max', 9], ['gw CPU s', 9], ['gen CPU s', 10],
] as const;
const MEMORY_COLUMNS = [
  ['round', 7], ['RSS before', 11], ['RSS peak', 9], ['heap peak', 10], ['live heap', 10], ['live ext', 9], ['RSS end', 8], ['RSS GC', 7], ['heap GC', 13], ['ext GC', 7], ['maxRSS', 7],
] as const;

const table = (columns: readonly (readonly [string, number])[], rows: string[][]) => [
  line(columns, columns.map(([name]) => name)),
  line(columns, columns.map(([, width]) => '-'.repeat(width))),
  ...rows.map((cells) => line(columns, cells)),
].join('\n');

interface Round {
  load: string[];
  memory: string[];
  notes: string[];
}

/** Samples the gateway's RSS and JS heap every 50 ms until stopped; returns the highest seen. */
function sampleGateway(gateway: GatewayChild, from: GatewayStats): { stop(): Promise<{ rss: number; heap: number }> } {
  const peak = { rss: from.rss, heap: from.heapUsed };
  let sampling = true;
  const done = (async () => {
    while (sampling) {
      const s = await gateway.stats().catch(() => undefined);
      if (s) {
        peak.rss = Math.max(peak.rss, s.rss);
        peak.heap = Math.max(peak.heap, s.heapUsed);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return { stop: async () => { sampling = false; await done; return peak; } };
}

async function concurrentRound(round: number, options: StreamingOptions, upstream: StreamUpstream, gateway: GatewayChild, agent: Agent, spec: StreamSpec, expected: Expected): Promise<Round> {
  const n = options.concurrency;
  upstream.setPacing({ kind: 'spread', spreadMs: options.spreadMs, together: n });
  upstream.resetPeak();
  const before = await gateway.stats({ resetLoop: true });
  const sampler = sampleGateway(gateway, before);
  let open = 0;
  let peakOpen = 0;
  const gen = process.cpuUsage();
  const runs: Promise<StreamResult>[] = [];
  for (let i = 0; i < n; i++) {
    runs.push(streamOnce(spec, agent, {
      keepBody: true,
      timeoutMs: options.spreadMs * 10 + 30_000,
      onOpen: () => { open += 1; peakOpen = Math.max(peakOpen, open); },
      onClose: () => { open -= 1; },
    }));
    // Let the sockets connect as they are made rather than all in one tick.
    if (i % 32 === 31) await yieldLoop();
  }
  const all = Promise.all(runs);
  // Halfway through the spread, one full GC in the gateway: the JS heap the open streams keep alive.
  let finished = false;
  void all.then(() => { finished = true; });
  const wait = async (ms: number) => { for (const until = performance.now() + ms; !finished && performance.now() < until;) await sleep(10); };
  while (!finished && !upstream.gateReport()) await sleep(10);
  await wait(options.spreadMs / 2);
  const mid = finished ? undefined : await gateway.stats({ gc: true }).catch(() => undefined);
  const results = await all;
  const genCpu = process.cpuUsage(gen);
  const peak = await sampler.stop();
  const end = await gateway.stats();
  const gc = await gateway.stats({ gc: true });
  const gate = upstream.gateReport();

  let errors = 0;
  let keepAlives = 0;
  const problems = new Map<string, number>();
  for (const r of results) {
    const checked = r.error || r.status !== 200 ? undefined : checkStream('chat', r.body ?? '', expected);
    const issues = checked ? checked.problems : [r.error ?? `HTTP ${r.status}: ${(r.body ?? '').slice(0, 200)}`];
    keepAlives += checked?.keepAlives ?? 0;
    if (issues.length > 0) errors += 1;
    for (const p of issues) problems.set(p, (problems.get(p) ?? 0) + 1);
  }
  const up = upstream.stats();
  const ok = results.filter((r) => !r.error && r.status === 200);
  const ms = (values: number[], p: number) => fmt(percentile(values, p), 0);
  const name = `${round}${round === 1 ? ' cold' : ''}`;
  const notes = [...problems].map(([p, count]) => `round ${round}: ${count}× ${p}`);
  if (up.aborted > 0) notes.push(`round ${round}: the upstream saw ${up.aborted} stream(s) cut off so far`);
  if (keepAlives > 0) notes.push(`round ${round}: ${keepAlives} keep-alive comment(s) in the streams (the gateway saw ${'≥'}15 s of upstream silence)`);
  if (gate?.timedOut) notes.push(`round ${round}: only ${gate.arrived} of ${n} streams reached the upstream within 15 s; the others started late`);
  const slowest = Math.max(...ok.map((r) => r.endMs));
  if (gate && slowest > gate.waitedMs + options.spreadMs * 1.5) notes.push(`round ${round}: the last stream ended ${fmt(slowest - gate.waitedMs - options.spreadMs, 0)} ms after the upstream's ${options.spreadMs} ms (the gateway fell behind)`);
  return {
    load: [
      name, `${n - errors}/${n}`, String(errors), `${peakOpen}/${up.peakOpen}`, gate ? fmt(gate.waitedMs, 0) : '-',
      ms(ok.map((r) => r.headersMs), 50), ms(ok.map((r) => r.headersMs), 99),
      ms(ok.map((r) => r.endMs), 50), ms(ok.map((r) => r.endMs), 99), fmt(slowest, 0),
      fmt(end.loopDelay.p99, 0), fmt(end.loopDelay.max, 0),
      fmt((cpuMicros(end) - cpuMicros(before)) / 1e6, 1), fmt((genCpu.user + genCpu.system) / 1e6, 1),
    ],
    memory: [
      name, mib(before.rss), mib(peak.rss), mib(peak.heap), mid ? mib(mid.heapUsed) : '-', mid ? mib(mid.external) : '-', mib(end.rss), mib(gc.rss),
      `${(gc.heapUsed / 2 ** 20).toFixed(1)}/${mib(gc.heapTotal)}`, mib(gc.external), mib(gc.maxRSS * 1024),
    ],
    notes,
  };
}

async function concurrency(options: StreamingOptions, upstream: StreamUpstream, expected: Expected): Promise<void> {
  const n = options.concurrency;
  const gateway = await startGatewayChild({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY }, ['--expose-gc', ...GATEWAY_NODE_ARGS]);
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, timeout: AGENT_TIMEOUT_MS });
  const spec = cases(upstream.url, gateway.url).find((c) => c.name === 'chat → claude')!.gateway;
  try {
    // The code warmed up as in the sequential cases (one at a time, full speed) before the baseline.
    const warmup = Math.max(options.warmup, 1);
    upstream.setPacing({ kind: 'fast', gapEvery: options.gapEvery });
    for (let i = 0; i < warmup; i++) await streamOnce(spec, agent);
    const start = await gateway.stats({ gc: true });

    console.log('');
    console.log(`streaming · concurrency · ${n} chat → claude streams at once · the upstream sends each one's head at once, holds the deltas until all ${n} have arrived, then spreads them over ${options.spreadMs} ms (${options.chunks} deltas, ${fmt((n * options.chunks) / (options.spreadMs / 1000), 0)} chunks/s in all) · fresh gateway pid ${gateway.pid} (--expose-gc) · ${options.rounds} round${options.rounds === 1 ? '' : 's'}`);
    console.log(`gateway at rest after ${warmup} sequential warm-up streams and a GC: RSS ${mib(start.rss)} · JS heap ${mib(start.heapUsed)} used / ${mib(start.heapTotal)} reserved · external ${mib(start.external)} · maxRSS so far ${mib(start.maxRSS * 1024)}; round 1 is its first concurrent load (connections opened, heap grown)`);
    const rounds: Round[] = [];
    for (let round = 1; round <= options.rounds; round++) rounds.push(await concurrentRound(round, options, upstream, gateway, agent, spec, { ...expected, chatUsage: true }));
    const final = await gateway.stats({ gc: true });
    console.log('');
    console.log(table(LOAD_COLUMNS, rounds.map((r) => r.load)));
    console.log('');
    console.log(table(MEMORY_COLUMNS, rounds.map((r) => r.memory)));
    console.log('');
    console.log('ok: streams complete with the full text, event order and usage · open c/u: most streams open at once (headers in, not ended) at the client / at the upstream · all in: first to last stream reaching the upstream, ms');
    console.log('ttfb: to the response headers, ms · stream: request start → last byte, ms · loop: the gateway\'s event-loop delay over the round, ms · gw CPU s: gateway CPU over the round · gen CPU s: this process (client + upstream)');
    console.log('RSS before: at the round\'s start · peak: highest RSS / JS heap used (garbage included), sampled every 50 ms · live heap / ext: JS heap / external memory after a full GC halfway through the spread, all streams open · end: when all streams ended · GC: after a full GC (heap: JS heap used/reserved · ext: external memory incl. ArrayBuffers) · maxRSS: the process\'s peak so far');
    console.log(`gateway peak RSS (maxRSS): ${mib(final.maxRSS * 1024)} · RSS at rest ${mib(start.rss)} before the rounds, ${mib(final.rss)} after them and a GC · JS heap used ${mib(start.heapUsed)} → ${mib(final.heapUsed)}, reserved ${mib(start.heapTotal)} → ${mib(final.heapTotal)} · external ${mib(start.external)} → ${mib(final.external)}`);
    for (const r of rounds) for (const note of r.notes) console.log(`  NOTE ${note}`);
  } finally {
    agent.destroy();
    await gateway.stop();
  }
}

// ---------------------------------------------------------------------------------------------

export async function runStreamingBench(options: StreamingOptions = streamingOptionsFromEnv()): Promise<void> {
  const shape = fixtureShapeProblems();
  let upstream: StreamUpstream | undefined;
  let gateway: GatewayChild | undefined;
  try {
    upstream = await startStreamUpstream(options.chunks, { kind: 'fast', gapEvery: options.gapEvery });
    gateway = await startGatewayChild({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY }, GATEWAY_NODE_ARGS);
    const text = upstream.texts.join('');
    const expected: Expected = { text, outputTokens: options.chunks, inputTokens: 12 };

    console.log(`streaming · ${options.chunks} text deltas per stream (${text.length} chars), every frame its own write${options.gapEvery > 0 ? `, setImmediate every ${options.gapEvery} frames` : ''} · ${options.requests} timed streams per row, one at a time, after ${options.warmup} warm-up · gateway pid ${gateway.pid} (own process); client + upstream share this one`);
    console.log(shape.length === 0
      ? 'upstream frames: generated in code; at 3 deltas byte-identical to test/fixtures/{claude,openai-chat-completions}/stream-text.response.sse'
      : `upstream frames: NOT in the fixtures' shape: ${shape.join('; ')}`);
    console.log('Figures are for comparison between runs on the same machine, not targets.');
    console.log('');
    await sequential(options, upstream, gateway, expected);
    await gateway.stop();
    gateway = undefined;
    if (options.rounds > 0) await concurrency(options, upstream, expected);
    const up = upstream.stats();
    console.log(`upstream: ${up.started} streams started, ${up.finished} finished, ${up.aborted} cut off by the other side${up.unknown ? `, ${up.unknown} requests to unknown paths` : ''}`);
  } finally {
    await gateway?.stop();
    await upstream?.close();
  }
}
