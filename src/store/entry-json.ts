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
 * array keeps its own. With `responseText` / `inputText` the response / input go in as that
 * text, unserialised: the answer and the request the gateway already holds are most of a row,
 * and stringifying them again was most of the cost of building one.
 */
function serialise(entry: StoredResponse): string {
  const { responseText, inputText } = entry;
  const output = entry.output === entry.response.output ? '' : `,"output":${JSON.stringify(entry.output)}`;
  // The members JSON.stringify would write for the entry (the two texts are no members).
  const head = JSON.stringify({ id: entry.id, owner: entry.owner, createdAt: entry.createdAt, previousResponseId: entry.previousResponseId });
  const response = responseText ?? JSON.stringify(entry.response);
  const input = inputText ?? JSON.stringify(entry.input);
  return `${head.slice(0, -1)},"response":${response},"input":${input}${output}}`;
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
