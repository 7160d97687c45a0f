// A gateway built with requireConfig (the Worker) and no ANY_API_CONFIG refuses every request
// with a 500 naming the missing setting, in the path's protocol shape, key or no key, and never
// answers from the built-in mocks; the probes still answer, /ready as not ready. Without
// requireConfig (Node) the embedded default serves.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { MISSING_CONFIG_CASES, missingConfigRequest } from '../helpers/missing-config-cases.ts';

const BASE = 'http://gateway.test';
const KEY = 'k-main';

describe('requireConfig without ANY_API_CONFIG', () => {
  const app = createApp({ requireConfig: true });

  it.each(MISSING_CONFIG_CASES.flatMap((c) => [[c, 'with a gateway key'], [c, 'with no keys configured at all']] as const))('$path ($protocol), %s: 500 naming ANY_API_CONFIG', async (c, how) => {
    const keyed = how === 'with a gateway key';
    const response = await app.fetch(missingConfigRequest(BASE, c, keyed ? { authorization: `Bearer ${KEY}`, 'x-api-key': KEY, 'x-goog-api-key': KEY } : {}), keyed ? { WORKER_AUTH_KEY: KEY } : {});
    const text = await response.text();
    expect(response.status, text).toBe(500);
    expect(c.message(JSON.parse(text))).toMatch(/ANY_API_CONFIG is not set/);
    expect(text).not.toContain('Echo');
  });

  it('a blank ANY_API_CONFIG is as unset', async () => {
    const [c] = MISSING_CONFIG_CASES;
    const response = await app.fetch(missingConfigRequest(BASE, c!), { ANY_API_CONFIG: '  \n' });
    expect(response.status).toBe(500);
  });

  it('/health answers 200; /ready answers 503 naming the missing config', async () => {
    expect((await app.fetch(new Request(`${BASE}/health`), {})).status).toBe(200);
    const ready = await app.fetch(new Request(`${BASE}/ready`), {});
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { config: expect.stringMatching(/ANY_API_CONFIG is not set/) } });
  });

  it('with a config, it serves', async () => {
    const config = JSON.stringify({ version: 1, providers: { mock: { type: 'mock', models: { echo: { upstreamModel: 'mock-echo' } } } } });
    const [c] = MISSING_CONFIG_CASES;
    const response = await app.fetch(missingConfigRequest(BASE, c!, { authorization: `Bearer ${KEY}` }), { ANY_API_CONFIG: config, WORKER_AUTH_KEY: KEY });
    expect(response.status).toBe(200);
    expect((await app.fetch(new Request(`${BASE}/ready`), { ANY_API_CONFIG: config })).status).toBe(200);
  });
});

it('without requireConfig (Node), no ANY_API_CONFIG serves the embedded default', async () => {
  const app = createApp({ allowUnauthenticated: true });
  const [c] = MISSING_CONFIG_CASES;
  const response = await app.fetch(missingConfigRequest(BASE, c!), {});
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('Echo: hello');
  expect((await app.fetch(new Request(`${BASE}/ready`), {})).status).toBe(200);
});
