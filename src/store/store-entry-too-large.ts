// put() refused an entry over StoreLimits.maxEntryBytes. The request that produced it has
// already been answered, so the caller reports this as a warning ("not stored"), not a failure.
export class StoreEntryTooLarge extends Error {
  readonly id: string;
  readonly bytes: number;
  readonly maxBytes: number;

  constructor(id: string, bytes: number, maxBytes: number) {
    super(`response ${id} was not stored: ${bytes} bytes of JSON is over the store's limit of ${maxBytes}`);
    this.name = 'StoreEntryTooLarge';
    this.id = id;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}
