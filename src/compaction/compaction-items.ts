// Compaction as the Responses API defines it, in plain data: the `compaction` item, the
// `compaction_trigger` input item, the summarising request the gateway sends when it emulates
// compaction, and the expansion of its own items back into the summary they carry.
// https://developers.openai.com/api/docs/guides/compaction
// https://developers.openai.com/api/reference/resources/responses/methods/compact
import { GatewayError } from '../errors/gateway-error.ts';
import { mintId } from '../hub/mint-id.ts';
import { isRecord, stringAt, type JsonObject } from '../protocols/read-json.ts';
import { isOurEnvelope } from './sealed-envelope.ts';

/** Asked of the model, after the conversation, when the gateway compacts it. */
export const SUMMARY_INSTRUCTION = [
  'Your context window is about to be reset. Summarise the conversation so far for your own continuation of it:',
  "the user's goals and every request they made, decisions and constraints agreed, what has been done (files, commands, tool results that matter, with exact names, paths and values),",
  'what is still open, and the next step. Write only the summary, as notes to yourself; do not answer or continue the task.',
].join(' ');

/** Put before the summary when it replaces the conversation, so the model reads it as history. */
export const SUMMARY_PREAMBLE = 'Summary of the conversation so far (earlier turns were compacted into it):';

/** `input` as a list of items: a string is one user message. */
export function inputItems(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return Array.isArray(input) ? input : [];
}

const isType = (item: unknown, type: string): item is JsonObject => isRecord(item) && item.type === type;

/**
 * Whether the request asks for compaction: a `compaction_trigger` item, which OpenAI documents
 * as "Compacts the current context. Must be the final input item." Anywhere else it is a 400.
 */
export function isCompactionTriggered(body: JsonObject): boolean {
  const items = inputItems(body.input);
  const at = items.findIndex((item) => isType(item, 'compaction_trigger'));
  if (at < 0) return false;
  if (at !== items.length - 1) throw new GatewayError(400, 'A compaction_trigger item must be the final input item.', { param: `input[${at}]` });
  return true;
}

/** The `compaction` output item around an envelope. */
export function compactionItem(encryptedContent: string): JsonObject {
  return { type: 'compaction', id: mintId('cmp_'), encrypted_content: encryptedContent };
}

/**
 * The request the gateway sends to have the model summarise: the client's conversation (the
 * trigger left out) and SUMMARY_INSTRUCTION as a last user message, never streamed or stored,
 * with nothing that would shape the answer into anything but prose (a JSON schema, a token
 * limit meant for the real answer, a forced tool).
 */
export function summarisingBody(body: JsonObject): JsonObject {
  const {
    stream: _stream,
    stream_options: _streamOptions,
    store: _store,
    context_management: _contextManagement,
    text: _text,
    max_output_tokens: _maxOutputTokens,
    include: _include,
    tool_choice: _toolChoice,
    background: _background,
    previous_response_id: _previous,
    ...rest
  } = body;
  const items = inputItems(body.input).filter((item) => !isType(item, 'compaction_trigger'));
  const instruction = { type: 'message', role: 'user', content: [{ type: 'input_text', text: SUMMARY_INSTRUCTION }] };
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  // The tools stay declared (a history with tool calls needs them on some upstreams) but may not be called.
  return { ...rest, input: [...items, instruction], store: false, ...(tools ? { tool_choice: 'none' } : {}) };
}

/** The summary text of a Responses answer: its assistant messages' output text. */
export function summaryOf(response: JsonObject): string {
  const output = Array.isArray(response.output) ? response.output : [];
  const texts: string[] = [];
  for (const item of output) {
    if (!isType(item, 'message') || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (isType(part, 'output_text')) texts.push(stringAt(part.text) ?? '');
  }
  return texts.join('').trim();
}

/** The user message a gateway compaction item becomes for the upstream. */
export function summaryMessage(summary: string): JsonObject {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text: `${SUMMARY_PREAMBLE}\n\n${summary}` }] };
}

/** A compaction item the gateway sealed itself (it may still fail to open). */
export function isGatewayCompaction(item: unknown): item is JsonObject {
  return isType(item, 'compaction') && isOurEnvelope(stringAt(item.encrypted_content) ?? '');
}

/**
 * The input with the gateway's own compaction expanded: everything before the last one is
 * dropped (it carries all of that: OpenAI's guide drops "items that came before the most
 * recent compaction item" too), and the item becomes the summary it sealed. `open` returns
 * the summary, or undefined for an envelope that does not open. Undefined when there is
 * nothing of ours to expand, so the request stays as it was sent. A compaction item that is
 * not ours (OpenAI's own) is left as it is: only its issuer can read it.
 */
export async function expandCompactions(items: readonly unknown[], open: (envelope: string) => Promise<string | undefined>): Promise<unknown[] | undefined> {
  let last = -1;
  items.forEach((item, index) => {
    if (isGatewayCompaction(item)) last = index;
  });
  if (last < 0) return undefined;
  const item = items[last] as JsonObject;
  const summary = await open(stringAt(item.encrypted_content) ?? '');
  if (summary === undefined) {
    throw new GatewayError(400, `The compaction item at input[${last}] could not be opened: its encrypted_content was altered, or sealed by another gateway, secret or API key.`, {
      param: 'input',
      code: 'invalid_encrypted_content',
    });
  }
  return [summaryMessage(summary), ...items.slice(last + 1)];
}
