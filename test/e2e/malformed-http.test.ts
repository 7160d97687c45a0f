// Raw HTTP that no client library would send: a Host with a space, an absolute-form target,
// header bytes Node's parser refuses. Each gets an answer (never an exception in the server),
// and the server goes on answering.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor('http://127.0.0.1:9')), WORKER_AUTH_KEY: GATEWAY_KEY });
});
afterAll(() => gateway.close());

/** Sends raw bytes, returns the status line of the answer. */
function raw(request: string): Promise<string> {
  const { port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    // write, not end: Node drops requests whose client half-closes before the answer.
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

it.each([
  ['a Host with a space', 'GET /v1/models HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 (400|401)/],
  ['an absolute-form target', 'GET http://other.example/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 (400|401)/],
  ['an unparseable target', 'GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 400/],
  ['a header with a bare CR', 'GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Bad: a\rb\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 400/],
  ['an empty Host', 'GET /v1/models HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 (400|401)/],
])('%s gets an answer', async (_name, request, status) => {
  expect(await raw(request)).toMatch(status);
});

it('the server still answers afterwards', async () => {
  const response = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
  expect(response.status).toBe(200);
});
