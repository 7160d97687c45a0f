// A lean loopback streaming upstream for the bench: `…/messages` answers a Claude stream and
// `…/chat/completions` a Chat stream (usage chunk only when the request asks for it, as
// OpenAI does), each of N text deltas (bench/stream-frames.ts), every frame its own write.
// Pacing, switchable between cases:
//   fast    frames back to back, yielding to the event loop (setImmediate) every `gapEvery`
//           frames; a full socket buffer is waited out ('drain'), so a slow reader slows it.
//   spread  the head frames at once, then the rest evenly over `spreadMs` (what is due goes
//           out every TICK_MS): a slow model, so that many streams are open at the same time.
//           With `together: n`, the deltas wait until n streams have arrived, then all start.
// Frames are encoded once; serving them costs a write per frame and nothing else.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldLoop, setTimeout as sleep } from 'node:timers/promises';
import { chatFrames, claudeFrames, deltaTexts } from './stream-frames.ts';
import { drained } from '../src/runtime/node/drained.ts';

/** `together`: the spread streams hold their deltas until that many have arrived (at most GATE_MS), then all start at once. */
export type Pacing = { kind: 'fast'; gapEvery: number } | { kind: 'spread'; spreadMs: number; together?: number };

export interface GateReport {
  /** Streams that had arrived when the gate opened; ms from the first arrival to the opening. */
  arrived: number;
  waitedMs: number;
  timedOut: boolean;
}

const GATE_MS = 15_000;

/** Holds spread streams until `need` have arrived (or GATE_MS after the first), then lets all go. */
class Gate {
  arrived = 0;
  report: GateReport | undefined;
  readonly opened: Promise<void>;
  private release = () => {};
  private firstAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly need: number;

  constructor(need: number) {
    this.need = need;
    this.opened = new Promise<void>((resolve) => { this.release = resolve; });
  }

  arrive(): Promise<void> {
    if (this.arrived++ === 0) {
      this.firstAt = performance.now();
      this.timer = setTimeout(() => this.open(true), GATE_MS);
    }
    if (this.arrived >= this.need) this.open(false);
    return this.opened;
  }

  private open(timedOut: boolean): void {
    if (this.report) return;
    clearTimeout(this.timer);
    this.report = { arrived: this.arrived, waitedMs: performance.now() - this.firstAt, timedOut };
    this.release();
  }
}

export interface StreamUpstream {
  url: string;
  /** The streams' text deltas, in order. */
  texts: readonly string[];
  /** The exact bytes of each stream, for a direct-path check. */
  body(kind: 'claude' | 'chat' | 'chat-usage'): string;
  setPacing(pacing: Pacing): void;
  /** How the current spread pacing's gate opened (undefined: no gate, or not yet open). */
  gateReport(): GateReport | undefined;
  /** Streams answered / finished / cut off by the other side, and the most open at once. */
  stats(): { started: number; finished: number; aborted: number; open: number; peakOpen: number; unknown: number };
  resetPeak(): void;
  /** Open TCP connections to it, idle keep-alive ones included. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

const TICK_MS = 20;
/** Frames before the first text delta: a real upstream sends them at once. */
const HEAD = { claude: 3, chat: 1 } as const;

function frameBuffers(frames: string[]): Buffer[] {
  return frames.map((f) => Buffer.from(f, 'utf8'));
}

export async function startStreamUpstream(chunks: number, initial: Pacing): Promise<StreamUpstream> {
  const texts = deltaTexts(chunks);
  const streams = {
    claude: frameBuffers(claudeFrames(texts)),
    chat: frameBuffers(chatFrames(texts, false)),
    'chat-usage': frameBuffers(chatFrames(texts, true)),
  };
  let pacing = initial;
  let currentGate: Gate | undefined;
  const counts = { started: 0, finished: 0, aborted: 0, open: 0, peakOpen: 0, unknown: 0 };

  async function send(res: ServerResponse, frames: Buffer[], head: number): Promise<void> {
    const p = pacing;
    if (p.kind === 'fast') {
      for (let i = 0; i < frames.length; i++) {
        if (res.destroyed) return;
        if (!res.write(frames[i])) await drained(res);
        if (p.gapEvery > 0 && (i + 1) % p.gapEvery === 0) await yieldLoop();
      }
    } else {
      for (let i = 0; i < head; i++) res.write(frames[i]);
      const g = currentGate;
      if (g) await g.arrive();
      // The rest on a schedule: frame k of the remaining n is due at (k + 1) / n of spreadMs.
      // Checked against the clock every TICK_MS, so a busy loop sends more per tick, not later.
      const n = frames.length - head;
      const t0 = performance.now();
      if (res.destroyed) return;
      for (let sent = 0; sent < n;) {
        // To the next tick boundary (a late loop skips the ticks it missed, it never spins).
        await sleep(TICK_MS - ((performance.now() - t0) % TICK_MS));
        if (res.destroyed) return;
        const due = Math.min(n, Math.floor((n * (performance.now() - t0)) / p.spreadMs));
        for (; sent < due; sent++) if (!res.write(frames[head + sent])) await drained(res);
      }
    }
    if (!res.destroyed) res.end();
  }

  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const kind = path.endsWith('/messages') ? 'claude' : path.endsWith('/chat/completions') ? (/"include_usage"\s*:\s*true/.test(text) ? 'chat-usage' : 'chat') : undefined;
      if (kind === undefined || !/"stream"\s*:\s*true/.test(text)) {
        counts.unknown += 1;
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"bench stream upstream: streams only, /v1/messages or /v1/chat/completions"}');
        return;
      }
      counts.started += 1;
      counts.open += 1;
      counts.peakOpen = Math.max(counts.peakOpen, counts.open);
      res.on('close', () => {
        counts.open -= 1;
        if (res.writableFinished) counts.finished += 1;
        else counts.aborted += 1;
      });
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      void send(res, streams[kind], HEAD[kind === 'claude' ? 'claude' : 'chat']).catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    texts,
    body: (kind) => Buffer.concat(streams[kind]).toString('utf8'),
    setPacing: (next) => {
      pacing = next;
      currentGate = next.kind === 'spread' && next.together !== undefined ? new Gate(next.together) : undefined;
    },
    gateReport: () => currentGate?.report,
    stats: () => ({ ...counts }),
    resetPeak: () => { counts.peakOpen = counts.open; },
    connections: () => new Promise((resolve) => server.getConnections((error, count) => resolve(error ? Number.NaN : count))),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
