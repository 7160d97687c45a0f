// The Node upstream client against a real loopback server: bodies arrive whole and in order
// pulled or pushed, backpressure really stops the reading, and every way a call can stop early
// (cancel, the client's abort before or during the body) settles the reader and frees the
// socket, with no abort listener left behind on the request's signal.
import { once } from 'node:events';
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeUpstream } from '../../src/runtime/node/upstream-client.ts';
import type { ChunkListener, UpstreamReply } from '../../src/upstream/upstream-client.ts';

const PARTS = ['alpha ', 'beta ', 'gamma ', 'delta'];
let server: Server;
let base: string;
/** Resolves when the server sees the current response's socket close before it ended. */
let responseClosedEarly: Promise<void> = Promise.resolve();
/** Releases a held response (`/held`): its last part is written only then. */
let release: () => void = () => {};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function answer(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': 'yes' });
  if (req.url === '/parts') {
    // Each part in its own packet, a little apart, so the client sees several chunks.
    void (async () => {
      for (const part of PARTS) {
        res.write(part);
        await delay(5);
      }
      res.end();
    })();
    return;
  }
  if (req.url === '/held') {
    res.write('first');
    responseClosedEarly = new Promise((resolve) => res.on('close', () => { if (!res.writableFinished) resolve(); }));
    release = () => res.end('last');
    return;
  }
  if (req.url === '/big') {
    // 4 MiB: far more than the socket's buffers hold while the reader is paused.
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < 64) {
        sent += 1;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return;
  }
  res.end('plain');
}

beforeAll(async () => {
  server = createServer(answer);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function call(path: string, signal = new AbortController().signal): { upstream: ReturnType<typeof createNodeUpstream>; reply: Promise<UpstreamReply> } {
  const upstream = createNodeUpstream();
  return { upstream, reply: upstream.client({ method: 'GET', url: `${base}${path}`, headers: {}, signal }) };
}

async function pullAll(reply: UpstreamReply): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (let r = await reply.body.next(); !r.done; r = await reply.body.next()) text += decoder.decode(r.value, { stream: true });
  return text;
}

function pushAll(reply: UpstreamReply): { text: () => string; done: Promise<void>; chunks: () => number; flow: ReturnType<NonNullable<UpstreamReply['body']['listen']>> } {
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  let finish!: () => void;
  let failWith!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    failWith = reject;
  });
  const listener: ChunkListener = {
    chunk(bytes) {
      chunks += 1;
      text += decoder.decode(bytes, { stream: true });
    },
    end: () => finish(),
    fail: (error) => failWith(error),
  };
  const flow = reply.body.listen!(listener);
  return { text: () => text, done, chunks: () => chunks, flow };
}

describe('Node upstream client', () => {
  it('pulls a body of several chunks whole and in order, with the status and headers', async () => {
    const { upstream, reply } = call('/parts');
    const r = await reply;
    expect(r.status).toBe(200);
    expect(r.headers.get('X-Upstream')).toBe('yes');
    expect(await pullAll(r)).toBe(PARTS.join(''));
    await upstream.close();
  });

  it('pushes a body whole and in order to a listener', async () => {
    const { upstream, reply } = call('/parts');
    const pushed = pushAll(await reply);
    await pushed.done;
    expect(pushed.text()).toBe(PARTS.join(''));
    expect(pushed.chunks()).toBeGreaterThan(1);
    await upstream.close();
  });

  it('a paused listener gets nothing until it resumes, then the rest of the body', async () => {
    const { upstream, reply } = call('/big');
    const pushed = pushAll(await reply);
    pushed.flow.pause();
    // Let whatever was already parsed arrive, then check that reading really stopped.
    await delay(50);
    const seen = pushed.text().length;
    await delay(100);
    expect(pushed.text().length).toBe(seen);
    expect(seen).toBeLessThan(64 * 64 * 1024);
    pushed.flow.resume();
    await pushed.done;
    expect(pushed.text().length).toBe(64 * 64 * 1024);
    await upstream.close();
  });

  it('a pulled body pauses while nobody reads and loses nothing', async () => {
    const { upstream, reply } = call('/big');
    const r = await reply;
    await delay(100);
    expect((await pullAll(r)).length).toBe(64 * 64 * 1024);
    await upstream.close();
  });

  it('cancel mid-body settles a pending read and closes the upstream socket', async () => {
    const { upstream, reply } = call('/held');
    const r = await reply;
    expect(new TextDecoder().decode((await r.body.next()).value)).toBe('first');
    const pending = r.body.next();
    r.body.cancel();
    await expect(pending).rejects.toThrow(/closed before its end/);
    await responseClosedEarly;
    await upstream.close();
  });

  it('the client aborting mid-body fails the listener and closes the upstream socket', async () => {
    const controller = new AbortController();
    const { upstream, reply } = call('/held', controller.signal);
    const pushed = pushAll(await reply);
    await delay(20);
    expect(pushed.text()).toBe('first');
    controller.abort(new Error('client disconnected'));
    await expect(pushed.done).rejects.toThrow('client disconnected');
    await responseClosedEarly;
    release();
    await upstream.close();
  });

  it('an abort before the head rejects the call with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone already'));
    const { upstream, reply } = call('/plain', controller.signal);
    await expect(reply).rejects.toThrow('gone already');
    await upstream.close();
  });

  it('leaves no abort listener on the request signal once the body has ended', async () => {
    const controller = new AbortController();
    const { upstream, reply } = call('/plain', controller.signal);
    const r = await reply;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    expect(await pullAll(r)).toBe('plain');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await upstream.close();
  });

  it('a refused connection rejects the call', async () => {
    const upstream = createNodeUpstream();
    const refused = createServer();
    refused.listen(0, '127.0.0.1');
    await once(refused, 'listening');
    const port = (refused.address() as AddressInfo).port;
    refused.close();
    await once(refused, 'close');
    await expect(upstream.client({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, signal: new AbortController().signal })).rejects.toThrow(/ECONNREFUSED/);
    await upstream.close();
  });
});
