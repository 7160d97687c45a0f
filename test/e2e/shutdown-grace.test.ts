// SIGTERM with streams in flight, on the real process: through `npm start` (flags passed
// through npm) a stream that ends within SHUTDOWN_GRACE_MS completes and the process exits 0
// with nothing left listening; a stream that outlasts a short grace period gets the client
// protocol's error event (not a stream that looks finished), a request still waiting on its
// upstream gets a 503 in its protocol's error shape, and the process still exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readFixture } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, configFor } from '../helpers/gateway.ts';
import { readUntil } from '../helpers/raw-client.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const STREAM = readFixture('claude', 'stream-text.response.sse');
// The stream up to its first text delta, and the rest, sent only when the test says so.
const CUT = STREAM.indexOf('\n\n', STREAM.indexOf('content_block_delta')) + 2;

let upstream: Server;
let release: () => void = () => {};
const children = new Set<ChildProcess>();
beforeEach(async () => {
  upstream = createServer((req, res: ServerResponse) => {
    req.resume();
    // Gemini's non-streaming call: this upstream never answers it.
    if (req.url?.includes(':generateContent')) return;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(STREAM.slice(0, CUT));
    release = () => res.end(STREAM.slice(CUT));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  // A failed case must not leave its gateway running.
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

function startGateway(viaNpm: boolean, env: Record<string, string>) {
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const fullEnv = { PATH: process.env.PATH ?? '', ANY_API_STORE: ':memory:', ANY_API_CRASH_GUARD: 'off', WORKER_AUTH_KEY: GATEWAY_KEY, ANY_API_CONFIG: JSON.stringify(configFor(upstreamUrl)), ...env };
  const child = viaNpm
    ? spawn('npm', ['start', '--silent', '--', '--port', '0'], { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, ['src/runtime/node/main.ts', '--port', '0'], { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = async (): Promise<number> => {
    for (let i = 0; i < 600; i++) {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match) return Number(match[1]);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the gateway did not start:\n${stdout}\n${stderr}`);
  };
  return { child, port, exited, stdout: () => stdout };
}

async function openStream(port: number): Promise<{ reader: ReadableStreamDefaultReader<Uint8Array>; seen: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude.test-model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  return { reader, seen: await readUntil(reader, 'text_delta') };
}


it('SIGTERM to npm start during a stream: the stream completes, exit 0, nothing left listening', async () => {
  const gateway = startGateway(true, {});
  const port = await gateway.port();
  const stream = await openStream(port);

  gateway.child.kill('SIGTERM');
  await expect.poll(() => gateway.stdout(), { timeout: 10_000 }).toContain('stopping');
  release();
  const seen = await readUntil(stream.reader, 'message_stop', stream.seen);
  expect(seen).toContain('event: message_stop');
  expect(seen).not.toContain('event: error');

  expect(await gateway.exited).toBe(0);
  expect(gateway.stdout()).toContain('stopped: 1 in-flight request(s) finished, 0 ended');
  await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
});

it('a stream longer than SHUTDOWN_GRACE_MS ends with the protocol error event, and the process exits 0', async () => {
  const gateway = startGateway(false, { SHUTDOWN_GRACE_MS: '200' });
  const port = await gateway.port();
  const stream = await openStream(port);

  // The upstream never finishes this stream.
  gateway.child.kill('SIGTERM');
  const seen = await readUntil(stream.reader, '\n\n', await readUntil(stream.reader, 'event: error', stream.seen));
  expect(seen).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+","message":"The server is shutting down/);
  expect(seen).not.toContain('message_stop');
  expect((await stream.reader.read()).done).toBe(true);

  expect(await gateway.exited).toBe(0);
  expect(gateway.stdout()).toContain('stopped: 0 in-flight request(s) finished, 1 ended at the 200 ms grace limit');
});

it('a request still waiting on its upstream at the grace limit is answered 503, and the process exits 0', async () => {
  const gateway = startGateway(false, { SHUTDOWN_GRACE_MS: '200' });
  const port = await gateway.port();
  // Gemini's envelope, a non-streaming route: the answer is a plain HTTP error.
  const answer = fetch(`http://127.0.0.1:${port}/gemini/v1beta/models/gemini.test-model:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  });
  // SIGTERM only once the request has reached the upstream.
  await expect.poll(() => new Promise<number>((resolve) => upstream.getConnections((_e, n) => resolve(n))), { timeout: 10_000 }).toBeGreaterThan(0);
  gateway.child.kill('SIGTERM');
  const response = await answer;
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ error: { code: 503, message: expect.stringContaining('shutting down') } });
  expect(await gateway.exited).toBe(0);
  expect(gateway.stdout()).toContain('stopped: 0 in-flight request(s) finished, 1 ended at the 200 ms grace limit');
});
