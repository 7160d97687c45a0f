// An upstream `chat.completion` body → hub response. Lenient: the body is not validated, so
// every field is read from `unknown` and a missing optional field never throws. Only
// choices[0] is an answer the hub can hold; the rest are dropped with a warning.
// https://platform.openai.com/docs/api-reference/chat/object
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import { newToolCallId } from '../../hub/tool-call-id.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { readReasoning } from './convert-reasoning.ts';
import { decodeUsage } from './convert-usage.ts';
import { decodeFinishReason } from './map-finish-reason.ts';
import { type Drop, type Json, dropper, isRecord, num, rec, records, str } from './read.ts';

/** Response fields with no hub twin. `ignore` rows are deployment metadata present on every answer, not content. */
const RESPONSE_FIELDS: Record<string, { drop: string } | 'ignore'> = {
  system_fingerprint: 'ignore',
  service_tier: 'ignore',
  annotations: { drop: 'citations (url_citation) have no hub twin' },
  audio: { drop: 'audio output has no hub twin' },
  logprobs: { drop: 'log probabilities have no hub twin' },
};

function dropFields(source: Json, drop: Drop): void {
  for (const [key, row] of Object.entries(RESPONSE_FIELDS)) {
    const value = source[key];
    const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty && row !== 'ignore') drop(key, row.drop);
  }
}

/** Text content: a string, or (some Chat-compatible servers) an array of text parts. */
function contentText(content: unknown, drop: Drop): string {
  if (typeof content === 'string') return content;
  return records(content)
    .map((part) => {
      if (part.type === 'text') return str(part.text) ?? '';
      drop(`message.content[].type=${String(part.type)}`, 'unknown answer content part; not kept');
      return '';
    })
    .join('');
}

function toolCalls(message: Json, drop: Drop): HubOutput[] {
  const calls: HubOutput[] = [];
  for (const call of records(message.tool_calls)) {
    const id = str(call.id) || newToolCallId();
    if (call.type === 'custom') {
      const custom = rec(call.custom);
      calls.push({ type: 'tool-call', id, name: str(custom.name) ?? '', arguments: str(custom.input) ?? '', custom: true });
    } else if (isRecord(call.function)) {
      // Some Chat-compatible servers omit `type`; a `function` object is enough.
      calls.push({ type: 'tool-call', id, name: str(call.function.name) ?? '', arguments: str(call.function.arguments) ?? '' });
    } else {
      drop(`message.tool_calls[].type=${String(call.type)}`, 'unknown tool call type; not kept');
    }
  }
  if (isRecord(message.function_call)) {
    const fn = message.function_call;
    calls.push({ type: 'tool-call', id: newToolCallId(), name: str(fn.name) ?? '', arguments: str(fn.arguments) ?? '' });
  }
  return calls;
}

export function decodeResponse(body: unknown, warnings: Warnings): HubResponse {
  const drop = dropper(warnings);
  const response = rec(body);
  const choices = records(response.choices);
  const choice = choices[0] ?? {};
  if (choices.length > 1) drop('choices[1..]', `the hub holds one answer; ${choices.length - 1} more choice(s) were not kept`);
  const message = rec(choice.message);
  dropFields(response, drop);
  dropFields(message, drop);
  dropFields(choice, drop);

  const output: HubOutput[] = [...readReasoning(message, drop)];
  const text = contentText(message.content, drop);
  if (text) output.push({ type: 'text', text });
  const refusal = str(message.refusal);
  if (refusal) output.push({ type: 'refusal', text: refusal });
  const calls = toolCalls(message, drop);
  output.push(...calls);

  return {
    id: str(response.id) ?? '',
    model: str(response.model) ?? '',
    output,
    finishReason: decodeFinishReason(choice.finish_reason, calls.length),
    usage: decodeUsage(response.usage),
    created: num(response.created) ?? Math.floor(Date.now() / 1000),
  };
}
