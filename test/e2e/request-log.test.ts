// The request log of the real Node server (`node src/runtime/node/main.ts`, stdout captured):
// every request of each inbound protocol, streamed and not, passed through and converted,
// writes exactly one JSON line with every field, under the id the client got back; an
// upstream that refuses connections is logged with its provider, host and cause; and nothing
// the server prints carries a key or prompt text.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { FIXTURES, readFixture } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, UPSTREAM_KEYS, configFor } from '../helpers/gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';

interface LoggedCase {
  name: string;
  inbound: string;
  route: string;
  path: string;
  stream: boolean;
  upstream: string;
  upstreamType: string;
  body: Record<string, unknown>;
}

const CASES = JSON.parse(readFileSync(join(FIXTURES, 'observability', 'requests.json'), 'utf8')) as LoggedCase[];
const PROMPT_MARKER = 'PROMPT-MARKER-obs-5d1c9e';
const FIELDS = ['level', 'time', 'msg', 'requestId', 'inbound', 'route', 'model', 'upstream', 'upstreamType', 'status', 'attempts', 'durationMs', 'upstreamMs', 'overheadMs', 'ttfbMs', 'usage', 'warnings', 'clientAborted', 'upstreamError'];

let upstream: ConversionUpstream;
let gateway: GatewayProcess;
let closedPort: number;
/** An upstream that accepts connections and never answers (sockets kept to close them at the end). */
let mute: NetServer;
const muteSockets: Socket[] = [];

/** A Chat upstream that sends the first event of a recorded stream, then holds the connection. */
let stalling: Server;

async function startStallingUpstream(): Promise<number> {
  const first = `${readFixture('openai-chat-completions', 'stream-text.response.sse').split('\n\n')[0]}\n\n`;
  stalling = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(first);
    });
  });
  await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
  return (stalling.address() as { port: number }).port;
}

/** A port nothing listens on: bound by the OS, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  upstream = await startConversionUpstream();
  closedPort = await freePort();
  const config = configFor(upstream.url);
  config.providers.down = {
    type: 'openai-chat-completions',
    baseURL: `http://127.0.0.1:${closedPort}/v1`,
    apiKey: UPSTREAM_KEYS['openai-chat-completions'],
    options: { retry: { attempts: 2 } },
    models: { 'test-model': { upstreamModel: 'test-model' } },
  };
  config.providers.stall = {
    type: 'openai-chat-completions',
    baseURL: `http://127.0.0.1:${await startStallingUpstream()}/v1`,
    apiKey: UPSTREAM_KEYS['openai-chat-completions'],
    models: { 'test-model': { upstreamModel: 'test-model' } },
  };
  mute = createServer((socket) => void muteSockets.push(socket));
  await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
  config.providers.mute = {
    type: 'openai-chat-completions',
    baseURL: `http://127.0.0.1:${(mute.address() as { port: number }).port}/v1`,
    apiKey: UPSTREAM_KEYS['openai-chat-completions'],
    options: { retry: { attempts: 1 }, timeoutMs: 300 },
    models: { 'test-model': { upstreamModel: 'test-model' } },
  };
  gateway = await startGatewayProcess(config);
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  for (const socket of muteSockets) socket.destroy();
  await new Promise((resolve) => mute?.close(resolve));
  stalling?.closeAllConnections();
  await new Promise((resolve) => stalling?.close(resolve));
});

function authHeaders(inbound: string): Record<string, string> {
  if (inbound === 'claude') return { 'x-api-key': GATEWAY_KEY, 'anthropic-version': '2023-06-01' };
  if (inbound === 'gemini') return { 'x-goog-api-key': GATEWAY_KEY };
  return { authorization: `Bearer ${GATEWAY_KEY}` };
}

/** Sends, reads the whole answer (a stream to its end), returns the status and the id the client got. */
async function send(path: string, inbound: string, body: unknown): Promise<{ status: number; requestId: string }> {
  const answer = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { ...authHeaders(inbound), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await answer.text();
  return { status: answer.status, requestId: answer.headers.get('x-request-id') ?? '' };
}

/** The server's stdout as JSON lines (the banner and other plain lines skipped). */
function requestLines(): Record<string, unknown>[] {
  return gateway
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'request');
}

/** The one line of `requestId`, once written (a stream's line follows its last byte). */
async function lineOf(requestId: string): Promise<Record<string, unknown>> {
  await vi.waitFor(() => expect(requestLines().some((l) => l.requestId === requestId)).toBe(true), { timeout: 10_000, interval: 20 });
  const lines = requestLines().filter((l) => l.requestId === requestId);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('one request line per request', () => {
  it.each(CASES)('$name', async (c) => {
    upstream.scenario = 'text';
    const { status, requestId } = await send(c.path, c.inbound, c.body);
    expect(status).toBe(200);
    expect(requestId).not.toBe('');
    const line = await lineOf(requestId);
    expect(Object.keys(line).sort()).toEqual([...FIELDS].sort());
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      inbound: c.inbound,
      route: c.route,
      model: c.upstream,
      upstream: c.upstream,
      upstreamType: c.upstreamType,
      status: 200,
      attempts: 1,
      warnings: expect.any(Number),
      clientAborted: false,
      upstreamError: null,
    });
    expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
    const { durationMs, upstreamMs, overheadMs } = line as { durationMs: number; upstreamMs: number; overheadMs: number };
    expect(upstreamMs).toBeLessThanOrEqual(durationMs);
    expect(overheadMs).toBe(durationMs - upstreamMs);
    if (c.stream) expect(line.ttfbMs).toEqual(expect.any(Number));
    else expect(line.ttfbMs).toBeNull();
    // Every text fixture reports usage: the line carries it, in the hub's meaning.
    const usage = line.usage as Record<string, number>;
    expect(Object.keys(usage).sort()).toEqual(['cacheRead', 'cacheWrite', 'input', 'output', 'reasoning']);
    expect(usage.input).toBeGreaterThan(0);
    expect(usage.output).toBeGreaterThan(0);
  });

  it('an unknown model (404) and a refused key (401) get their line too, with the status the client saw', async () => {
    const unknown = await send('/v1/chat/completions', 'openai-chat-completions', { model: 'nope.nothing', messages: [{ role: 'user', content: `${PROMPT_MARKER} hi` }] });
    expect(unknown.status).toBe(404);
    expect(await lineOf(unknown.requestId)).toMatchObject({ status: 404, model: 'nope.nothing', upstream: null, attempts: 0, usage: null });
    const refused = await fetch(`${gateway.url}/claude/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'wrong-key', 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(await lineOf(refused.headers.get('x-request-id') ?? '')).toMatchObject({ status: 401, inbound: 'claude', route: null });
  });

  it('probes, scrapes, preflights and the status page files get no line', async () => {
    const ids: string[] = [];
    for (const path of ['/health', '/ready', '/metrics', '/', '/_any-api/status.js']) {
      const answer = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
      await answer.text();
      ids.push(answer.headers.get('x-request-id') ?? '');
    }
    const preflight = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } });
    await preflight.text();
    ids.push(preflight.headers.get('x-request-id') ?? '');
    // A request sent after them has its line: had any of them been logged, it would be there by now.
    const after = await send('/v1/chat/completions', 'openai-chat-completions', { model: 'nope.nothing', messages: [{ role: 'user', content: 'hi' }] });
    await lineOf(after.requestId);
    expect(requestLines().filter((l) => ids.includes(String(l.requestId)))).toEqual([]);
  });

  it('an upstream that refuses connections is logged with its provider, host and cause', async () => {
    const { status, requestId } = await send('/v1/chat/completions', 'openai-chat-completions', { model: 'down.test-model', messages: [{ role: 'user', content: `${PROMPT_MARKER} hi` }] });
    expect(status).toBe(502);
    const line = await lineOf(requestId);
    expect(line).toMatchObject({
      status: 502,
      upstream: 'down.test-model',
      attempts: 2,
      usage: null,
      upstreamError: { provider: 'down', host: `127.0.0.1:${closedPort}`, cause: 'ECONNREFUSED' },
    });
    // The error line on stderr says the same, not just "fetch failed" (stderr is its own pipe:
    // its line may arrive after the answer).
    const said = new RegExp(`provider "down".*ECONNREFUSED.*127\\.0\\.0\\.1:${closedPort}`);
    await vi.waitFor(() => expect(gateway.stderr()).toMatch(said), { timeout: 10_000, interval: 20 });
  });

  it('an upstream that never answers is logged with the cause timeout', async () => {
    const { status, requestId } = await send('/v1/chat/completions', 'openai-chat-completions', { model: 'mute.test-model', messages: [{ role: 'user', content: `${PROMPT_MARKER} hi` }] });
    expect(status).toBe(504);
    expect(await lineOf(requestId)).toMatchObject({ status: 504, attempts: 1, upstreamError: { provider: 'mute', cause: 'timeout' } });
  });

  it('a client that goes away mid-stream gets its line once, marked clientAborted', async () => {
    const controller = new AbortController();
    const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...authHeaders('openai-chat-completions'), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'stall.test-model', stream: true, messages: [{ role: 'user', content: `${PROMPT_MARKER} hi` }] }),
      signal: controller.signal,
    });
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id') ?? '';
    const reader = answer.body!.getReader();
    await reader.read();
    controller.abort();
    const line = await lineOf(requestId);
    expect(line).toMatchObject({ status: 200, upstream: 'stall.test-model', clientAborted: true, ttfbMs: expect.any(Number) });
  });

  it('the metrics of the same server counted these requests', async () => {
    const answer = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
    expect(answer.status).toBe(200);
    const families = parsePrometheusTextFormat(await answer.text());
    const errors = families.find((f) => f.name === 'anyapi_upstream_errors_total');
    expect(errors?.metrics).toContainEqual(expect.objectContaining({ labels: { provider: 'down', cause: 'ECONNREFUSED' }, value: '2' }));
    // Every stream above has ended, the abandoned one included.
    expect(families.find((f) => f.name === 'anyapi_open_streams')?.metrics).toEqual([expect.objectContaining({ value: '0' })]);
  });
});

describe('what the server prints', () => {
  it('never carries the gateway key, an upstream key or prompt text', () => {
    // Runs after the requests above (same file, in order): every line they caused is here.
    const printed = `${gateway.stdout()}\n${gateway.stderr()}`;
    expect(requestLines().length).toBeGreaterThanOrEqual(CASES.length + 5);
    for (const secret of [GATEWAY_KEY, ...Object.values(UPSTREAM_KEYS), PROMPT_MARKER]) expect(printed).not.toContain(secret);
  });
});
