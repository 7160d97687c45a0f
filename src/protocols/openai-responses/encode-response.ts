// Inbound: hub response → a full non-streamed Responses body, shaped so the official SDK's
// `response.output_text` and Codex's item handling work: every item has a non-empty, unique id
// (made from the response id + output index when the hub has none) and a status. Every field
// OpenAI returns is there, the request's settings included (echo-request.ts), so strict readers
// (Open Responses, zod/pydantic models) accept it.
import { nowSeconds } from '../../hub/mint-id.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { encodeReasoningOutput } from './convert-reasoning.ts';
import { toResponsesUsage } from './convert-usage.ts';
import { echoRequest } from './echo-request.ts';
import { toResponsesEnding } from './map-finish-reason.ts';

type ToolCallOutput = Extract<HubOutput, { type: 'tool-call' }>;

/** Exported for the stream encoder, whose `output_item.done` items must equal these. */
export function encodeToolCall(call: ToolCallOutput, fallbackId: string, warnings: Warnings): Record<string, unknown> {
  if (call.signature && call.signature.origin !== 'openai-responses') {
    warnings.drop('tool_call.signature', `per-call state from ${call.signature.origin} has no Responses form; not returned`);
  }
  const prefix = call.custom ? 'ctc_' : 'fc_';
  const id = call.itemId?.startsWith(prefix) ? call.itemId : fallbackId;
  if (call.custom) return { type: 'custom_tool_call', id, call_id: call.id, name: call.name, input: call.arguments, status: 'completed' };
  return { type: 'function_call', id, call_id: call.id, name: call.name, arguments: call.arguments, status: 'completed' };
}

/** An item's id when the hub has none: response id + output index, so a stream and a whole answer agree. */
export function outputItemId(prefix: string, idBase: string, index: number): string {
  return `${prefix}_${idBase}_${index}`;
}

/** The response id (`resp_…`) and the id base its item ids are made from. */
export function responseIds(response: Pick<HubResponse, 'id' | 'created'>): { id: string; idBase: string } {
  const id = response.id.startsWith('resp_') ? response.id : `resp_${response.id || response.created}`;
  return { id, idBase: id.slice('resp_'.length).replace(/[^A-Za-z0-9]/g, '') || String(response.created) };
}

/** Output items in hub order; consecutive text / refusal outputs share one message item. */
function encodeOutput(outputs: readonly HubOutput[], idBase: string, warnings: Warnings): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const itemId = (prefix: string) => outputItemId(prefix, idBase, items.length);
  let message: Record<string, unknown>[] | undefined;
  for (const out of outputs) {
    if (out.type === 'text' || out.type === 'refusal') {
      if (out.text === '') continue;
      if (!message) {
        message = [];
        items.push({ type: 'message', id: itemId('msg'), status: 'completed', role: 'assistant', content: message });
      }
      message.push(out.type === 'text' ? { type: 'output_text', text: out.text, annotations: [], logprobs: [] } : { type: 'refusal', refusal: out.text });
      continue;
    }
    message = undefined;
    if (out.type === 'tool-call') items.push(encodeToolCall(out, itemId(out.custom ? 'ctc' : 'fc'), warnings));
    else items.push(encodeReasoningOutput(out, itemId('rs'), warnings));
  }
  return items;
}

/** The item being written when the output limit or a filter struck is `incomplete`, as OpenAI marks it. */
function markCutShort(items: Record<string, unknown>[], status: string): Record<string, unknown>[] {
  const last = items.at(-1);
  if (status === 'incomplete' && last?.type === 'message') last.status = 'incomplete';
  return items;
}

/** When the answer was complete (unix seconds): now, never before the upstream's `created` (clock skew). */
function completedAt(response: HubResponse, status: string): number | null {
  return status === 'completed' ? Math.max(response.created, nowSeconds()) : null;
}

export function encodeResponse(response: HubResponse, request: HubRequest, warnings: Warnings): Record<string, unknown> {
  if (response.stopSequence !== undefined) {
    warnings.drop('stop_sequence', 'Responses does not report which stop sequence ended the answer');
  }
  const { id, idBase } = responseIds(response);
  const ending = toResponsesEnding(response.finishReason);
  const raw = response.finishReason.raw ? ` (${response.finishReason.raw})` : '';
  return {
    id,
    object: 'response',
    created_at: response.created,
    status: ending.status,
    completed_at: completedAt(response, ending.status),
    error: ending.status === 'failed' ? { code: 'server_error', message: `The upstream stopped with an error${raw}.` } : null,
    incomplete_details: ending.incomplete_details,
    model: response.model,
    output: markCutShort(encodeOutput(response.output, idBase, warnings), ending.status),
    ...echoRequest(request),
    usage: toResponsesUsage(response.usage),
  };
}
