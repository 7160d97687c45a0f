// The ResponseStore a Worker uses: calls the ResponsesStore Durable Object of the entry's
// owner (one object per gateway key digest, by name), so no key's conversations share an
// object with another's and each key's reads and writes are ordered in one place.
import { entryJson } from '../../store/entry-json.ts';
import type { ResponseStore, StoreLimits } from '../../store/response-store.ts';
import { DEFAULT_STORE_LIMITS } from '../../store/response-store.ts';
import type { ResponsesStore } from './responses-store.ts';

/**
 * `maxEntryBytes` is checked here, before the call, so an oversized entry is never shipped and
 * the caller gets a StoreEntryTooLarge (an error thrown inside the object would arrive as a
 * plain Error). The TTL is applied by the object from the Worker's environment.
 */
export function durableObjectStore(
  namespace: DurableObjectNamespace<ResponsesStore>,
  limits: Pick<StoreLimits, 'maxEntryBytes'> = DEFAULT_STORE_LIMITS,
): ResponseStore {
  const objectOf = (owner: string) => namespace.get(namespace.idFromName(owner));
  return {
    async put(entry) {
      entryJson(entry, limits.maxEntryBytes);
      // The texts are the same data again: shipped beside the objects they would double the
      // RPC's size (whose limit the size check above keeps a put under).
      const { responseText: _response, inputText: _input, ...shipped } = entry;
      await objectOf(entry.owner).put(shipped);
    },
    get: (owner, id) => objectOf(owner).get(owner, id),
    items: (owner, ids) => objectOf(owner).items(owner, ids),
    delete: (owner, id) => objectOf(owner).delete(owner, id),
  };
}
