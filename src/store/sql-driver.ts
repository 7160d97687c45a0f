// The little of SQLite that the response store needs, so one implementation
// (sql-response-store.ts) runs on Node's `node:sqlite` and on a Durable Object's
// `ctx.storage.sql` alike; each runtime adapts its own API to this in src/runtime/.
export type SqlValue = string | number | null;
export type SqlRow = Readonly<Record<string, SqlValue>>;

export interface SqlDriver {
  /** One statement (no `;`-separated batches: the Durable Object API binds one at a time). */
  run(sql: string, ...params: SqlValue[]): void;
  all(sql: string, ...params: SqlValue[]): SqlRow[];
  /** Runs `fn` atomically: every write in it lands, or none does. */
  transaction<T>(fn: () => T): T;
}
