// One contract for every ResponseStore (Hono's shared router suite, for storage): the same
// tests run against the SQLite file on Node and the Durable Object on real workerd, so the
// request path can rely on these behaviours whichever runtime it is on.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResponseStore, StoredResponse, StoreLimits } from '../../src/store/response-store.ts';

/**
 * The limits a store under contract must be built with: the default TTL (a Durable Object reads
 * its TTL from the Worker's environment, where the contract run sets none) and an entry limit
 * small enough to exceed without shipping megabytes.
 */
export const CONTRACT_LIMITS: StoreLimits = { ttlDays: 30, maxEntryBytes: 64 * 1024 };

const DAY = 86_400;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A fresh owner per test, so tests sharing one store never see each other's entries. */
const newOwner = () => randomUUID().replaceAll('-', '').repeat(2);

/** A two-turn-shaped entry: input with and without item ids, output with message and reasoning. */
export function sampleEntry(owner: string, id: string, overrides: Partial<StoredResponse> = {}): StoredResponse {
  const input = [
    { type: 'message', id: `msg_in_${id}`, role: 'user', content: [{ type: 'input_text', text: 'Grüße — 你好 👋' }] },
    { type: 'function_call_output', call_id: 'call_1', output: '{"ok":true}' },
  ];
  const output = [
    { type: 'reasoning', id: `rs_${id}`, summary: [], encrypted_content: 'opaque' },
    { type: 'message', id: `msg_out_${id}`, role: 'assistant', status: 'completed',
      content: [{ type: 'output_text', text: 'Hello.', annotations: [] }] },
  ];
  return {
    id, owner, createdAt: nowSeconds(),
    response: { id, object: 'response', status: 'completed', model: 'test-model', output, usage: { input_tokens: 3, output_tokens: 2 } },
    input, output, ...overrides,
  };
}

export function responseStoreContract(name: string, makeStore: () => Promise<ResponseStore>): void {
  describe(`ResponseStore contract: ${name}`, () => {
    it('get returns exactly what put stored, previousResponseId and all', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const entry = sampleEntry(owner, 'resp_roundtrip', { previousResponseId: 'resp_before' });
      await store.put(entry);
      expect(await store.get(owner, 'resp_roundtrip')).toEqual(entry);
    });

    it('an entry given its response and input as JSON text (as received) reads back as that response and input', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const entry = sampleEntry(owner, 'resp_as_text', { previousResponseId: 'resp_before' });
      // Pretty-printed, as upstreams answer, and with a member that a later duplicate overrides
      // (the gateway appends what the stored response must say over what the upstream said).
      const text = `${JSON.stringify({ ...entry.response, store: false }, null, 2).slice(0, -1)},"store":true}`;
      await store.put({ ...entry, response: { ...entry.response, store: true }, responseText: text, inputText: JSON.stringify(entry.input, null, 2) });
      expect(await store.get(owner, 'resp_as_text')).toEqual({ ...entry, response: { ...entry.response, store: true } });
      expect(await store.items(owner, ['msg_out_resp_as_text'])).toEqual(new Map([['msg_out_resp_as_text', entry.output[1]]]));
    });

    it('a get right after put resolves sees the write, and a second put replaces the first', async () => {
      const store = await makeStore();
      const owner = newOwner();
      await store.put(sampleEntry(owner, 'resp_raw'));
      expect((await store.get(owner, 'resp_raw'))?.response.status).toBe('completed');
      const replaced = sampleEntry(owner, 'resp_raw', { response: { id: 'resp_raw', status: 'incomplete' }, output: [] });
      await store.put(replaced);
      expect(await store.get(owner, 'resp_raw')).toEqual(replaced);
      // The replaced entry's output items are no longer indexed under it.
      expect(await store.items(owner, ['rs_resp_raw', 'msg_in_resp_raw'])).toEqual(new Map([['msg_in_resp_raw', replaced.input[0]]]));
    });

    it("another owner can neither read, list items of, nor delete an entry, and may reuse its id", async () => {
      const store = await makeStore();
      const [owner, stranger] = [newOwner(), newOwner()];
      const entry = sampleEntry(owner, 'resp_private');
      await store.put(entry);
      expect(await store.get(stranger, 'resp_private')).toBeUndefined();
      expect(await store.items(stranger, ['msg_in_resp_private', 'msg_out_resp_private'])).toEqual(new Map());
      expect(await store.delete(stranger, 'resp_private')).toBe(false);
      const theirs = sampleEntry(stranger, 'resp_private', { response: { id: 'resp_private', theirs: true } });
      await store.put(theirs);
      expect(await store.get(owner, 'resp_private')).toEqual(entry);
      expect(await store.get(stranger, 'resp_private')).toEqual(theirs);
    });

    it('items() finds input and output items by id; unknown ids and id-less items are absent', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const entry = sampleEntry(owner, 'resp_items');
      await store.put(entry);
      const found = await store.items(owner, ['msg_in_resp_items', 'rs_resp_items', 'msg_out_resp_items', 'msg_nowhere', 'call_1']);
      expect(found).toEqual(new Map<string, unknown>([
        ['msg_in_resp_items', entry.input[0]],
        ['rs_resp_items', entry.output[0]],
        ['msg_out_resp_items', entry.output[1]],
      ]));
      expect(await store.items(owner, [])).toEqual(new Map());
    });

    it('delete removes the entry and its items; a second delete finds nothing', async () => {
      const store = await makeStore();
      const owner = newOwner();
      await store.put(sampleEntry(owner, 'resp_gone'));
      expect(await store.delete(owner, 'resp_gone')).toBe(true);
      expect(await store.get(owner, 'resp_gone')).toBeUndefined();
      expect(await store.items(owner, ['msg_in_resp_gone', 'msg_out_resp_gone'])).toEqual(new Map());
      expect(await store.delete(owner, 'resp_gone')).toBe(false);
    });

    it('an item an earlier turn shares with a later one survives deleting the earlier turn', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const first = sampleEntry(owner, 'resp_turn1');
      await store.put(first);
      // The second turn's input is the first turn's conversation, expanded, plus a new message.
      const next = { type: 'message', id: 'msg_turn2', role: 'user', content: [{ type: 'input_text', text: 'And?' }] };
      await store.put(sampleEntry(owner, 'resp_turn2', {
        previousResponseId: 'resp_turn1', input: [...first.input, ...first.output, next], output: [],
      }));
      expect(await store.delete(owner, 'resp_turn1')).toBe(true);
      expect(await store.items(owner, ['msg_out_resp_turn1', 'msg_turn2'])).toEqual(new Map<string, unknown>([
        ['msg_out_resp_turn1', first.output[1]], ['msg_turn2', next],
      ]));
    });

    it('an entry older than the TTL is never returned; one just inside it is', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const ttl = CONTRACT_LIMITS.ttlDays * DAY;
      await store.put(sampleEntry(owner, 'resp_old', { createdAt: nowSeconds() - ttl - 60 }));
      await store.put(sampleEntry(owner, 'resp_recent', { createdAt: nowSeconds() - ttl + 3_600 }));
      expect(await store.get(owner, 'resp_old')).toBeUndefined();
      expect(await store.items(owner, ['msg_in_resp_old'])).toEqual(new Map());
      expect(await store.delete(owner, 'resp_old')).toBe(false);
      expect((await store.get(owner, 'resp_recent'))?.id).toBe('resp_recent');
    });

    it('an entry over maxEntryBytes is refused with StoreEntryTooLarge and leaves the stored one in place', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const small = sampleEntry(owner, 'resp_big');
      await store.put(small);
      // Multi-byte text: under the limit in UTF-16 code units, over it in UTF-8 bytes.
      const text = 'é'.repeat(CONTRACT_LIMITS.maxEntryBytes / 2 + 10);
      const big = sampleEntry(owner, 'resp_big', { output: [{ type: 'message', id: 'msg_huge', content: [{ type: 'output_text', text }] }] });
      await expect(store.put(big)).rejects.toMatchObject({ name: 'StoreEntryTooLarge' });
      expect(await store.get(owner, 'resp_big')).toEqual(small);
      expect(await store.items(owner, ['msg_huge'])).toEqual(new Map());
    });

    it('many entries, written concurrently, are each readable with their own items', async () => {
      const store = await makeStore();
      const owner = newOwner();
      const ids = Array.from({ length: 120 }, (_, i) => `resp_many_${i}`);
      await Promise.all(ids.map((id, i) => store.put(sampleEntry(owner, id, { createdAt: nowSeconds() - i }))));
      const read = await Promise.all(ids.map((id) => store.get(owner, id)));
      expect(read.map((entry) => entry?.id)).toEqual(ids);
      const items = await store.items(owner, ids.map((id) => `msg_out_${id}`));
      expect([...items.keys()].sort()).toEqual(ids.map((id) => `msg_out_${id}`).sort());
    });
  });
}
