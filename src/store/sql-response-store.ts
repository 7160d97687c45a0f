// The response store over any SQLite (sql-driver.ts): Node's file and a Durable Object's
// storage run this same code, so the contract tests hold for both by construction.
// Two tables: `responses` holds each entry's JSON; `items` indexes every input/output item
// that has a string id, per response, because a later turn repeats the earlier turns' items
// and deleting one response must not lose an item another live response still holds.
import { arrayElementTexts } from '../http/json-text-edit.ts';
import { entryJson, readEntry } from './entry-json.ts';
import type { ResponseStore, StoredResponse, StoreLimits } from './response-store.ts';
import type { SqlDriver } from './sql-driver.ts';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS responses (
     owner TEXT NOT NULL, id TEXT NOT NULL, created_at REAL NOT NULL, entry TEXT NOT NULL,
     PRIMARY KEY (owner, id))`,
  'CREATE INDEX IF NOT EXISTS responses_by_age ON responses (created_at)',
  `CREATE TABLE IF NOT EXISTS items (
     owner TEXT NOT NULL, item_id TEXT NOT NULL, response_id TEXT NOT NULL, created_at REAL NOT NULL,
     item TEXT NOT NULL, PRIMARY KEY (owner, item_id, response_id))`,
  'CREATE INDEX IF NOT EXISTS items_by_response ON items (owner, response_id)',
  'CREATE INDEX IF NOT EXISTS items_by_age ON items (created_at)',
];

/** Expired rows are deleted at most this often, on put: reads already skip them. */
const PURGE_INTERVAL_MS = 60_000;
const SECONDS_PER_DAY = 86_400;

export class SqlResponseStore implements ResponseStore {
  readonly #sql: SqlDriver;
  readonly #limits: StoreLimits;
  #lastPurgeMs = Number.NEGATIVE_INFINITY;

  constructor(sql: SqlDriver, limits: StoreLimits) {
    this.#sql = sql;
    this.#limits = limits;
    sql.transaction(() => SCHEMA.forEach((statement) => sql.run(statement)));
  }

  async put(entry: StoredResponse): Promise<void> {
    this.putPrepared([{ entry, json: entryJson(entry, this.#limits.maxEntryBytes) }]);
  }

  /**
   * Entries already serialised (and size-checked, entry-json.ts) written in one transaction:
   * one commit for all of them, which is what a runtime that batches concurrent puts wants.
   * Throws (writing none of them) when the transaction fails.
   */
  putPrepared(prepared: ReadonlyArray<{ entry: StoredResponse; json: string }>): void {
    const sql = this.#sql;
    this.#purgeIfDue();
    sql.transaction(() => {
      for (const { entry, json } of prepared) {
        sql.run('INSERT OR REPLACE INTO responses (owner, id, created_at, entry) VALUES (?, ?, ?, ?)',
          entry.owner, entry.id, entry.createdAt, json);
        sql.run('DELETE FROM items WHERE owner = ? AND response_id = ?', entry.owner, entry.id);
        const inputTexts = itemTexts(entry);
        const items = entry.input.length === 0 ? entry.output : entry.output.length === 0 ? entry.input : [...entry.input, ...entry.output];
        items.forEach((item, index) => {
          const itemId = idOf(item);
          if (itemId === undefined) return;
          sql.run('INSERT OR REPLACE INTO items (owner, item_id, response_id, created_at, item) VALUES (?, ?, ?, ?, ?)',
            entry.owner, itemId, entry.id, entry.createdAt, inputTexts?.[index] ?? JSON.stringify(item));
        });
      }
    });
  }

  async get(owner: string, id: string): Promise<StoredResponse | undefined> {
    const [row] = this.#sql.all('SELECT entry FROM responses WHERE owner = ? AND id = ? AND created_at > ?',
      owner, id, this.#cutoff());
    return typeof row?.entry === 'string' ? readEntry(row.entry) : undefined;
  }

  async items(owner: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    const cutoff = this.#cutoff();
    for (const id of new Set(ids)) {
      // The newest live copy: an item repeated in later turns is the same item.
      const [row] = this.#sql.all(
        'SELECT item FROM items WHERE owner = ? AND item_id = ? AND created_at > ? ORDER BY created_at DESC LIMIT 1',
        owner, id, cutoff);
      if (typeof row?.item === 'string') found.set(id, JSON.parse(row.item));
    }
    return found;
  }

  async delete(owner: string, id: string): Promise<boolean> {
    const sql = this.#sql;
    const cutoff = this.#cutoff();
    return sql.transaction(() => {
      const deleted = sql.all('DELETE FROM responses WHERE owner = ? AND id = ? RETURNING created_at', owner, id);
      sql.run('DELETE FROM items WHERE owner = ? AND response_id = ?', owner, id);
      // An expired entry was already invisible: deleting it is tidying, not "something deleted".
      return deleted.some((row) => typeof row.created_at === 'number' && row.created_at > cutoff);
    });
  }

  /** Entries created at or before this (epoch seconds) are expired. */
  #cutoff(): number {
    return Date.now() / 1000 - this.#limits.ttlDays * SECONDS_PER_DAY;
  }

  #purgeIfDue(): void {
    const now = Date.now();
    if (now - this.#lastPurgeMs < PURGE_INTERVAL_MS) return;
    this.#lastPurgeMs = now;
    const cutoff = this.#cutoff();
    this.#sql.transaction(() => {
      this.#sql.run('DELETE FROM responses WHERE created_at <= ?', cutoff);
      this.#sql.run('DELETE FROM items WHERE created_at <= ?', cutoff);
    });
  }
}

/**
 * The input items' own texts, where the entry carries its input as text and some item has an
 * id to index: a long conversation sent whole repeats earlier turns' items, ids and all, and
 * slicing them is cheaper than serialising each again. Undefined otherwise.
 */
function itemTexts(entry: StoredResponse): string[] | undefined {
  if (entry.inputText === undefined || !entry.input.some((item) => idOf(item) !== undefined)) return undefined;
  const texts = arrayElementTexts(entry.inputText);
  return texts?.length === entry.input.length ? texts : undefined;
}

function idOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !('id' in item)) return undefined;
  return typeof item.id === 'string' ? item.id : undefined;
}
