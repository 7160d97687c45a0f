// Tool-call ids cross protocols with different rules: Anthropic requires ^[a-zA-Z0-9_-]+$,
// Gemini often sends none. Ids that break a target's charset are encoded reversibly
// (URL-safe base64 behind a prefix), so the client gets back exactly the id it sent.
import { mintId } from './mint-id.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';

const CLAUDE_ID = /^[a-zA-Z0-9_-]+$/;
const ENCODED_PREFIX = 'toolu_b64_';


/** An id Anthropic accepts; the identity for ids that already do. */
export function toClaudeToolId(id: string): string {
  return CLAUDE_ID.test(id) && !id.startsWith(ENCODED_PREFIX) ? id : `${ENCODED_PREFIX}${toBase64Url(id)}`;
}

/** Undoes toClaudeToolId; ids it did not produce come back unchanged. */
export function fromClaudeToolId(id: string): string {
  if (!id.startsWith(ENCODED_PREFIX)) return id;
  try {
    return fromBase64Url(id.slice(ENCODED_PREFIX.length));
  } catch {
    return id;
  }
}

/** A fresh id for a call the upstream gave none (Gemini). */
export function newToolCallId(): string {
  // OpenAI's call ids are `call_` + 24 characters.
  return mintId('call_').slice(0, 'call_'.length + 24);
}
