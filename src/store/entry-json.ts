// An entry's JSON, refused when over the size limit. Shared by the store and by the Durable
// Object client, which checks before the RPC so an oversized entry is never shipped (and the
// caller gets a StoreEntryTooLarge, not the platform's RPC size error).
import type { StoredResponse } from './response-store.ts';
import { StoreEntryTooLarge } from './store-entry-too-large.ts';

const encoder = new TextEncoder();

/**
 * The entry as JSON. A stored turn's output is, in the gateway, the response's own `output`
 * array: written once (inside `response`) rather than twice, which halves the row and the
 * serialising of a typical turn; `readEntry` restores it. An entry whose output is some other
 * array keeps its own. With `responseText` the response goes in as that text, unserialised:
 * the answer the gateway already holds is most of a row, and stringifying it again was most
 * of the cost of building one.
 */
function serialise(entry: StoredResponse): string {
  const { responseText, ...fields } = entry;
  const ownOutput = entry.output === entry.response.output ? undefined : entry.output;
  if (responseText === undefined) return JSON.stringify({ ...fields, output: ownOutput });
  // The same members, in the same order, as JSON.stringify writes them above.
  const head = JSON.stringify({ id: entry.id, owner: entry.owner, createdAt: entry.createdAt, previousResponseId: entry.previousResponseId });
  const tail = JSON.stringify({ input: entry.input, output: ownOutput });
  return `${head.slice(0, -1)},"response":${responseText},${tail.slice(1)}`;
}

export function entryJson(entry: StoredResponse, maxBytes: number): string {
  const json = serialise(entry);
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes, so the length alone settles most entries
  // without encoding megabytes just to count them.
  if (json.length * 3 <= maxBytes) return json;
  const bytes = encoder.encode(json).byteLength;
  if (bytes > maxBytes) throw new StoreEntryTooLarge(entry.id, bytes, maxBytes);
  return json;
}

/** A stored entry's JSON back as the entry (the inverse of entryJson). */
export function readEntry(json: string): StoredResponse {
  const entry = JSON.parse(json) as StoredResponse;
  if (entry.output === undefined) entry.output = Array.isArray(entry.response.output) ? entry.response.output : [];
  return entry;
}
