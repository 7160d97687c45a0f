// Upstream calls on Node: undici's dispatcher API directly — no Web Request, Response, Headers,
// ReadableStream or Node Readable per call (each costs memory and CPU under many concurrent
// streams) — over one Agent that keeps connections alive per origin. undici's own header and body deadlines
// are off (its defaults of 300 s would cut the documented 600 s `timeoutMs` short and report a
// live upstream as unreachable): the gateway's own deadlines apply, the same as on Workers.
//
// Only the Agent is loaded, not undici's index: the index also loads fetch, WebSocket, EventSource, the cache and the mock agents, none of which the gateway uses, and
// that code stayed in memory for the process's life (`npm start` idle RSS 83.4 → 78.1 MiB,
// Node 24, undici 7.30.1, which package.json pins exactly because these are its internal paths).
import { setFlagsFromString } from 'node:v8';
import Agent from 'undici/lib/dispatcher/agent.js';
import type { Dispatcher } from 'undici';
import type { ChunkFlow, ChunkListener, ChunkSource, HeaderReader, UpstreamClient, UpstreamReply } from '../../upstream/upstream-client.ts';

type RawHeaders = Record<string, string | string[] | undefined>;

function headerReader(raw: RawHeaders): HeaderReader {
  const value = (v: string | string[] | undefined) => (v === undefined ? null : Array.isArray(v) ? v.join(', ') : v);
  return {
    get: (name) => value(raw[name.toLowerCase()]),
    forEach(callback) {
      for (const [name, v] of Object.entries(raw)) {
        const joined = value(v);
        if (joined !== null) callback(joined, name);
      }
    },
  };
}

/** How the call's head settles its promise. */
interface HeadSettler {
  resolve(reply: UpstreamReply): void;
  reject(error: unknown): void;
}

/** undici's abort takes an Error; a signal's reason or a failure may be anything. */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(reason === undefined ? 'aborted' : String(reason));
}

/**
 * One upstream call as an undici dispatch handler: the head resolves the call, the body's chunks
 * go straight from undici's parser callbacks to the reader — no Readable stream, no AsyncResource,
 * no nextTick per event (api-request.js builds all three for every call). Pulled with `next`, a
 * chunk that arrives while nobody reads waits in a queue and pauses the socket; reading it
 * resumes. With `listen`, every chunk goes straight to the listener.
 *
 * undici's `resume` parses whatever the socket holds at once, synchronously, and asserts it is
 * not called from inside its own parser callback; resuming in a microtask keeps the chunks it
 * delivers out of the caller's stack (a reader resuming from `next` or a drained socket).
 */
class UpstreamCall implements Dispatcher.DispatchHandler, ChunkSource {
  readonly #signal: AbortSignal;
  readonly #head: HeadSettler;
  #controller: Dispatcher.DispatchController | undefined;
  #headed = false;
  #ended = false;
  #failure: unknown;
  /** The reader was told the body is over (a pending `next` settled, or the listener told). */
  #told = false;
  readonly #queue: Uint8Array[] = [];
  #waiter: { resolve(result: IteratorResult<Uint8Array>): void; reject(error: unknown): void } | undefined;
  #listener: ChunkListener | undefined;
  /** The reader wants the socket paused (a queued chunk, or the listener's backpressure). */
  #paused = false;
  #resumeQueued = false;

  constructor(signal: AbortSignal, head: HeadSettler) {
    this.#signal = signal;
    this.#head = head;
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  readonly #onAbort = (): void => {
    // The call fails with the signal's own reason, as undici's request API rejects.
    this.#fail(this.#signal.reason ?? new Error('aborted'));
    this.#controller?.abort(asError(this.#signal.reason));
  };

  // ── undici's side ──
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#failure !== undefined) controller.abort(asError(this.#failure));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: RawHeaders): void {
    if (statusCode < 200 || this.#headed) return; // 1xx: informational, the real head follows
    this.#headed = true;
    this.#head.resolve({ status: statusCode, headers: headerReader(headers), body: this });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // undici hands over an empty chunk when it resumes a paused parser; queueing it would pause
    // again at once and never make progress (a Readable drops empty pushes the same way).
    if (this.#failure !== undefined || chunk.length === 0) return;
    if (this.#listener) {
      this.#listener.chunk(chunk);
      return;
    }
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ done: false, value: chunk });
      return;
    }
    this.#queue.push(chunk);
    this.#paused = true;
    controller.pause();
  }

  onResponseEnd(): void {
    this.#ended = true;
    this.#done();
    this.#settle();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#fail(error);
  }

  // ── the reader's side (ChunkSource) ──
  next(): Promise<IteratorResult<Uint8Array>> {
    const chunk = this.#queue.shift();
    if (chunk !== undefined) {
      if (this.#queue.length === 0) this.#resume();
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  listen(listener: ChunkListener): ChunkFlow {
    this.#listener = listener;
    for (const chunk of this.#queue.splice(0)) listener.chunk(chunk);
    if (this.#ended || this.#failure !== undefined) this.#settle();
    else this.#resume();
    return {
      pause: () => {
        this.#paused = true;
        this.#controller?.pause();
      },
      resume: () => this.#resume(),
    };
  }

  /** Stops reading: a body not yet at its end is aborted (its socket is not reused); a pending `next` settles. */
  cancel(): void {
    if (this.#ended || this.#failure !== undefined) return;
    const reason = new Error('the upstream body closed before its end');
    this.#fail(reason);
    this.#controller?.abort(reason);
  }

  #resume(): void {
    this.#paused = false;
    if (this.#resumeQueued) return;
    this.#resumeQueued = true;
    queueMicrotask(() => {
      this.#resumeQueued = false;
      // A pause since (the reader's sink filled up again) wins.
      if (!this.#paused && !this.#ended && this.#failure === undefined) this.#controller?.resume();
    });
  }

  #fail(error: unknown): void {
    if (this.#ended || this.#failure !== undefined) return;
    this.#failure = error;
    this.#done();
    if (!this.#headed) {
      this.#headed = true;
      this.#head.reject(error);
      return;
    }
    this.#settle();
  }

  /** The call is over: the client's abort no longer concerns it. */
  #done(): void {
    this.#signal.removeEventListener('abort', this.#onAbort);
  }

  /** Tells the reader once that the body is over, if it is waiting or listening. */
  #settle(): void {
    if (this.#told) return;
    if (this.#listener) {
      this.#told = true;
      if (this.#failure !== undefined) this.#listener.fail(this.#failure);
      else this.#listener.end();
      return;
    }
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    this.#told = true;
    if (this.#failure !== undefined) waiter.reject(this.#failure);
    else waiter.resolve({ done: true, value: undefined });
  }
}

/**
 * undici parses HTTP with llhttp compiled to WebAssembly, which V8 compiles first with its
 * baseline compiler (Liftoff) and then, once it runs hot — the first streamed answer does —
 * again with its optimizing one (TurboFan) on a background thread. That second compile left
 * ~18 MiB of RSS behind for the process's life (bench probe: 105.7 → 86.6 MiB after two 500-delta
 * streams, idle 76 MiB), for a parser that reads only response heads and chunk sizes while the
 * body bytes pass through as slices. Wasm tier-up off keeps it on Liftoff. V8 reads these flags
 * when a module is compiled, and undici compiles llhttp on its first connection, after this runs;
 * they concern WebAssembly only, which nothing else in the gateway runs.
 */
function keepWasmOnBaselineCompiler(): void {
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
}

/**
 * Origin and path of an upstream URL. A gateway calls the same few URLs (one per target) over
 * and over, so each is parsed once; the map is emptied if it ever grows past a bound (many
 * distinct Gemini model paths, say), never evicted per call.
 */
function urlParts(): (url: string) => { origin: string; path: string } {
  const parsed = new Map<string, { origin: string; path: string }>();
  return (text) => {
    let parts = parsed.get(text);
    if (!parts) {
      const url = new URL(text);
      if (parsed.size >= 1024) parsed.clear();
      parsed.set(text, (parts = { origin: url.origin, path: `${url.pathname}${url.search}` }));
    }
    return parts;
  };
}

export function createNodeUpstream(): { client: UpstreamClient; close(): Promise<void> } {
  keepWasmOnBaselineCompiler();
  const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 30_000, pipelining: 1 });
  const partsOf = urlParts();
  const client: UpstreamClient = (request) => {
    const { signal } = request;
    if (signal.aborted) return Promise.reject(signal.reason);
    const { origin, path } = partsOf(request.url);
    return new Promise<UpstreamReply>((resolve, reject) => {
      const call = new UpstreamCall(signal, { resolve, reject });
      agent.dispatch({ origin, path, method: request.method, headers: request.headers, body: request.body ?? null }, call);
    });
  };
  return { client, close: () => agent.close() };
}
