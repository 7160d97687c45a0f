// A loopback upstream that misbehaves on cue, speaking each protocol's real wire format (the
// valid parts are the recorded fixtures: `text.response.json`, `stream-text.response.sse`).
// Requests are told apart by their model (`body.model`, or Gemini's URL path), so one server
// serves many concurrent test cases: a test scripts the fault for its model before it sends.
// Every request is recorded with whether its connection closed before the reply finished and
// when, so a test can assert "the gateway let go of the upstream request within 1 s".
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { readUpstreamRequest } from './upstream-request.ts';
import { readFixture } from './fixtures.ts';
import { configFor } from './gateway.ts';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.ts';

export type Fault =
  /** The valid answer, whole: JSON, or the full stream. */
  | 'none'
  /** 200 + `text/html` page (stream or not). */
  | 'html'
  /** 200 + the valid JSON answer cut at 40 % (Content-Length of the cut body). */
  | 'truncated-json'
  /** 200 + `application/json` `{}` (stream or not). */
  | 'empty-object'
  /** 200 + `{"error":{"message":"upstream exploded","type":"server_error"}}`. */
  | 'error-object'
  /** Content-Length of the whole answer, 50 % of it, then the socket is destroyed. */
  | 'body-cut'
  /** Never answers: no status line, no headers. */
  | 'hang'
  /** Headers (Content-Length of the whole answer) and 50 % of the body, then silence. */
  | 'stall-body'
  /** `text/event-stream` headers, then silence. */
  | 'silent-stream'
  /** `text/event-stream` headers, then the socket is destroyed before any event. */
  | 'closed-before-event'
  /** The stream's events through the first text delta, then silence (connection held open). */
  | 'stall-stream'
  /** The first events, then half of the next event, then a clean end of the HTTP body. */
  | 'cut-mid-event'
  /** The whole valid stream with non-SSE lines between its events. */
  | 'garbage-lines'
  /** The first events; on `release()` the socket is reset (TCP RST). */
  | 'reset-mid-stream'
  /** The first events, the upstream protocol's own in-band error event, then a clean end. */
  | 'error-event-after-output';

export const HTML_PAGE = '<html><body>Bad gateway</body></html>';
export const GARBAGE_LINES = ['<html>', 'garbage line', '{"not":"sse"}'];
export const ERROR_OBJECT = '{"error":{"message":"upstream exploded","type":"server_error"}}';

/** The upstream protocol's own mid-stream error event (`n` = the next Responses sequence number). */
export function inBandError(protocol: ProtocolId, n: number): string {
  switch (protocol) {
    case 'claude':
      return 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    case 'openai-chat-completions':
      return 'data: {"error":{"message":"Overloaded","type":"server_error","code":null}}\n\n';
    case 'openai-responses':
      return `event: error\ndata: {"type":"error","code":"server_error","message":"Overloaded","sequence_number":${n}}\n\n`;
    case 'gemini':
      return 'data: {"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}\n\n';
  }
}

/** A protocol's recorded text stream as events: `head` through the first text delta, then `tail`. */
export function streamParts(protocol: ProtocolId): { head: string[]; tail: string[] } {
  const events = readFixture(protocol, 'stream-text.response.sse')
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => `${block}\n\n`);
  const firstText = events.findIndex((event) => event.includes('Hello'));
  if (firstText < 0) throw new Error(`${protocol} stream-text fixture has no "Hello" delta`);
  return { head: events.slice(0, firstText + 1), tail: events.slice(firstText + 1) };
}

export interface FaultyRequest {
  /** The model the gateway asked for: the test case's key. */
  key: string;
  protocol: ProtocolId;
  stream: boolean;
  fault: Fault;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** performance.now() when the request (headers and body) had arrived. */
  receivedAt: number;
  /** Settles when the exchange is over: `early` when the connection closed before the reply finished. */
  closed: Promise<{ early: boolean; at: number }>;
  /** Cue for faults that wait for the test (`reset-mid-stream`). */
  release(): void;
}

export interface FaultyUpstream {
  url: string;
  requests: FaultyRequest[];
  /** The fault for requests whose key has no script of its own. */
  fault: Fault;
  /** Scripts the fault for the next requests of one key (model). */
  set(key: string, fault: Fault): void;
  /** The first request of `key`, once it arrives. */
  requestFor(key: string): Promise<FaultyRequest>;
  close(): Promise<void>;
}

/** Resolves once everything written so far has been handed to the kernel. */
const flushed = (res: ServerResponse) => new Promise<void>((resolve) => res.socket?.write(Buffer.alloc(0), () => resolve()) ?? resolve());

async function answer(res: ServerResponse, protocol: ProtocolId, stream: boolean, fault: Fault, cue: Promise<void>): Promise<void> {
  const json = readFixture(protocol, 'text.response.json');
  const half = json.slice(0, Math.floor(json.length / 2));
  const jsonHeaders = (body: string) => ({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  const { head, tail } = streamParts(protocol);
  const sse = () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
  };
  switch (fault) {
    case 'hang':
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return;
    case 'empty-object':
      res.writeHead(200, jsonHeaders('{}'));
      res.end('{}');
      return;
    case 'error-object':
      res.writeHead(200, jsonHeaders(ERROR_OBJECT));
      res.end(ERROR_OBJECT);
      return;
    case 'truncated-json': {
      const cut = json.slice(0, Math.floor(json.length * 0.4));
      res.writeHead(200, jsonHeaders(cut));
      res.end(cut);
      return;
    }
    case 'body-cut':
      res.writeHead(200, jsonHeaders(json));
      res.write(half);
      await flushed(res);
      res.socket?.destroy();
      return;
    case 'stall-body':
      res.writeHead(200, jsonHeaders(json));
      res.write(half);
      return;
    case 'none':
      if (!stream) {
        res.writeHead(200, jsonHeaders(json));
        res.end(json);
        return;
      }
      sse();
      res.end([...head, ...tail].join(''));
      return;
    case 'silent-stream':
      sse();
      return;
    case 'closed-before-event':
      sse();
      await flushed(res);
      res.socket?.destroy();
      return;
    case 'stall-stream':
      sse();
      res.write(head.join(''));
      return;
    case 'cut-mid-event': {
      const next = tail[0] ?? '';
      sse();
      res.end(head.join('') + next.slice(0, Math.floor(next.length / 2)));
      return;
    }
    case 'garbage-lines': {
      const garbage = `${GARBAGE_LINES.join('\n')}\n\n`;
      sse();
      res.end([...head, ...tail].map((event) => garbage + event).join('') + garbage);
      return;
    }
    case 'reset-mid-stream':
      sse();
      res.write(head.join(''));
      await cue;
      await flushed(res);
      res.socket?.resetAndDestroy();
      return;
    case 'error-event-after-output': {
      const sequence = Number(/"sequence_number":(\d+)/.exec(head.at(-1) ?? '')?.[1] ?? -1) + 1;
      sse();
      res.end(head.join('') + inBandError(protocol, sequence));
      return;
    }
  }
}

export async function startFaultyUpstream(): Promise<FaultyUpstream> {
  const scripts = new Map<string, Fault>();
  const waiters = new Map<string, Array<(request: FaultyRequest) => void>>();
  const upstream: FaultyUpstream = {
    url: '',
    requests: [],
    fault: 'none',
    set: (key, fault) => void scripts.set(key, fault),
    requestFor(key) {
      const seen = upstream.requests.find((r) => r.key === key);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]));
    },
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    // Watch the connection from the start: a gateway may give up before the body is read.
    let settle: (value: { early: boolean; at: number }) => void = () => {};
    const closed = new Promise<{ early: boolean; at: number }>((resolve) => (settle = resolve));
    res.once('close', () => settle({ early: !res.writableFinished, at: performance.now() }));
    const { url, protocol, body, model: key, stream } = await readUpstreamRequest(req);
    if (!protocol) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${url.pathname}`);
      return;
    }
    const fault = scripts.get(key) ?? upstream.fault;
    let release = () => {};
    const cue = new Promise<void>((resolve) => (release = resolve));
    const request: FaultyRequest = { key, protocol, stream, fault, path: url.pathname, headers: req.headers, body, receivedAt: performance.now(), closed, release };
    upstream.requests.push(request);
    for (const wake of waiters.get(key) ?? []) wake(request);
    waiters.delete(key);
    // A gateway that hangs up mid-answer is what some tests wait for, not an upstream failure.
    await answer(res, protocol, stream, fault, Promise.race([cue, closed.then(() => {})])).catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return upstream;
}

/** The request's close if it comes within `ms` from now, else undefined (the connection is still open). */
export async function closedWithin(request: FaultyRequest, ms: number): Promise<{ early: boolean; at: number } | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([request.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A faulty upstream and the real gateway process in front of it, for one test file: every
 * provider gets `options` and one model per case key (each case its own model, so cases run
 * concurrently), started before the file's tests and stopped after them.
 */
export function useFaultyGateway(options: Record<string, number>, keys: readonly string[]): { upstream: FaultyUpstream; gateway: GatewayProcess } {
  const ctx = {} as { upstream: FaultyUpstream; gateway: GatewayProcess };
  beforeAll(async () => {
    ctx.upstream = await startFaultyUpstream();
    const config = configFor(ctx.upstream.url);
    for (const provider of Object.values(config.providers)) {
      provider.options = { ...options } as typeof provider.options;
      for (const key of keys) provider.models[key] = { upstreamModel: key };
    }
    ctx.gateway = await startGatewayProcess(config);
  }, 30_000);
  afterAll(async () => {
    await ctx.gateway?.stop();
    await ctx.upstream?.close();
  });
  return ctx;
}
