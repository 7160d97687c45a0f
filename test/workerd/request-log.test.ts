// The request log and /metrics on real workerd (`wrangler dev --local`): a request writes its one
// JSON line through console.info (what Workers Logs collects) with the id the client got back,
// and /metrics — Node-only — answers 404 saying so.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/default-config.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const bearer = { authorization: `Bearer ${GATEWAY_KEY}` };
let worker: WranglerDev | undefined;

beforeAll(async () => {
  worker = await startWranglerDev({
    name: 'any-api-workerd-request-log',
    main: join(ROOT, 'src', 'runtime', 'worker.ts'),
    toml: ['[vars]', `ANY_API_CONFIG = ${JSON.stringify(JSON.stringify(DEFAULT_CONFIG))}`, `WORKER_AUTH_KEY = ${JSON.stringify(GATEWAY_KEY)}`].join('\n'),
    readyPath: '/health',
  });
});

afterAll(async () => {
  await worker?.stop();
});

it('a request is one JSON line in the Worker log, under the id the client got', async () => {
  const answer = await fetch(`${worker!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock.echo', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hello' }] }),
  });
  expect(answer.status).toBe(200);
  await answer.text();
  const id = answer.headers.get('x-request-id') ?? '';
  const lineOf = () => worker!.output().split('\n').filter((l) => l.includes(`"requestId":"${id}"`));
  await vi.waitFor(() => expect(lineOf()).toHaveLength(1), { timeout: 15_000, interval: 100 });
  const line = JSON.parse(lineOf()[0]!.slice(lineOf()[0]!.indexOf('{'))) as Record<string, unknown>;
  expect(line).toMatchObject({ msg: 'request', inbound: 'openai-chat-completions', upstream: 'mock.echo', status: 200, attempts: 1, ttfbMs: expect.any(Number), usage: expect.objectContaining({ output: expect.any(Number) }) });
});

it('/metrics is a 404 that says metrics are Node-only', async () => {
  const answer = await fetch(`${worker!.url}/metrics`, { headers: bearer });
  expect(answer.status).toBe(404);
  expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/Node runtime only/);
});
