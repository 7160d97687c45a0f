// Upstream calls on Node: undici's dispatcher API directly — no Web Request, Response, Headers
// or ReadableStream per call (each costs memory and CPU under many concurrent streams) — over
// one Agent that keeps connections alive per origin. undici's own header and body deadlines
// are off (its defaults of 300 s would cut the documented 600 s `timeoutMs` short and report a
// live upstream as unreachable): the gateway's own deadlines apply, the same as on Workers.
//
// Only the Agent and its `request` are loaded, not undici's index: the index also loads fetch,
// WebSocket, EventSource, the cache and the mock agents, none of which the gateway uses, and
// that code stayed in memory for the process's life (`npm start` idle RSS 83.4 → 78.1 MiB,
// Node 24, undici 7.30.1, which package.json pins exactly because these are its internal paths).
import type { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import Agent from 'undici/lib/dispatcher/agent.js';
import undiciRequest from 'undici/lib/api/api-request.js';
import type { ChunkListener, ChunkSource, HeaderReader, UpstreamClient } from '../../upstream/upstream-client.ts';

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

/**
 * An undici body as a ChunkSource, read by its events rather than its async iterator (which
 * costs an async generator step and two promises per chunk of every open stream). Pulled with
 * `next`, a chunk that arrives while nobody reads waits in a queue and pauses the body; reading
 * it resumes the body. With `listen`, every event goes straight to the listener.
 */
function chunkSource(body: Readable): ChunkSource {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: unknown;
  let waiter: { resolve(result: IteratorResult<Uint8Array>): void; reject(error: unknown): void } | undefined;
  let listener: ChunkListener | undefined;
  let told = false;
  const settle = () => {
    if (listener) {
      if (told) return;
      told = true;
      if (failure !== undefined) listener.fail(failure);
      else listener.end();
      return;
    }
    const w = waiter;
    if (!w) return;
    waiter = undefined;
    if (failure !== undefined) w.reject(failure);
    else w.resolve({ done: true, value: undefined });
  };
  body.on('data', (chunk: Uint8Array) => {
    if (listener) {
      listener.chunk(chunk);
      return;
    }
    const w = waiter;
    if (w) {
      waiter = undefined;
      w.resolve({ done: false, value: chunk });
      return;
    }
    queue.push(chunk);
    body.pause();
  });
  body.on('end', () => {
    ended = true;
    settle();
  });
  body.on('error', (error: unknown) => {
    failure ??= error;
    settle();
  });
  // Destroyed without an end (cancel, or a socket that died without an error event): a pending
  // read must settle, as a failure unless the body had ended.
  body.on('close', () => {
    if (!ended && failure === undefined) failure = new Error('the upstream body closed before its end');
    settle();
  });
  return {
    next() {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        if (queue.length === 0 && !ended) body.resume();
        return Promise.resolve({ done: false, value: chunk });
      }
      if (failure !== undefined) return Promise.reject(failure);
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject };
      });
    },
    listen(to) {
      listener = to;
      let paused = false;
      for (const chunk of queue.splice(0)) to.chunk(chunk);
      if (ended || failure !== undefined) settle();
      else body.resume();
      return {
        pause() {
          paused = true;
          body.pause();
        },
        resume() {
          if (!paused) return;
          paused = false;
          body.resume();
        },
      };
    },
    // destroy() settles a pending next() too (via 'close'), and frees the socket for reuse or closing.
    cancel: () => {
      if (!body.destroyed) body.destroy();
    },
  };
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
  const client: UpstreamClient = async (request) => {
    const { origin, path } = partsOf(request.url);
    const reply = await undiciRequest.call(agent, {
      origin,
      path,
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: request.signal,
    });
    return { status: reply.statusCode, headers: headerReader(reply.headers), body: chunkSource(reply.body) };
  };
  return { client, close: () => agent.close() };
}
