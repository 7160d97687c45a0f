// A client that reads a stream slowly holds the upstream back instead of making the gateway
// buffer the answer: the gateway writes each piece as it arrives and, when the client's socket
// is full, stops reading the upstream until the client catches up. Observed from the upstream:
// a 24 MiB answer (far more than the sockets in between can hold) cannot be handed off while
// the client reads nothing; once the client reads, every byte arrives, in order.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';

const DELTAS = 3072;
const DELTA_TEXT = 'x'.repeat(8 * 1024);
const frame = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

let upstreamUrl = '';
let gateway: RunningGateway;
/** Bytes the upstream's socket accepted so far, and whether it handed off the whole answer. */
const upstream = { accepted: 0, finished: false };

async function answer(res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.on('finish', () => {
    upstream.finished = true;
  });
  res.write(frame('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'test-model', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } }));
  res.write(frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  for (let i = 0; i < DELTAS; i++) {
    const text = frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: DELTA_TEXT } });
    const more = res.write(text);
    upstream.accepted += text.length;
    if (!more) await new Promise((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  res.end(frame('content_block_stop', { index: 0 }) + frame('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: DELTAS } }) + frame('message_stop', {}));
}

const server = createServer((req, res) => {
  req.resume();
  void answer(res);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor(upstreamUrl)), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Waits until the upstream stops making progress (or finishes): what it could hand off with nobody reading. */
async function upstreamSettled(): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100 && !upstream.finished && upstream.accepted !== last; i++) {
    last = upstream.accepted;
    await sleep(200);
  }
}

it('a client that does not read holds the upstream back; when it reads, it gets the whole answer in order', async () => {
  const response = await fetch(`${gateway.url}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude.test-model', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value, { stream: true });

  await upstreamSettled();
  expect(upstream.finished, 'the gateway read the whole upstream answer while its client read nothing').toBe(false);
  expect(upstream.accepted).toBeLessThan(DELTAS * DELTA_TEXT.length);

  for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
  expect(upstream.finished).toBe(true);
  const deltas = text.split('\n\n').filter((f) => f.startsWith('event: content_block_delta'));
  expect(deltas).toHaveLength(DELTAS);
  expect(text.endsWith(frame('message_stop', {}))).toBe(true);
});
