// The few Cloudflare Workers types the Durable Object store uses, declared here because
// @cloudflare/workers-types is not a dependency (and would clash with the DOM lib the rest of
// the code is checked against). Names and shapes follow workers-types, so adding that package
// later means deleting this file. Only src/runtime/worker/ may use them.

type SqlStorageValue = ArrayBuffer | string | number | null;

interface SqlStorageCursor<T extends Record<string, SqlStorageValue>> extends Iterable<T> {
  toArray(): T[];
}

interface SqlStorage {
  exec<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): SqlStorageCursor<T>;
}

interface DurableObjectStorage {
  readonly sql: SqlStorage;
  transactionSync<T>(closure: () => T): T;
}

interface DurableObjectState {
  readonly storage: DurableObjectStorage;
}

interface DurableObjectId {
  toString(): string;
}

/** An RPC stub: each public method of the object, called across isolates, returns a promise. */
type DurableObjectStub<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

interface DurableObjectNamespace<T = unknown> {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): DurableObjectStub<T>;
}

declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
}

// A Text module (wrangler's default rule for `*.txt`): the file's contents as a string.
declare module '*.txt' {
  const text: string;
  export default text;
}
