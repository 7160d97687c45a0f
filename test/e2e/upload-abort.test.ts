// A client that goes away in the middle of sending its body (a Ctrl-C during a large upload):
// the gateway logs no bug and no stack, calls no upstream, and goes on answering.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_KEY, configFor } from '../helpers/gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';

let upstream: Server;
let upstreamCalls = 0;
let gateway: GatewayProcess;

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    upstreamCalls += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  gateway = await startGatewayProcess(configFor(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`));
});
afterAll(async () => {
  await gateway.stop();
  await new Promise((resolve) => upstream.close(resolve));
});

/** Sends the headers and part of a body that promises more, then resets the connection. */
function abortMidUpload(path: string): Promise<void> {
  const { port } = new URL(gateway.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${GATEWAY_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"model":"chat.test-model","messages":[`);
      setTimeout(() => socket.resetAndDestroy(), 100);
    });
    socket.on('close', () => resolve());
    socket.on('error', () => {});
  });
}

it('a body cut off by the client: no bug logged, no upstream call, the server still answers', async () => {
  for (let i = 0; i < 5; i++) await abortMidUpload(i % 2 === 0 ? '/v1/chat/completions' : '/claude/v1/messages');
  // Let the gateway notice the resets before looking at what it logged.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const response = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
  expect(response.status).toBe(200);
  expect(gateway.alive()).toBe(true);
  expect(upstreamCalls).toBe(0);
  expect(gateway.stderr()).not.toMatch(/unexpected error|BUG|at .*\.ts:\d+/);
});

/** A chunked upload (no Content-Length) that grows past MAX_BODY_BYTES: what the client reads back. */
function oversizedChunkedUpload(url: string, path: string, bytes: number): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${GATEWAY_KEY}\r\nx-api-key: ${GATEWAY_KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const piece = `{"model":"chat.test-model","pad":"${'x'.repeat(1024)}`;
      for (let sent = 0; sent < bytes && !socket.destroyed; sent += piece.length) socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
    });
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => { answer += text; });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => {});
    setTimeout(() => socket.destroy(), 3000).unref();
  });
}

it('a chunked body past MAX_BODY_BYTES: a 413 in the route protocol\'s shape, no upstream call, the server still answers', async () => {
  const limited = await startGatewayProcess(configFor(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`), { env: { MAX_BODY_BYTES: '4096' } });
  try {
    const calls = upstreamCalls;
    const chat = await oversizedChunkedUpload(limited.url, '/v1/chat/completions', 2 * 1024 * 1024);
    expect(chat).toMatch(/^HTTP\/1\.1 413 /);
    expect(chat).toContain('"type":"invalid_request_error"');
    const claude = await oversizedChunkedUpload(limited.url, '/claude/v1/messages', 64 * 1024);
    expect(claude).toMatch(/^HTTP\/1\.1 413 /);
    expect(claude).toContain('"type":"error"');
    expect(upstreamCalls).toBe(calls);
    const response = await fetch(`${limited.url}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
    expect(response.status).toBe(200);
    expect(limited.alive()).toBe(true);
  } finally {
    await limited.stop();
  }
});
