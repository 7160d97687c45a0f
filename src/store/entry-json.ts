// An entry's JSON, refused when over the size limit. Shared by the store and by the Durable
// Object client, which checks before the RPC so an oversized entry is never shipped (and the
// caller gets a StoreEntryTooLarge, not the platform's RPC size error).
import type { StoredResponse } from './response-store.ts';
import { StoreEntryTooLarge } from './store-entry-too-large.ts';

const encoder = new TextEncoder();

export function entryJson(entry: StoredResponse, maxBytes: number): string {
  const json = JSON.stringify(entry);
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes, so the length alone settles most entries
  // without encoding megabytes just to count them.
  if (json.length * 3 <= maxBytes) return json;
  const bytes = encoder.encode(json).byteLength;
  if (bytes > maxBytes) throw new StoreEntryTooLarge(entry.id, bytes, maxBytes);
  return json;
}
