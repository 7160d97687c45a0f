// A converted stream is live: the client's first content arrives while the upstream is still
// talking; silence is filled with keep-alives; unknown upstream events and comments are
// skipped; a client that goes away aborts the upstream request.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { readUntil } from '../helpers/raw-client.ts';

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const HEAD = [
  frame('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'test-model', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 9, output_tokens: 1 } } }),
  ': an upstream comment\n\n',
  frame('codex.rate_limits', { type: 'codex.rate_limits', anything: true }),
  frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'first words' } }),
].join('');
const TAIL = [
  frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ', last words' } }),
  frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
  frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } }),
  frame('message_stop', { type: 'message_stop' }),
].join('');

let gateway: RunningGateway;
let release: () => void = () => {};
let upstreamClosedEarly: Promise<boolean> = Promise.resolve(false);
const server = createServer((req, res: ServerResponse) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(HEAD);
  upstreamClosedEarly = new Promise((resolve) => {
    res.on('close', () => resolve(!res.writableFinished));
    release = () => res.end(TAIL);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = configFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  config.providers.claude!.options = { streamKeepAliveMs: 100 };
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const chatStream = (signal?: AbortSignal) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude.test-model', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    ...(signal ? { signal } : {}),
  });


it('first content before the upstream finishes; keep-alives in the silence; unknown events skipped', async () => {
  const response = await chatStream();
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let seen = await readUntil(reader, 'first words');
  seen = await readUntil(reader, ': keep-alive', seen);
  release();
  seen = await readUntil(reader, '[DONE]', seen);
  expect(seen).toContain(', last words');
  expect(seen).toContain('"finish_reason":"stop"');
  expect(seen).not.toContain('rate_limits');
  expect(await upstreamClosedEarly).toBe(false);
});

it('a client disconnect mid-stream aborts the upstream request', async () => {
  const controller = new AbortController();
  const response = await chatStream(controller.signal);
  await readUntil(response.body!.getReader(), 'first words');
  controller.abort();
  expect(await upstreamClosedEarly).toBe(true);
});
