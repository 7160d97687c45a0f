// An upstream `chat.completion` body → hub response. Lenient: the body is not validated, so
// every field is read from `unknown` and a missing optional field never throws. Only
// choices[0] is an answer the hub can hold; the rest are dropped with a warning.
// https://platform.openai.com/docs/api-reference/chat/object
import { nowSeconds } from '../../hub/mint-id.ts';
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import { newToolCallId } from '../../hub/tool-call-id.ts';
import type { Drop, Warnings } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, numberAt, recordsAt, stringAt } from '../read-json.ts';
import { readReasoning } from './convert-reasoning.ts';
import { decodeUsage } from './convert-usage.ts';
import { rec } from './json-objects.ts';
import { decodeFinishReason } from './map-finish-reason.ts';

/** Response fields with no hub twin. `ignore` rows are deployment metadata present on every answer, not content. */
const RESPONSE_FIELDS: Record<string, { drop: string } | 'ignore'> = {
  system_fingerprint: 'ignore',
  service_tier: 'ignore',
  annotations: { drop: 'citations (url_citation) have no hub twin' },
  audio: { drop: 'audio output has no hub twin' },
  logprobs: { drop: 'log probabilities have no hub twin' },
};

function dropFields(source: JsonObject, drop: Drop): void {
  for (const [key, row] of Object.entries(RESPONSE_FIELDS)) {
    const value = source[key];
    const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty && row !== 'ignore') drop(key, row.drop);
  }
}

/** Text content: a string, or (some Chat-compatible servers) an array of text parts. */
function contentText(content: unknown, drop: Drop): string {
  if (typeof content === 'string') return content;
  return recordsAt(content)
    .map((part) => {
      if (part.type === 'text') return stringAt(part.text) ?? '';
      drop(`message.content[].type=${String(part.type)}`, 'unknown answer content part; not kept');
      return '';
    })
    .join('');
}

function toolCalls(message: JsonObject, drop: Drop): HubOutput[] {
  const calls: HubOutput[] = [];
  for (const call of recordsAt(message.tool_calls)) {
    const id = stringAt(call.id) || newToolCallId();
    if (call.type === 'custom') {
      const custom = rec(call.custom);
      calls.push({ type: 'tool-call', id, name: stringAt(custom.name) ?? '', arguments: stringAt(custom.input) ?? '', custom: true });
    } else if (isRecord(call.function)) {
      // Some Chat-compatible servers omit `type`; a `function` object is enough.
      calls.push({ type: 'tool-call', id, name: stringAt(call.function.name) ?? '', arguments: stringAt(call.function.arguments) ?? '' });
    } else {
      drop(`message.tool_calls[].type=${String(call.type)}`, 'unknown tool call type; not kept');
    }
  }
  if (isRecord(message.function_call)) {
    const fn = message.function_call;
    calls.push({ type: 'tool-call', id: newToolCallId(), name: stringAt(fn.name) ?? '', arguments: stringAt(fn.arguments) ?? '' });
  }
  return calls;
}

export function decodeResponse(body: unknown, warnings: Warnings): HubResponse {
  const drop = warnings.drop;
  const response = rec(body);
  const choices = recordsAt(response.choices);
  const choice = choices[0] ?? {};
  if (choices.length > 1) drop('choices[1..]', `the hub holds one answer; ${choices.length - 1} more choice(s) were not kept`);
  const message = rec(choice.message);
  dropFields(response, drop);
  dropFields(message, drop);
  dropFields(choice, drop);

  const output: HubOutput[] = [...readReasoning(message, drop)];
  const text = contentText(message.content, drop);
  if (text) output.push({ type: 'text', text });
  const refusal = stringAt(message.refusal);
  if (refusal) output.push({ type: 'refusal', text: refusal });
  const calls = toolCalls(message, drop);
  output.push(...calls);

  return {
    id: stringAt(response.id) ?? '',
    model: stringAt(response.model) ?? '',
    output,
    finishReason: decodeFinishReason(choice.finish_reason, calls.length),
    usage: decodeUsage(response.usage),
    created: numberAt(response.created) ?? nowSeconds(),
  };
}
