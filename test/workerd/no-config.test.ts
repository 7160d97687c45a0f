// A Worker deployed without ANY_API_CONFIG, on REAL workerd (`wrangler dev --local`, the entry
// built as for deploy): every request gets a 500 naming the missing setting in its protocol's
// shape, key or not, never an answer from the built-in mocks; /health still answers 200 and
// /ready says not ready. Run with `npm run test:workerd` (vitest project "workerd").
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MISSING_CONFIG_CASES, missingConfigRequest } from '../helpers/missing-config-cases.ts';
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const KEY = 'gw-no-config-key';

let worker: WranglerDev | undefined;

beforeAll(async () => {
  worker = await startWranglerDev({
    name: 'any-api-workerd-no-config',
    main: join(ROOT, 'src', 'runtime', 'worker.ts'),
    // A gateway key but no ANY_API_CONFIG: the operator forgot the config, not the auth.
    toml: ['[vars]', `WORKER_AUTH_KEY = ${JSON.stringify(KEY)}`].join('\n'),
    readyPath: '/health',
  });
});

afterAll(async () => {
  if (process.env.SHOW_WRANGLER_OUTPUT) console.log(worker?.output()); // debugging aid
  await worker?.stop();
});

it('/health answers 200; /ready answers 503 naming the missing config', async () => {
  expect((await fetch(`${worker!.url}/health`)).status).toBe(200);
  const ready = await fetch(`${worker!.url}/ready`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { config: expect.stringMatching(/ANY_API_CONFIG is not set/) } });
});

it.each(MISSING_CONFIG_CASES.flatMap((c) => [[c, KEY], [c, 'not-the-key']] as const))('$method $path ($protocol) with key %s: 500 naming ANY_API_CONFIG, no mock answer', async (c, key) => {
  const response = await fetch(missingConfigRequest(worker!.url, c, { authorization: `Bearer ${key}`, 'x-api-key': key, 'x-goog-api-key': key }));
  const text = await response.text();
  expect(response.status, text).toBe(500);
  expect(c.message(JSON.parse(text))).toMatch(/ANY_API_CONFIG is not set/);
  expect(text).not.toContain('Echo');
});
