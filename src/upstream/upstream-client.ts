// The one interface the gateway calls upstreams through, small enough that each runtime can
// implement it with its cheapest primitive: Node with an undici dispatcher (no Web Request,
// Response, Headers or stream objects per call), Workers and tests with `fetch` (fetchClient).
// Bodies are read chunk by chunk; `cancel()` releases the connection whenever reading stops.

import type { HeaderReader } from '../http/header-reader.ts';

export type { HeaderReader } from '../http/header-reader.ts';

/** Told of an upstream body's chunks as they arrive (push mode): exactly one of `end`/`fail` closes it. */
export interface ChunkListener {
  chunk(bytes: Uint8Array): void;
  end(): void;
  fail(error: unknown): void;
}

/** Flow control of a pushed body: `pause` holds chunks back (backpressure) until `resume`. */
export interface ChunkFlow {
  pause(): void;
  resume(): void;
}

/**
 * An upstream body as it arrives. `next` may be pending when `cancel` is called: it then settles.
 * `listen` (Node) pushes chunks straight from the socket's events, with no promise per chunk;
 * a body is read one way or the other, never both.
 */
export interface ChunkSource {
  next(): Promise<IteratorResult<Uint8Array>>;
  cancel(): void;
  listen?(listener: ChunkListener): ChunkFlow;
}

/** Any ChunkSource in push mode: its own `listen`, or a loop that pulls while not paused (Workers, fetch). */
export function listenTo(source: ChunkSource, listener: ChunkListener): ChunkFlow {
  if (source.listen) return source.listen(listener);
  let paused = false;
  let running = false;
  let closed = false;
  const pump = async () => {
    running = true;
    try {
      while (!paused && !closed) {
        const result = await source.next();
        if (closed) return;
        if (result.done) {
          closed = true;
          listener.end();
          return;
        }
        listener.chunk(result.value);
      }
    } catch (error) {
      if (!closed) {
        closed = true;
        listener.fail(error);
      }
    } finally {
      running = false;
    }
  };
  void pump();
  return {
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      if (!running && !closed) void pump();
    },
  };
}

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the call and its body (client gone, deadline passed). */
  signal: AbortSignal;
}

export interface UpstreamReply {
  status: number;
  headers: HeaderReader;
  body: ChunkSource;
}

export type UpstreamClient = (request: UpstreamRequest) => Promise<UpstreamReply>;

/** A Web fetch (Workers, tests' injected fetch, the in-process mock) as an UpstreamClient. */
export type FetchLike = (input: Request) => Promise<Response>;

const EMPTY: ChunkSource = { next: () => Promise.resolve({ done: true, value: undefined }), cancel: () => {} };

export function fetchClient(fetchImpl: FetchLike): UpstreamClient {
  return async (request) => {
    // Redirects are never followed (a media URL's target was checked, its redirect's was not):
    // `manual` hands the 3xx back as it is (Workers support no `error` mode).
    const init: RequestInit = { method: request.method, headers: request.headers, signal: request.signal, redirect: 'manual' };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetchImpl(new Request(request.url, init));
    const reader = response.body?.getReader();
    const body: ChunkSource = reader
      ? {
          next: async () => {
            const { done, value } = await reader.read();
            return done ? { done: true, value: undefined } : { done: false, value };
          },
          // cancel() settles a pending read with done: never left hanging.
          cancel: () => void reader.cancel().catch(() => {}),
        }
      : EMPTY;
    return { status: response.status, headers: response.headers, body };
  };
}
