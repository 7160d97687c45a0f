// Hub blocks → Responses output items, with every event the strict readers need: the
// openai-node `responses.stream()` accumulator wants `output_item.added` before any delta,
// `content_part.added` before `output_text.delta`, `output_index` growing by one and non-empty
// unique ids; Codex takes function calls from `output_item.done`.
// Each finished item is built by the same functions as a non-streamed answer (encodeToolCall,
// encodeReasoningOutput) and ids follow the same rule, so `response.completed.response.output`
// equals what encodeResponse would return for the same answer.
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubReasoning, HubToolCall } from '../../hub/hub-request.ts';
import { Warnings } from '../../hub/warnings.ts';
import type { SseFrame } from '../../stream/sse.ts';
import type { JsonObject } from '../read-json.ts';
import { encodeReasoningOutput } from './convert-reasoning.ts';
import { encodeToolCall, outputItemId } from './encode-response.ts';

type Event<T extends HubEvent['type']> = Extract<HubEvent, { type: T }>;
type TextPart = { type: 'output_text'; text: string; annotations: unknown[]; logprobs: unknown[] };
type Status = 'in_progress' | 'completed' | 'incomplete';

/** A message item stays open across consecutive text blocks: they are its content parts, as encodeResponse groups them. */
interface OpenMessage {
  index: number;
  item: { type: 'message'; id: string; status: Status; role: 'assistant'; content: TextPart[] };
  part?: TextPart;
}

type OpenBlock =
  | { kind: 'text'; name: string }
  | { kind: 'tool'; name: string; index: number; id: string; call: HubToolCall }
  | { kind: 'reasoning'; name: string; index: number; id: string; reasoning: HubReasoning; summary?: string; text?: string };

export interface EncoderItemsState {
  seq: number;
  idBase: string;
  /** Finished items in output order; the next item's output_index is their count. */
  items: JsonObject[];
  message?: OpenMessage;
  block?: OpenBlock;
  /** Drops are reported by the non-stream path; a stream has no header left to carry them. */
  warnings: Warnings;
}

export function emit(state: EncoderItemsState, out: SseFrame[], type: string, fields: Record<string, unknown>): void {
  out.push({ event: type, data: JSON.stringify({ type, sequence_number: state.seq++, ...fields }) });
}

function ensureMessage(state: EncoderItemsState, out: SseFrame[]): OpenMessage {
  if (state.message) return state.message;
  const index = state.items.length;
  const message: OpenMessage = { index, item: { type: 'message', id: outputItemId('msg', state.idBase, index), status: 'in_progress', role: 'assistant', content: [] } };
  state.message = message;
  emit(state, out, 'response.output_item.added', { output_index: index, item: message.item });
  return message;
}

function endPart(state: EncoderItemsState, out: SseFrame[]): void {
  const message = state.message;
  const part = message?.part;
  if (!message || !part) return;
  message.part = undefined;
  const at = { item_id: message.item.id, output_index: message.index, content_index: message.item.content.length - 1 };
  emit(state, out, 'response.output_text.done', { ...at, text: part.text, logprobs: [] });
  emit(state, out, 'response.content_part.done', { ...at, part });
}

/** Ends the message item; `incomplete` when the output limit or a filter cut it short (as OpenAI marks it). */
export function closeMessage(state: EncoderItemsState, out: SseFrame[], status: Status = 'completed'): void {
  const message = state.message;
  if (!message) return;
  endPart(state, out);
  state.message = undefined;
  message.item.status = status;
  emit(state, out, 'response.output_item.done', { output_index: message.index, item: message.item });
  state.items.push(message.item);
}

/** Empty text adds nothing: the message and its part open at the first real text (encodeResponse skips empty text too). */
export function textDelta(state: EncoderItemsState, out: SseFrame[], delta: string): void {
  if (delta === '') return;
  const message = ensureMessage(state, out);
  let part = message.part;
  if (!part) {
    part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
    message.part = part;
    message.item.content.push(part);
    emit(state, out, 'response.content_part.added', { item_id: message.item.id, output_index: message.index, content_index: message.item.content.length - 1, part: { ...part } });
  }
  part.text += delta;
  emit(state, out, 'response.output_text.delta', { item_id: message.item.id, output_index: message.index, content_index: message.item.content.length - 1, delta, logprobs: [] });
}

export function textEnd(state: EncoderItemsState, out: SseFrame[]): void {
  endPart(state, out);
}

export function toolStart(state: EncoderItemsState, out: SseFrame[], event: Event<'tool-call-start'>): OpenBlock {
  closeMessage(state, out);
  const index = state.items.length;
  const call: HubToolCall = { type: 'tool-call', id: event.id, name: event.name, arguments: '', ...(event.custom ? { custom: true } : {}), ...(event.itemId ? { itemId: event.itemId } : {}) };
  const encoded = toolItem(state, call, index);
  emit(state, out, 'response.output_item.added', { output_index: index, item: { ...encoded, status: 'in_progress' } });
  return { kind: 'tool', name: event.block, index, id: String(encoded.id), call };
}

function toolItem(state: EncoderItemsState, call: HubToolCall, index: number): JsonObject {
  return encodeToolCall(call, outputItemId(call.custom ? 'ctc' : 'fc', state.idBase, index), state.warnings);
}

export function toolDelta(state: EncoderItemsState, out: SseFrame[], block: Extract<OpenBlock, { kind: 'tool' }>, delta: string): void {
  if (delta === '') return;
  block.call.arguments += delta;
  const type = block.call.custom ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta';
  emit(state, out, type, { item_id: block.id, output_index: block.index, delta });
}

export function toolEnd(state: EncoderItemsState, out: SseFrame[], block: Extract<OpenBlock, { kind: 'tool' }>, event: Event<'tool-call-end'>): void {
  const { call } = block;
  if (event.signature) call.signature = event.signature;
  const at = { item_id: block.id, output_index: block.index };
  if (call.custom) emit(state, out, 'response.custom_tool_call_input.done', { ...at, input: call.arguments });
  else emit(state, out, 'response.function_call_arguments.done', { ...at, name: call.name, arguments: call.arguments });
  const item = toolItem(state, call, block.index);
  emit(state, out, 'response.output_item.done', { output_index: block.index, item });
  state.items.push(item);
}

export function reasoningStart(state: EncoderItemsState, out: SseFrame[], event: Event<'reasoning-start'>): OpenBlock {
  closeMessage(state, out);
  const index = state.items.length;
  const reasoning: HubReasoning = { type: 'reasoning', origin: event.origin, ...(event.itemId ? { itemId: event.itemId } : {}), ...(event.redacted ? { redacted: true } : {}) };
  const id = String(reasoningItem(state, reasoning, index).id);
  emit(state, out, 'response.output_item.added', { output_index: index, item: { type: 'reasoning', id, summary: [] } });
  return { kind: 'reasoning', name: event.block, index, id, reasoning };
}

function reasoningItem(state: EncoderItemsState, reasoning: HubReasoning, index: number): JsonObject {
  return encodeReasoningOutput(reasoning, outputItemId('rs', state.idBase, index), state.warnings);
}

/**
 * Our own reasoning keeps summary and raw text apart (`summary[]` / `content[].reasoning_text`);
 * foreign reasoning (Claude thinking, Gemini thoughts) is shown as one summary part, the form
 * encodeReasoningOutput gives it.
 */
export function reasoningDelta(state: EncoderItemsState, out: SseFrame[], block: Extract<OpenBlock, { kind: 'reasoning' }>, event: Event<'reasoning-delta'>): void {
  if (event.delta === '') return;
  const at = { item_id: block.id, output_index: block.index };
  if (event.kind === 'text' && block.reasoning.origin === 'openai-responses') {
    if (block.text === undefined) {
      block.text = '';
      emit(state, out, 'response.content_part.added', { ...at, content_index: 0, part: { type: 'reasoning_text', text: '' } });
    }
    block.text += event.delta;
    emit(state, out, 'response.reasoning_text.delta', { ...at, content_index: 0, delta: event.delta });
    return;
  }
  if (block.summary === undefined) {
    block.summary = '';
    emit(state, out, 'response.reasoning_summary_part.added', { ...at, summary_index: 0, part: { type: 'summary_text', text: '' } });
  }
  block.summary += event.delta;
  emit(state, out, 'response.reasoning_summary_text.delta', { ...at, summary_index: 0, delta: event.delta });
}

/** The item as far as it got: the output of a `response.failed`. */
function reasoningSoFar(block: Extract<OpenBlock, { kind: 'reasoning' }>): HubReasoning {
  const { reasoning, summary, text } = block;
  if (reasoning.origin !== 'openai-responses') return { ...reasoning, ...(summary ? { text: summary } : {}) };
  return { ...reasoning, summary: summary ? [summary] : [], ...(text ? { text } : {}) };
}

export function reasoningEnd(state: EncoderItemsState, out: SseFrame[], block: Extract<OpenBlock, { kind: 'reasoning' }>, event: Event<'reasoning-end'>): void {
  const at = { item_id: block.id, output_index: block.index };
  if (block.summary !== undefined) {
    emit(state, out, 'response.reasoning_summary_text.done', { ...at, summary_index: 0, text: block.summary });
    emit(state, out, 'response.reasoning_summary_part.done', { ...at, summary_index: 0, part: { type: 'summary_text', text: block.summary } });
  }
  if (block.text !== undefined) {
    emit(state, out, 'response.reasoning_text.done', { ...at, content_index: 0, text: block.text });
    emit(state, out, 'response.content_part.done', { ...at, content_index: 0, part: { type: 'reasoning_text', text: block.text } });
  }
  const reasoning: HubReasoning = {
    ...reasoningSoFar(block),
    ...(event.encrypted ? { encrypted: event.encrypted } : {}),
    ...(event.signature ? { signature: event.signature } : {}),
  };
  const item = reasoningItem(state, reasoning, block.index);
  emit(state, out, 'response.output_item.done', { output_index: block.index, item });
  state.items.push(item);
}

/** Finished items plus the one being written, marked in progress (what `response.failed` reports). */
export function outputSoFar(state: EncoderItemsState): JsonObject[] {
  const block = state.block;
  if (state.message) return [...state.items, { ...state.message.item, content: state.message.item.content.map((part) => ({ ...part })) }];
  if (block?.kind === 'tool') return [...state.items, { ...toolItem(state, block.call, block.index), status: 'in_progress' }];
  if (block?.kind === 'reasoning') return [...state.items, reasoningItem(state, reasoningSoFar(block), block.index)];
  return state.items;
}
