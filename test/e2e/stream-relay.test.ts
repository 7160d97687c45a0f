// Pass-through streams are relayed as they arrive, and a client that goes away aborts the
// upstream request (observed by the upstream). The opening `message_start` waits for the first
// real event (so an error right after it can still be an HTTP error, retried or failed over):
// the upstream here pauses after its first content event.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';

let upstreamUrl = '';
let gateway: RunningGateway;
let release: () => void = () => {};
let upstreamClosedEarly: Promise<boolean>;
const server = createServer((req, res: ServerResponse) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"test-model","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n');
  res.write('event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n');
  upstreamClosedEarly = new Promise((resolve) => {
    res.on('close', () => resolve(!res.writableFinished));
    release = () => {
      res.end('event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n');
    };
  });
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

const streamRequest = (signal?: AbortSignal) =>
  fetch(`${gateway.url}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude.test-model', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    ...(signal ? { signal } : {}),
  });

it('the first event reaches the client while the upstream is still streaming', async () => {
  const response = await streamRequest();
  const reader = response.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  expect(first).toContain('message_start');
  expect(first).toContain('content_block_start');
  release();
  let rest = '';
  for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
  expect(rest).toContain('message_stop');
  expect(await upstreamClosedEarly).toBe(false);
});

it('a client disconnect mid-stream aborts the upstream request', async () => {
  const controller = new AbortController();
  const response = await streamRequest(controller.signal);
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  expect(await upstreamClosedEarly).toBe(true);
});
