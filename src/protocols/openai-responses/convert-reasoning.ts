// Reasoning items (`rs_…`) both ways, for request history and response output alike.
// `encrypted_content` and the item id are opaque and valid only for a Responses upstream, so
// they are replayed only when the hub item's origin is this protocol.
// https://platform.openai.com/docs/guides/reasoning
import type { HubReasoning } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { recordsAt, stringAt } from '../read-json.ts';

const ORIGIN = 'openai-responses';

/** A Responses reasoning item (input or output; same shape) → hub reasoning. */
export function decodeReasoningItem(item: Record<string, unknown>): HubReasoning {
  const reasoning: HubReasoning = { type: 'reasoning', origin: ORIGIN };
  const itemId = stringAt(item.id);
  if (itemId) reasoning.itemId = itemId;
  // Empty summaries are kept as [] so the item re-encodes exactly (summary is required there).
  reasoning.summary = recordsAt(item.summary).flatMap((part) => (typeof part.text === 'string' ? [part.text] : []));
  const encrypted = stringAt(item.encrypted_content);
  if (encrypted) reasoning.encrypted = encrypted;
  // Raw reasoning text (`content[].reasoning_text`, open-weight models); clients echo `content: null`.
  const texts = recordsAt(item.content).flatMap((part) => (typeof part.text === 'string' ? [part.text] : []));
  if (texts.length > 0) reasoning.text = texts.join('');
  return reasoning;
}

function baseItem(reasoning: HubReasoning, id: string | undefined): Record<string, unknown> {
  const item: Record<string, unknown> = { type: 'reasoning' };
  if (id) item.id = id;
  item.summary = (reasoning.summary ?? []).map((text) => ({ type: 'summary_text', text }));
  if (reasoning.text) item.content = [{ type: 'reasoning_text', text: reasoning.text }];
  if (reasoning.encrypted) item.encrypted_content = reasoning.encrypted;
  return item;
}

/**
 * Hub reasoning → a request input item, or nothing. Only our own items can be replayed, and only
 * when they carry an id or encrypted content: a bare summary cannot be verified by the upstream.
 */
export function encodeReasoningInput(reasoning: HubReasoning, warnings: Warnings): Record<string, unknown> | undefined {
  if (reasoning.origin !== ORIGIN) {
    warnings.drop('reasoning', `reasoning from ${reasoning.origin} is signed for that provider only; not replayed (its text is not sent either)`);
    return undefined;
  }
  if (!reasoning.itemId && !reasoning.encrypted) {
    warnings.drop('reasoning', 'a reasoning item with neither id nor encrypted_content cannot be replayed; left out');
    return undefined;
  }
  return baseItem(reasoning, reasoning.itemId);
}

/**
 * Hub reasoning output → a response output item with a non-empty id. Foreign reasoning shows
 * its visible text as the summary; its signature / encrypted data cannot be expressed here.
 */
export function encodeReasoningOutput(reasoning: HubReasoning, fallbackId: string, warnings: Warnings): Record<string, unknown> {
  if (reasoning.origin === ORIGIN) return baseItem(reasoning, reasoning.itemId || fallbackId);
  if (reasoning.signature || reasoning.encrypted) {
    warnings.drop('reasoning.signature', `opaque reasoning state from ${reasoning.origin} has no Responses form; only its text is returned`);
  }
  const summary = [...(reasoning.summary ?? []), ...(reasoning.text ? [reasoning.text] : [])];
  return { type: 'reasoning', id: fallbackId, summary: summary.map((text) => ({ type: 'summary_text', text })) };
}
