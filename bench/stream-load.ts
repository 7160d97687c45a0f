// The load part of `npm run bench`: the gateway's memory with 1,000 converted streams at once.
//
// BENCH_LOAD_STREAMS (1000) Chat Completions streams (OpenAI Chat client → the `claude`
// provider, a converted pair) opened at once against the gateway in its own process
// (bench/gateway-process.ts, --expose-gc), BENCH_LOAD_ROUNDS (3) rounds back to back. The
// upstream (bench/stream-upstream.ts, in a process of its own: bench/stream-upstream-process.ts)
// sends each stream's head at once, holds the deltas until every stream of the round has
// reached it (so all are open together), then spreads BENCH_LOAD_CHUNKS (300) small text deltas
// over BENCH_LOAD_SPREAD_MS (15000: 20 deltas/s a stream, an LLM's pace; 1500 saturates the gateway's CPU).
// The client is node:http with one keep-alive Agent (no socket limit; connections reused from
// round to round): each stream is read to its end and checked on the fly (its last data line is
// `data: [DONE]`, the content deltas add up to the expected text — its length and its chars —
// and usage says as many tokens as deltas), keeping no body. A round ends when every stream
// has, or after ROUND_TIMEOUT_MS; streams unfinished then are cut and counted as lost. The
// generator's own CPU and RSS are printed too: it should stay small beside the gateway's.
//
// Reported: the gateway's idle baseline RSS (after warm-up streams, before the first round, with
// and without a full GC), its RSS sampled every SAMPLE_MS during each round and its maxRSS,
// streams completed / lost per round, and its "settled" RSS BENCH_LOAD_SETTLE_MS (10000) after
// the last round ends (client connections closed then), read without and then with a full GC,
// minus the baseline — beside the targets: peak ≤ 200 MiB, settled within 64 MiB of the baseline.
// Prints figures; asserts nothing. Run alone: `BENCH_ONLY=load npm run bench`.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldLoop, setTimeout as sleep } from 'node:timers/promises';
import { GATEWAY_KEY, configFor } from '../test/helpers/gateway.ts';
import { loadOptionsFromEnv, type LoadOptions } from './env.ts';
import { startGatewayChild, type GatewayChild } from './gateway-child.ts';
import type { GatewayStats } from './gateway-process.ts';
import type { Pacing } from './stream-upstream.ts';
import type { UpstreamChildMessage, UpstreamParentMessage, UpstreamProcessStats } from './stream-upstream-process.ts';
import { percentile } from './percentile.ts';

/** Sequential streams (upstream at full speed) before the baseline. */
const WARMUP = 5;
const IDLE_BEFORE_BASELINE_MS = 1000;
const ROUND_TIMEOUT_MS = 120_000;
const SAMPLE_MS = 100;
/** Streams opened per turn of the event loop, so connecting does not all land in one tick. */
const OPEN_BATCH = 50;
const TARGET_PEAK_MIB = 200;
const TARGET_SETTLED_MIB = 64;

const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
const MAX_TOKENS = 4096;

/** Wall-clock bound for the whole part, s (bench/main.ts's watchdog). */
export function loadBudgetSeconds(options: LoadOptions): number {
  return 60 + WARMUP * 5 + options.rounds * (ROUND_TIMEOUT_MS / 1000 + 30) + options.settleMs / 1000;
}

// ---------------------------------------------------------------------------------------------
// The upstream in its own process

interface UpstreamChild {
  url: string;
  texts: string[];
  pid: number;
  setPacing(pacing: Pacing): void;
  stats(options?: { resetPeak?: boolean }): Promise<UpstreamProcessStats>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function startUpstreamChild(chunks: number): Promise<UpstreamChild> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'stream-upstream-process.ts'), String(chunks)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (stats: UpstreamProcessStats) => void>();
  let nextId = 0;
  const ready = new Promise<{ url: string; texts: string[] }>((resolve, reject) => {
    child.on('message', (message: UpstreamChildMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'stats') {
        const { streams, gate, cpu, maxRSS, connections } = message;
        pending.get(message.id)?.({ streams, gate, cpu, maxRSS, connections });
        pending.delete(message.id);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`upstream process exited early (code ${code}, signal ${signal})`)));
  });
  let started: { url: string; texts: string[] };
  try {
    started = await within(ready, 15_000, 'starting the upstream process');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const send = (message: UpstreamParentMessage) => { if (child.connected) child.send(message); };
  return {
    url: started.url,
    texts: started.texts,
    pid: child.pid ?? -1,
    setPacing: (pacing) => send({ type: 'pacing', pacing }),
    stats(options = {}) {
      if (!child.connected) return Promise.reject(new Error('upstream process is gone'));
      const id = nextId++;
      const answer = new Promise<UpstreamProcessStats>((resolve) => pending.set(id, resolve));
      send({ type: 'stats', id, ...(options.resetPeak ? { resetPeak: true } : {}) });
      return within(answer, 5_000, 'asking the upstream for its stats');
    },
    async stop() {
      send({ type: 'stop' });
      try {
        await within(exited(child), 3_000, 'stopping the upstream process');
      } catch {
        child.kill('SIGKILL');
        await exited(child);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One client stream, checked as it arrives

interface Spec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface Outcome {
  /** Undefined: complete and correct. */
  problem?: string;
  /** Request start → last byte (or the failure), ms. */
  ms: number;
}

interface ClientStream {
  done: Promise<Outcome>;
  /** Cut the stream (when the round times out); it settles with `reason`. */
  cancel(reason: string): void;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DATA = Buffer.from('data:');
const DONE = Buffer.from('[DONE]');

function openStream(spec: Spec, agent: Agent, expected: { text: string; tokens: number }, hooks: { onOpen(): void; onClose(): void }): ClientStream {
  const t0 = performance.now();
  let settled = false;
  let opened = false;
  let resolveDone: (outcome: Outcome) => void = () => {};
  const done = new Promise<Outcome>((resolve) => { resolveDone = resolve; });
  const finish = (problem?: string) => {
    if (settled) return;
    settled = true;
    if (opened) hooks.onClose();
    resolveDone(problem === undefined ? { ms: performance.now() - t0 } : { problem, ms: performance.now() - t0 });
  };
  const req = request(spec.url, { method: 'POST', agent, headers: { ...spec.headers, 'content-length': Buffer.byteLength(spec.body) } }, (res) => {
    opened = true;
    hooks.onOpen();
    if (res.statusCode !== 200) {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => { if (body.length < 200) body += s; });
      res.on('end', () => finish(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`));
      res.on('error', (error) => finish(`HTTP ${res.statusCode}: ${error.message}`));
      return;
    }
    // Kept per stream: a partial line (copied, so no socket buffer is held), how much of the
    // expected text has arrived (each delta compared in place, the text not kept), a few flags.
    // Lines are cut at LF bytes, which never occur inside a UTF-8 character.
    let tail: Buffer | undefined;
    let at = 0;
    let differsAt = -1;
    let lastWasDone = false;
    let afterDone = 0;
    let notJson = 0;
    let errorChunk: string | undefined;
    let tokens: number | undefined;
    const onLine = (buf: Buffer, start: number, end: number) => {
      if (end > start && buf[end - 1] === CR) end -= 1;
      if (end - start < 5 || buf.compare(DATA, 0, 5, start, start + 5) !== 0) return;
      start += buf[start + 5] === SPACE ? 6 : 5;
      if (lastWasDone) afterDone += 1;
      lastWasDone = end - start === DONE.length && buf.compare(DONE, 0, DONE.length, start, end) === 0;
      if (lastWasDone) return;
      const data = buf.toString('utf8', start, end);
      let chunk: any;
      try {
        chunk = JSON.parse(data);
      } catch {
        notJson += 1;
        return;
      }
      if (chunk?.error !== undefined) errorChunk ??= data.slice(0, 160);
      const content = chunk?.choices?.[0]?.delta?.content;
      if (typeof content === 'string') {
        if (differsAt < 0 && !expected.text.startsWith(content, at)) differsAt = at;
        at += content.length;
      }
      if (typeof chunk?.usage?.completion_tokens === 'number') tokens = chunk.usage.completion_tokens;
    };
    res.on('data', (chunk: Buffer) => {
      const buf = tail ? Buffer.concat([tail, chunk]) : chunk;
      let start = 0;
      for (let lf = buf.indexOf(LF); lf >= 0; lf = buf.indexOf(LF, start)) {
        onLine(buf, start, lf);
        start = lf + 1;
      }
      tail = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
    });
    res.on('end', () => {
      if (errorChunk !== undefined) return finish(`error chunk: ${errorChunk}`);
      if (!lastWasDone || afterDone > 0) return finish(afterDone > 0 ? 'data after `data: [DONE]`' : 'no `data: [DONE]` at the end');
      if (tail && tail.toString('utf8').trim() !== '') return finish('unterminated last line');
      if (notJson > 0) return finish(`${notJson} data line(s) not JSON`);
      if (at !== expected.text.length) return finish(`text of ${at} chars, expected ${expected.text.length}`);
      if (differsAt >= 0) return finish(`text differs from char ${differsAt} (right length)`);
      if (tokens !== expected.tokens) return finish(`usage completion_tokens ${tokens}, expected ${expected.tokens}`);
      finish();
    });
    res.on('error', (error) => finish(error.message));
    res.on('aborted', () => finish('response aborted'));
  });
  req.on('error', (error) => finish(error.message));
  req.end(spec.body);
  return {
    done,
    cancel(reason) {
      if (settled) return;
      finish(reason);
      req.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Figures

const MiB = 2 ** 20;
const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / MiB).toFixed(1) : '-');
const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / MiB).toFixed(1)}`;
const cpuMicros = (s: { cpu: { user: number; system: number } }) => s.cpu.user + s.cpu.system;

const COLUMNS = [
  ['round', 6], ['completed', 10], ['lost', 5], ['open c/u', 10], ['all in ms', 10], ['stream p50', 11], ['stream p99', 11], ['stream max', 11],
  ['RSS start', 10], ['RSS peak', 9], ['RSS end', 8], ['heap peak', 10], ['samples i/p', 12], ['loop p99', 9], ['gw CPU s', 9], ['up CPU s', 9], ['gen CPU s', 10],
] as const;

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');
}

/** The RSS of process `pid` from /proc (Linux), bytes; undefined elsewhere or when it is gone. */
async function procRss(pid: number): Promise<number | undefined> {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Peak {
  rss: number;
  heap: number;
  /** Answers to the IPC stats requests (the gateway's own event loop answers: fewer when it is blocked) and /proc reads. */
  ipcSamples: number;
  procSamples: number;
}

/**
 * Samples the gateway's RSS every SAMPLE_MS until stopped, two ways: its `stats` over IPC (RSS and
 * JS heap, answered only between its tasks) and, on Linux, /proc/<pid>/status from here (not
 * held up by a busy gateway). Returns the highest seen.
 */
function sampleGateway(gateway: GatewayChild, from: GatewayStats): { stop(): Promise<Peak> } {
  const peak: Peak = { rss: from.rss, heap: from.heapUsed, ipcSamples: 0, procSamples: 0 };
  let sampling = true;
  const every = async (sample: () => Promise<void>) => {
    while (sampling) {
      const next = performance.now() + SAMPLE_MS;
      await sample();
      const wait = next - performance.now();
      if (wait > 0 && sampling) await sleep(wait);
    }
  };
  const done = Promise.all([
    every(async () => {
      const s = await gateway.stats().catch(() => undefined);
      if (!s) return;
      peak.rss = Math.max(peak.rss, s.rss);
      peak.heap = Math.max(peak.heap, s.heapUsed);
      peak.ipcSamples += 1;
    }),
    every(async () => {
      const rss = await procRss(gateway.pid);
      if (rss === undefined) return;
      peak.rss = Math.max(peak.rss, rss);
      peak.procSamples += 1;
    }),
  ]);
  return { stop: async () => { sampling = false; await done; return peak; } };
}

interface RoundResult {
  completed: number;
  lost: number;
  peakRss: number;
  cells: string[];
  notes: string[];
}

async function runRound(round: number, options: LoadOptions, spec: Spec, agent: Agent, expected: { text: string; tokens: number }, gateway: GatewayChild, upstream: UpstreamChild): Promise<RoundResult> {
  const n = options.streams;
  upstream.setPacing({ kind: 'spread', spreadMs: options.spreadMs, together: n });
  const upBefore = await upstream.stats({ resetPeak: true });
  const before = await gateway.stats({ resetLoop: true });
  const sampler = sampleGateway(gateway, before);
  let open = 0;
  let peakOpen = 0;
  const hooks = { onOpen: () => { open += 1; peakOpen = Math.max(peakOpen, open); }, onClose: () => { open -= 1; } };
  const gen = process.cpuUsage();
  const t0 = performance.now();
  const streams: ClientStream[] = [];
  for (let i = 0; i < n; i++) {
    streams.push(openStream(spec, agent, expected, hooks));
    if (i % OPEN_BATCH === OPEN_BATCH - 1) await yieldLoop();
  }
  const all = Promise.all(streams.map((s) => s.done));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), Math.max(0, ROUND_TIMEOUT_MS - (performance.now() - t0))); });
  const first = await Promise.race([all, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') for (const s of streams) s.cancel(`unfinished at the ${ROUND_TIMEOUT_MS / 1000} s round timeout`);
  const outcomes = await all;
  const genCpu = process.cpuUsage(gen);
  const peak = await sampler.stop();
  const end = await gateway.stats();
  const up = await upstream.stats();

  const problems = new Map<string, number>();
  for (const o of outcomes) if (o.problem !== undefined) problems.set(o.problem, (problems.get(o.problem) ?? 0) + 1);
  const lost = outcomes.filter((o) => o.problem !== undefined).length;
  const times = outcomes.filter((o) => o.problem === undefined).map((o) => o.ms);
  const notes = [...problems].map(([p, count]) => `round ${round}: ${count}× ${p}`);
  const upAborted = up.streams.aborted - upBefore.streams.aborted;
  if (upAborted > 0) notes.push(`round ${round}: the upstream saw ${upAborted} stream(s) cut off`);
  if (up.gate?.timedOut) notes.push(`round ${round}: only ${up.gate.arrived} of ${n} streams reached the upstream within 15 s; the others started late`);
  const cells = [
    String(round), `${n - lost}/${n}`, String(lost), `${peakOpen}/${up.streams.peakOpen}`, fmt(up.gate?.waitedMs),
    fmt(percentile(times, 50)), fmt(percentile(times, 99)), fmt(Math.max(...times)),
    mib(before.rss), mib(peak.rss), mib(end.rss), mib(peak.heap), `${peak.ipcSamples}/${peak.procSamples}`,
    fmt(end.loopDelay.p99), fmt((cpuMicros(end) - cpuMicros(before)) / 1e6, 1),
    fmt((cpuMicros(up) - cpuMicros(upBefore)) / 1e6, 1), fmt((genCpu.user + genCpu.system) / 1e6, 1),
  ];
  return { completed: n - lost, lost, peakRss: peak.rss, cells, notes };
}

const verdict = (value: number, limit: number) => (value <= limit ? 'met' : `MISSED by ${(value - limit).toFixed(1)} MiB`);

export async function runLoadBench(options: LoadOptions = loadOptionsFromEnv()): Promise<void> {
  const n = options.streams;
  const genStart = process.cpuUsage();
  const genRssStart = process.memoryUsage.rss();
  let upstream: UpstreamChild | undefined;
  let gateway: GatewayChild | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: n, maxTotalSockets: Number.POSITIVE_INFINITY, timeout: ROUND_TIMEOUT_MS });
  try {
    upstream = await startUpstreamChild(options.chunks);
    gateway = await startGatewayChild({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY }, ['--expose-gc', ...GATEWAY_NODE_ARGS]);
    const text = upstream.texts.join('');
    const expected = { text, tokens: options.chunks };
    const spec: Spec = {
      url: `${gateway.url}/v1/chat/completions`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${GATEWAY_KEY}` },
      body: JSON.stringify({ model: 'claude.test-model', stream: true, stream_options: { include_usage: true }, max_completion_tokens: MAX_TOKENS, messages: [{ role: 'user', content: 'Reply with a long paragraph.' }] }),
    };

    console.log(`load · ${n} chat → claude streams at once (converted) × ${options.rounds} round${options.rounds === 1 ? '' : 's'} · the upstream sends each one's head at once, holds the deltas until all ${n} have arrived, then spreads ${options.chunks} deltas (${text.length} chars) over ${options.spreadMs} ms (${fmt((n * options.chunks) / (options.spreadMs / 1000))} deltas/s in all) · gateway pid ${gateway.pid} (own process, --expose-gc) · upstream pid ${upstream.pid} (own process) · client: this process, node:http, one keep-alive Agent · a round is cut at ${ROUND_TIMEOUT_MS / 1000} s`);

    // Warm-up: a few streams one at a time, the upstream at full speed, each checked.
    upstream.setPacing({ kind: 'fast', gapEvery: 50 });
    const warm: Outcome[] = [];
    for (let i = 0; i < WARMUP; i++) warm.push(await openStream(spec, agent, expected, { onOpen() {}, onClose() {} }).done);
    const warmProblems = warm.filter((o) => o.problem !== undefined);
    await sleep(IDLE_BEFORE_BASELINE_MS);
    const base = await gateway.stats();
    const baseGc = await gateway.stats({ gc: true });
    console.log(`idle baseline (after ${WARMUP} warm-up streams, ${WARMUP - warmProblems.length} correct, and ${IDLE_BEFORE_BASELINE_MS / 1000} s idle): RSS ${mib(base.rss)} MiB · after a full GC ${mib(baseGc.rss)} MiB (JS heap ${mib(baseGc.heapUsed)} / ${mib(baseGc.heapTotal)} MiB, external ${mib(baseGc.external)} MiB) · maxRSS so far ${mib(baseGc.maxRSS * 1024)} MiB`);
    for (const o of warmProblems) console.log(`  NOTE warm-up: ${o.problem}`);
    console.log('');
    console.log(line(COLUMNS.map(([name]) => name)));
    console.log(line(COLUMNS.map(([, width]) => '-'.repeat(width))));

    const rounds: RoundResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const r = await runRound(round, options, spec, agent, expected, gateway, upstream);
      rounds.push(r);
      console.log(line(r.cells));
    }
    // The streams are over: the clients go away (their idle keep-alive connections closed).
    const endedAt = performance.now();
    agent.destroy();
    const afterRounds = await gateway.stats();
    const peakSampled = Math.max(...rounds.map((r) => r.peakRss));
    const maxRss = afterRounds.maxRSS * 1024;

    await sleep(Math.max(0, options.settleMs - (performance.now() - endedAt)));
    const settled = await gateway.stats();
    const settledGc = await gateway.stats({ gc: true });
    const up = await upstream.stats();
    const lost = rounds.reduce((sum, r) => sum + r.lost, 0);

    console.log('');
    console.log('completed: streams read to their end with `data: [DONE]` last, the full text (right length and content) and usage · lost: the others (errors, cut, wrong) · open c/u: most streams open at once at the client / at the upstream · all in: first to last stream reaching the upstream, ms');
    console.log(`stream: request start → last byte, ms · RSS start / peak / end: the gateway's RSS at the round's start, highest sampled every ${SAMPLE_MS} ms, when all streams ended · heap peak: highest JS heap used sampled · samples i/p: RSS samples the gateway answered over IPC (only between its tasks, so few when its loop is blocked) / read from /proc/<pid>/status · loop p99: its event-loop delay, ms · CPU s: gateway / upstream / this process (client) over the round`);
    for (const r of rounds) for (const note of r.notes) console.log(`  NOTE ${note}`);
    console.log('');
    console.log(`streams: ${rounds.map((r, i) => `round ${i + 1} ${r.completed} completed / ${r.lost} lost`).join(' · ')} · ${lost === 0 ? 'none lost' : `${lost} lost in all`}`);
    console.log(`idle baseline RSS:        ${mib(base.rss)} MiB (after a full GC: ${mib(baseGc.rss)} MiB)`);
    console.log(`peak RSS during rounds:   ${mib(peakSampled)} MiB sampled · maxRSS ${mib(maxRss)} MiB    target ≤ ${TARGET_PEAK_MIB} MiB with ${n} concurrent converted streams: ${verdict(Math.max(maxRss, peakSampled) / MiB, TARGET_PEAK_MIB)}`);
    console.log(`settled RSS (${fmt(options.settleMs / 1000, 1)} s after): ${mib(settled.rss)} MiB without GC · ${mib(settledGc.rss)} MiB after a full GC (JS heap ${mib(settledGc.heapUsed)} / ${mib(settledGc.heapTotal)} MiB, external ${mib(settledGc.external)} MiB) · the gateway still holds ${up.connections} connection(s) to the upstream (idle keep-alive)`);
    console.log(`settled − baseline:       ${signedMib(settled.rss - base.rss)} MiB without GC · ${signedMib(settledGc.rss - baseGc.rss)} MiB after a full GC (vs the baseline after one)    target ≤ ${TARGET_SETTLED_MIB} MiB ${fmt(options.settleMs / 1000, 1)} s after they end: ${verdict((settled.rss - base.rss) / MiB, TARGET_SETTLED_MIB)} without GC, ${verdict((settledGc.rss - baseGc.rss) / MiB, TARGET_SETTLED_MIB)} after GC`);
    const own = process.cpuUsage(genStart);
    console.log(`upstream (pid ${upstream.pid}): ${up.streams.started} streams started, ${up.streams.finished} finished, ${up.streams.aborted} cut off by the gateway${up.streams.unknown ? `, ${up.streams.unknown} requests to unknown paths` : ''} · CPU ${fmt(cpuMicros(up) / 1e6, 1)} s · maxRSS ${mib(up.maxRSS * 1024)} MiB`);
    console.log(`load generator (this process, the client): CPU ${fmt((own.user + own.system) / 1e6, 1)} s over this part · RSS ${mib(genRssStart)} MiB at its start, ${mib(process.memoryUsage.rss())} MiB now, maxRSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB (process lifetime) · gateway CPU in all ${fmt(cpuMicros(settledGc) / 1e6, 1)} s`);
  } finally {
    agent.destroy();
    await gateway?.stop();
    await upstream?.stop();
  }
}
