// The ResponseStore contract on real workerd: the ResponsesStore Durable Object (SQLite-backed,
// bound and migrated as wrangler.toml.example does) through durableObjectStore(), driven over a
// test Worker's HTTP RPC. Each call is its own request, so "read after write" here is a read
// from a later invocation, as a later client request would be.
// Run with `npm run test:workerd` (vitest project "workerd").
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ResponseStore, StoredResponse } from '../../src/store/response-store.ts';
import { CONTRACT_LIMITS, responseStoreContract } from '../helpers/response-store-contract.ts';
import { exampleTables, startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev.ts';
import type { StoreCall } from './store-test-worker.ts';

let worker: WranglerDev | undefined;

beforeAll(async () => {
  worker = await startWranglerDev({
    name: 'any-api-store-test',
    main: join(resolve(import.meta.dirname), 'store-test-worker.ts'),
    readyPath: '/',
    toml: exampleTables('[[durable_objects.bindings]]', '[[migrations]]').join('\n'),
  });
});

afterAll(async () => {
  if (process.env.SHOW_WRANGLER_OUTPUT) console.log(worker?.output()); // debugging aid
  await worker?.stop();
});

async function call(method: StoreCall['method'], ...args: unknown[]): Promise<unknown> {
  const body: StoreCall = { method, args, maxEntryBytes: CONTRACT_LIMITS.maxEntryBytes };
  const response = await fetch(worker!.url, { method: 'POST', body: JSON.stringify(body) });
  const answer = (await response.json()) as { value?: unknown; error?: { name: string; message: string } };
  // The Worker's error, as it was named there (StoreEntryTooLarge is thrown inside workerd).
  if (answer.error) throw Object.assign(new Error(answer.error.message), { name: answer.error.name });
  return answer.value;
}

const overRpc: ResponseStore = {
  put: async (entry) => void (await call('put', entry)),
  get: async (owner, id) => ((await call('get', owner, id)) ?? undefined) as StoredResponse | undefined,
  items: async (owner, ids) => new Map((await call('items', owner, ids)) as Array<[string, unknown]>),
  delete: async (owner, id) => (await call('delete', owner, id)) as boolean,
};

responseStoreContract('Durable Object on workerd', async () => overRpc);
