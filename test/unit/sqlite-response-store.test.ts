// The SQLite response store on Node: the shared contract on a temporary file and in memory, plus
// what only a file shows: it survives a restart, is shared by two open stores (two gateway
// processes), is not created until something is stored, and sheds expired rows.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_ENTRIES, SqliteResponseStore, sqliteResponseStoreFromEnv } from '../../src/runtime/node/sqlite-response-store.ts';
import { DEFAULT_STORE_LIMITS, storeLimitsFromEnv } from '../../src/store/response-store.ts';
import { StoreEntryTooLarge } from '../../src/store/store-entry-too-large.ts';
import { CONTRACT_LIMITS, responseStoreContract, sampleEntry } from '../helpers/response-store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'any-api-store-'));
const opened: SqliteResponseStore[] = [];
const open = (path: string, limits = CONTRACT_LIMITS) => {
  const store = new SqliteResponseStore(path, limits);
  opened.push(store);
  return store;
};
afterEach(() => {
  opened.splice(0).forEach((store) => store.close());
  vi.useRealTimers();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

responseStoreContract('SQLite file', async () => open(join(dir, 'contract.sqlite')));
responseStoreContract('SQLite :memory:', async () => open(':memory:'));

describe('SqliteResponseStore', () => {
  it('keeps entries across a restart: put, close, reopen the same file, get', async () => {
    const path = join(dir, 'restart.sqlite');
    const entry = sampleEntry('owner-a', 'resp_durable');
    const first = open(path);
    await first.put(entry);
    first.close();
    const again = open(path);
    expect(await again.get('owner-a', 'resp_durable')).toEqual(entry);
    expect((await again.items('owner-a', ['msg_out_resp_durable'])).get('msg_out_resp_durable')).toEqual(entry.output[1]);
  });

  it('concurrent puts share one commit: each is readable (from another store on the file) once it resolves, and an oversized one fails alone', async () => {
    const path = join(dir, 'batched.sqlite');
    const [writer, reader] = [open(path), open(path)];
    await writer.put(sampleEntry('owner-a', 'resp_first')); // opens the file and creates the tables
    const begins = vi.spyOn(DatabaseSync.prototype, 'exec');
    const ids = Array.from({ length: 40 }, (_, i) => `resp_batch_${i}`);
    const tooLarge = sampleEntry('owner-a', 'resp_huge', { response: { text: 'x'.repeat(CONTRACT_LIMITS.maxEntryBytes) } });
    const results = await Promise.allSettled([...ids.map((id) => writer.put(sampleEntry('owner-a', id))), writer.put(tooLarge)]);
    // Forty rows, one transaction: the cost of a commit is paid once per turn of the event loop.
    expect(begins.mock.calls.filter(([sql]) => sql === 'BEGIN IMMEDIATE')).toHaveLength(1);
    begins.mockRestore();
    expect(results.slice(0, -1).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 'rejected', reason: expect.any(StoreEntryTooLarge) });
    for (const id of ids) expect((await reader.get('owner-a', id))?.id).toBe(id);
  });

  it("writes a turn's output once: the row holds the response's output items a single time, and get restores both", async () => {
    const path = join(dir, 'once.sqlite');
    const entry = sampleEntry('owner-a', 'resp_once');
    const store = open(path);
    await store.put(entry);
    const raw = new DatabaseSync(path, { readOnly: true });
    const row = raw.prepare('SELECT entry FROM responses WHERE id = ?').get('resp_once');
    raw.close();
    expect(String(row?.entry).split('"msg_out_resp_once"')).toHaveLength(2);
    expect(await store.get('owner-a', 'resp_once')).toEqual(entry);
  });

  it('writes a response and an input given as text (and the input items it indexes) as that text, not serialised again', async () => {
    const path = join(dir, 'as-text.sqlite');
    const entry = sampleEntry('owner-a', 'resp_text');
    const [responseText, inputText] = [JSON.stringify(entry.response, null, 2), JSON.stringify(entry.input, null, 1)];
    const store = open(path);
    await store.put({ ...entry, responseText, inputText });
    const raw = new DatabaseSync(path, { readOnly: true });
    const row = raw.prepare('SELECT entry FROM responses WHERE id = ?').get('resp_text');
    const item = raw.prepare('SELECT item FROM items WHERE item_id = ?').get('msg_in_resp_text');
    raw.close();
    expect(String(row?.entry)).toContain(`"response":${responseText},"input":${inputText}`);
    // The indexed input item is its slice of that text too.
    expect(inputText).toContain(String(item?.item));
    expect(String(item?.item)).toContain('\n');
    expect(await store.get('owner-a', 'resp_text')).toEqual(entry);
    expect(await store.items('owner-a', ['msg_in_resp_text'])).toEqual(new Map([['msg_in_resp_text', entry.input[0]]]));
  });

  it('a put through one open store is read at once through another on the same file', async () => {
    const path = join(dir, 'shared.sqlite');
    const [writer, reader] = [open(path), open(path)];
    await writer.put(sampleEntry('owner-a', 'resp_1'));
    expect((await reader.get('owner-a', 'resp_1'))?.id).toBe('resp_1');
    await writer.put(sampleEntry('owner-a', 'resp_2'));
    expect((await reader.get('owner-a', 'resp_2'))?.id).toBe('resp_2');
    expect(await reader.delete('owner-a', 'resp_1')).toBe(true);
    expect(await writer.get('owner-a', 'resp_1')).toBeUndefined();
  });

  it('creates no file, nor its folder, until the first put; then the folder, the file, in WAL mode', async () => {
    const path = join(dir, 'lazy', 'nested', 'store.sqlite');
    const store = open(path);
    expect(await store.get('owner-a', 'resp_x')).toBeUndefined();
    expect(await store.items('owner-a', ['msg_x'])).toEqual(new Map());
    expect(await store.delete('owner-a', 'resp_x')).toBe(false);
    expect(existsSync(join(dir, 'lazy'))).toBe(false);
    await store.put(sampleEntry('owner-a', 'resp_x'));
    expect(existsSync(path)).toBe(true);
    const raw = new DatabaseSync(path, { readOnly: true });
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    raw.close();
  });

  it('deletes expired rows from the file on a put, at most once a minute', async () => {
    const path = join(dir, 'purge.sqlite');
    const count = (table: string) => {
      const raw = new DatabaseSync(path, { readOnly: true });
      const row = raw.prepare(`SELECT count(*) AS n FROM ${table}`).get();
      raw.close();
      return row?.n;
    };
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const store = open(path);
    await store.put(sampleEntry('owner-a', 'resp_fresh')); // the first put purges (nothing yet)
    // Written through a store with a long TTL, as if stored 31 days ago and kept since.
    const old = Math.floor(start / 1000) - (CONTRACT_LIMITS.ttlDays + 1) * 86_400;
    await open(path, { ...CONTRACT_LIMITS, ttlDays: 365 }).put(sampleEntry('owner-a', 'resp_stale', { createdAt: old }));
    expect([count('responses'), count('items')]).toEqual([2, 6]);
    vi.setSystemTime(start + 30_000);
    await store.put(sampleEntry('owner-a', 'resp_later'));
    expect([count('responses'), count('items')]).toEqual([3, 9]); // hidden, not yet deleted
    expect(await store.get('owner-a', 'resp_stale')).toBeUndefined();
    vi.setSystemTime(start + 61_000);
    await store.put(sampleEntry('owner-a', 'resp_minute_on'));
    expect([count('responses'), count('items')]).toEqual([3, 9]); // stale gone, one more added
    expect(await store.get('owner-a', 'resp_fresh')).toBeDefined();
  });

  it("checkpoints the WAL in a turn of its own after the puts resolve, never inside a put's commit, and keeps the WAL bounded", async () => {
    const path = join(dir, 'checkpoint.sqlite');
    const store = open(path);
    await store.put(sampleEntry('owner-a', 'resp_0'));
    const exec = vi.spyOn(DatabaseSync.prototype, 'exec');
    const checkpoints = () => exec.mock.calls.filter(([sql]) => /wal_checkpoint/i.test(sql)).length;
    let maxWal = 0;
    for (let i = 1; i <= 600; i++) {
      const before = checkpoints();
      await store.put(sampleEntry('owner-a', `resp_${i}`));
      // The put has resolved (its answer may go out): a checkpoint it made due is still to come.
      expect(checkpoints()).toBe(before);
      await new Promise((resolve) => setImmediate(resolve));
      // Due after every CHECKPOINT_ENTRIES entries, counting resp_0.
      if (checkpoints() > before) expect((i + 1) % CHECKPOINT_ENTRIES).toBe(0);
      maxWal = Math.max(maxWal, statSync(`${path}-wal`).size);
    }
    expect(checkpoints()).toBe(Math.floor(601 / CHECKPOINT_ENTRIES));
    exec.mockRestore();
    // Six hundred turns would leave ~28 MiB of WAL without checkpoints (SQLite's own are off).
    expect(maxWal).toBeLessThan(4 * 2 ** 20);
    expect((await store.get('owner-a', 'resp_600'))?.id).toBe('resp_600');
  });

  it('refuses an oversized entry with StoreEntryTooLarge, naming the id and both sizes', async () => {
    const store = open(':memory:', { ...DEFAULT_STORE_LIMITS, maxEntryBytes: 1_000 });
    const entry = sampleEntry('owner-a', 'resp_large', { input: ['x'.repeat(1_000)] });
    const refused = await store.put(entry).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreEntryTooLarge);
    expect(refused).toMatchObject({ id: 'resp_large', maxBytes: 1_000 });
    // The size of what would have been written (the output once), over the limit.
    expect((refused as StoreEntryTooLarge).bytes).toBeGreaterThan(1_000);
    expect((refused as StoreEntryTooLarge).bytes).toBeLessThan(JSON.stringify(entry).length);
  });

  it('takes its path from ANY_API_STORE, else ./data/any-api.sqlite', () => {
    expect(sqliteResponseStoreFromEnv({ ANY_API_STORE: '/srv/gw.sqlite' }, CONTRACT_LIMITS).path).toBe('/srv/gw.sqlite');
    expect(sqliteResponseStoreFromEnv({}, CONTRACT_LIMITS).path).toBe('./data/any-api.sqlite');
  });
});

describe('storeLimitsFromEnv', () => {
  it('defaults to 30 days and 16 MiB', () => {
    expect(storeLimitsFromEnv({})).toEqual({ ttlDays: 30, maxEntryBytes: 16 * 1024 * 1024 });
  });

  it('reads ANY_API_STORE_TTL_DAYS', () => {
    expect(storeLimitsFromEnv({ ANY_API_STORE_TTL_DAYS: '7' }).ttlDays).toBe(7);
    expect(storeLimitsFromEnv({ ANY_API_STORE_TTL_DAYS: '0.5' }).ttlDays).toBe(0.5);
  });

  it.each(['0', '-3', 'thirty', 'Infinity'])('refuses ANY_API_STORE_TTL_DAYS=%s', (value) => {
    expect(() => storeLimitsFromEnv({ ANY_API_STORE_TTL_DAYS: value })).toThrow(/ANY_API_STORE_TTL_DAYS/);
  });
});
