// SIGTERM / SIGINT on the Node gateway: it stops accepting new connections at once, lets a
// stream in flight run to its end, then exits 0 — the real process, as `npm start` runs it.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFixture } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, configFor } from '../helpers/gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';
import { readUntil } from '../helpers/raw-client.ts';

const STREAM = readFixture('claude', 'stream-text.response.sse');
// The stream up to its first text delta, and the rest, sent only when the test says so.
const CUT = STREAM.indexOf('\n\n', STREAM.indexOf('content_block_delta')) + 2;

let release: () => void = () => {};
const upstream = createServer((req, res: ServerResponse) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(STREAM.slice(0, CUT));
  release = () => res.end(STREAM.slice(CUT));
});

let gateway: GatewayProcess;
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  gateway = await startGatewayProcess(configFor(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`));
});
afterAll(async () => {
  await gateway.stop();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});


it('SIGTERM during a stream: no new connections, the stream completes, exit 0', async () => {
  const response = await fetch(`${gateway.url}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude.test-model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let seen = await readUntil(reader, 'text_delta');

  gateway.kill('SIGTERM');
  await expect.poll(() => gateway.stdout()).toContain('stopping');
  await expect(fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } })).rejects.toThrow();
  expect(gateway.alive()).toBe(true);

  release();
  seen = await readUntil(reader, 'message_stop', seen);
  expect(seen).toContain('event: message_stop');
  expect(await gateway.exited).toBe(0);
  expect(gateway.stdout()).toContain('stopped');
});
