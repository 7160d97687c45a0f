// Operator basics: `/health` and `/ready` answer probes without a key (and `/ready` says when
// the config cannot load), and every answer — success, error, stream — carries a request id
// that is the client's own when it sent a usable one, and reaches the upstream too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { startScriptedUpstream, status } from '../helpers/scripted-upstream.ts';

let upstream: ConversionUpstream;
let gateway: RunningGateway;
let broken: RunningGateway;

beforeAll(async () => {
  upstream = await startConversionUpstream();
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY });
  broken = await startGateway({ ANY_API_CONFIG: '{"version": 1, "providers": {"x": {"type": "nope"}}}', WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway.close();
  await broken.close();
  await upstream.close();
});

const chat = (headers: Record<string, string> = {}, body: Record<string, unknown> = {}) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'claude.test-model', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });

describe('probes', () => {
  it('/health answers 200 without a key', async () => {
    const answer = await fetch(`${gateway.url}/health`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok' });
  });

  it('/ready is 200 when the config loads and the store answers, 503 naming the config otherwise', async () => {
    const ready = await fetch(`${gateway.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { config: 'ok', store: 'ok' } });
    const notReady = await fetch(`${broken.url}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not ready', checks: { config: expect.stringContaining('/providers/x') } });
    // Liveness is not readiness: the broken gateway still says it is alive.
    expect((await fetch(`${broken.url}/health`)).status).toBe(200);
  });
});

describe('request ids', () => {
  it("a client's own x-request-id comes back and reaches the upstream", async () => {
    upstream.scenario = 'text';
    const answer = await chat({ 'x-request-id': 'client-trace-42' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('client-trace-42');
    expect(upstream.last().headers['x-request-id']).toBe('client-trace-42');
  });

  it('without one (or with an unusable one) the gateway mints one, on successes, streams and errors alike', async () => {
    upstream.scenario = 'text';
    const minted = (await chat()).headers.get('x-request-id');
    expect(minted).toMatch(/^req_[0-9a-f]{32}$/);
    expect(upstream.last().headers['x-request-id']).toBe(minted);
    expect((await chat({ 'x-request-id': 'has spaces and\ttabs' })).headers.get('x-request-id')).toMatch(/^req_/);
    const stream = await chat({}, { stream: true });
    expect(stream.headers.get('x-request-id')).toMatch(/^req_/);
    await stream.text();
    const unauthorized = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await fetch(`${gateway.url}/health`)).headers.get('x-request-id')).toMatch(/^req_/);
  });

  it("an upstream's own request id stays readable as x-upstream-request-id; x-request-id is the gateway's", async () => {
    const scripted = await startScriptedUpstream();
    const relay = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor(scripted.url)), WORKER_AUTH_KEY: GATEWAY_KEY });
    try {
      scripted.on('test-model', () => status(400, { 'x-request-id': 'upstream-req-7' }));
      const answer = await fetch(`${relay.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json', 'x-request-id': 'mine' },
        body: JSON.stringify({ model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('x-request-id')).toBe('mine');
      expect(answer.headers.get('x-upstream-request-id')).toBe('upstream-req-7');
    } finally {
      await relay.close();
      await scripted.close();
    }
  });
});
