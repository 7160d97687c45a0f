// A test-only Worker: the ResponsesStore Durable Object behind durableObjectStore(), exposed as
// a tiny HTTP RPC so response-store.test.ts can run the shared contract on real workerd.
// POST / with { method, args, maxEntryBytes } → { value } or { error: { name, message } }.
import { durableObjectStore } from '../../src/runtime/worker/durable-object-store.ts';
import type { ResponsesStore } from '../../src/runtime/worker/responses-store.ts';
import type { ResponseStore, StoredResponse } from '../../src/store/response-store.ts';

export { ResponsesStore } from '../../src/runtime/worker/responses-store.ts';

interface Env {
  RESPONSES: DurableObjectNamespace<ResponsesStore>;
}

export interface StoreCall {
  method: 'put' | 'get' | 'items' | 'delete';
  args: unknown[];
  maxEntryBytes: number;
}

/** Each result as JSON carries it: a Map as its entries, a missing entry as null. */
async function invoke(store: ResponseStore, { method, args }: StoreCall): Promise<unknown> {
  const [first, second] = args as [unknown, unknown];
  switch (method) {
    case 'put':
      return store.put(first as StoredResponse).then(() => null);
    case 'get':
      return (await store.get(first as string, second as string)) ?? null;
    case 'items':
      return [...(await store.items(first as string, second as string[]))];
    case 'delete':
      return store.delete(first as string, second as string);
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') return new Response('store test worker');
    const call = (await request.json()) as StoreCall;
    const store = durableObjectStore(env.RESPONSES, { maxEntryBytes: call.maxEntryBytes });
    try {
      return Response.json({ value: await invoke(store, call) });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      return Response.json({ error: { name, message } }, { status: 500 });
    }
  },
};
