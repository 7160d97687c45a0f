// Upstream calls on Node: undici's dispatcher API directly — no Web Request, Response, Headers
// or ReadableStream per call (each costs memory and CPU under many concurrent streams) — over
// one Agent that keeps connections alive per origin. undici's own header and body deadlines
// are off (its defaults of 300 s would cut the documented 600 s `timeoutMs` short and report a
// live upstream as unreachable): the gateway's own deadlines apply, the same as on Workers.
import { Agent } from 'undici';
import type { ChunkSource, HeaderReader, UpstreamClient } from '../../upstream/upstream-client.ts';

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

export function createNodeUpstream(): { client: UpstreamClient; close(): Promise<void> } {
  const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 30_000, pipelining: 1 });
  const client: UpstreamClient = async (request) => {
    const url = new URL(request.url);
    const reply = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: request.signal,
    });
    const iterator = reply.body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    const body: ChunkSource = {
      next: () => iterator.next(),
      // destroy() ends a pending next() too, and frees the socket for reuse or closing.
      cancel: () => {
        if (!reply.body.destroyed) reply.body.destroy();
      },
    };
    return { status: reply.statusCode, headers: headerReader(reply.headers), body };
  };
  return { client, close: () => agent.close() };
}
