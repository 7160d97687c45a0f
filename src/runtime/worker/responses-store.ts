// The response store on Workers: a SQLite-backed Durable Object. durableObjectStore() gives
// each owner (gateway key digest) one object, so a key's turns live in one place and a read
// right after a write sees it: the object answers one call at a time, and its output gate holds
// put()'s reply until the write is durable. Its RPC methods mirror ResponseStore.
// Bound as RESPONSES with a `new_sqlite_classes` migration (wrangler.toml.example).
import { DurableObject } from 'cloudflare:workers';
import type { ResponseStore, StoredResponse } from '../../store/response-store.ts';
import { storeLimitsFromEnv } from '../../store/response-store.ts';
import type { SqlDriver } from '../../store/sql-driver.ts';
import { SqlResponseStore } from '../../store/sql-response-store.ts';

export class ResponsesStore extends DurableObject<Record<string, unknown>> implements ResponseStore {
  readonly #store: SqlResponseStore;

  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    // The TTL comes from the Worker's own environment (ANY_API_STORE_TTL_DAYS): the object runs
    // in the same Worker, so it and the gateway agree without passing it on every call.
    this.#store = new SqlResponseStore(durableObjectSqlDriver(ctx.storage), storeLimitsFromEnv(env));
  }

  put(entry: StoredResponse): Promise<void> {
    return this.#store.put(entry);
  }

  get(owner: string, id: string): Promise<StoredResponse | undefined> {
    return this.#store.get(owner, id);
  }

  items(owner: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    return this.#store.items(owner, ids);
  }

  delete(owner: string, id: string): Promise<boolean> {
    return this.#store.delete(owner, id);
  }
}

function durableObjectSqlDriver(storage: DurableObjectStorage): SqlDriver {
  return {
    // toArray() steps the statement to its end: a write whose cursor is never read might not.
    run(sql, ...params) {
      storage.sql.exec(sql, ...params).toArray();
    },
    all(sql, ...params) {
      return storage.sql.exec<Record<string, string | number | null>>(sql, ...params).toArray();
    },
    transaction: (fn) => storage.transactionSync(fn),
  };
}
