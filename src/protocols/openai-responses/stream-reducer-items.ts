// Output items of a Responses stream → hub blocks. The API streams items one after another
// (`output_item.added` … deltas … `output_item.done`, then the next `output_index`), which is
// exactly the hub's sequential-block rule, so one open item is all the state needed.
// Each item's whole content is repeated at its end (`function_call_arguments.done`,
// `output_item.done`) and again in `response.completed`: whatever the deltas missed is taken
// from there, so a proxy that sends no deltas (or only the final response) loses nothing.
import type { HubEvent } from '../../hub/hub-events.ts';
import { newToolCallId } from '../../hub/tool-call-id.ts';
import { type JsonObject, numberAt, recordsAt, stringAt } from '../read-json.ts';

const ORIGIN = 'openai-responses';

export interface OpenItem {
  kind: 'message' | 'tool' | 'reasoning';
  block: string;
  id?: string;
  outputIndex?: number;
  /** The hub block was started; a message starts at its first non-empty text (no empty text blocks). */
  started: boolean;
  custom?: boolean;
  /** Text / arguments / summary arrived as deltas, so the `.done` events must not repeat them. */
  streamed: boolean;
  /** Raw reasoning text (`reasoning_text.delta`) arrived as deltas. */
  streamedText: boolean;
  /** The summary part that last got text: a new part is separated by a blank line, as other protocols join summaries. */
  summaryIndex?: number;
}

export interface ItemsState {
  blocks: number;
  toolCalls: number;
  open?: OpenItem;
  /** Item ids (or `#output_index`) already turned into blocks, so `response.completed` adds only the missed ones. */
  seen: Set<string>;
}

function keyOf(item: JsonObject, outputIndex: number | undefined): string | undefined {
  return stringAt(item.id) || (outputIndex === undefined ? undefined : `#${outputIndex}`);
}

/** Whether a delta event (item_id / output_index) belongs to the open item. */
export function belongsTo(open: OpenItem, event: JsonObject): boolean {
  const itemId = stringAt(event.item_id);
  if (itemId && open.id) return itemId === open.id;
  const index = numberAt(event.output_index);
  return index === undefined || open.outputIndex === undefined || index === open.outputIndex;
}

/** Ends the open item's block; a reasoning item gets the `encrypted_content` of its done event. */
export function closeOpen(state: ItemsState, out: HubEvent[], encrypted?: string): void {
  const open = state.open;
  if (!open) return;
  state.open = undefined;
  if (open.kind === 'message') {
    if (open.started) out.push({ type: 'text-end', block: open.block });
  } else if (open.kind === 'tool') {
    out.push({ type: 'tool-call-end', block: open.block });
  } else {
    out.push({ type: 'reasoning-end', block: open.block, ...(encrypted ? { encrypted } : {}) });
  }
}

/** `output_item.added` (or an item first met elsewhere): ends the previous item, starts this one. */
export function startItem(state: ItemsState, item: JsonObject, outputIndex: number | undefined, out: HubEvent[]): void {
  closeOpen(state, out);
  const key = keyOf(item, outputIndex);
  if (key !== undefined) state.seen.add(key);
  const id = stringAt(item.id) || undefined;
  const base = { block: `b${state.blocks}`, ...(id ? { id } : {}), ...(outputIndex === undefined ? {} : { outputIndex }), streamed: false, streamedText: false };
  switch (item.type) {
    case 'message':
      state.open = { kind: 'message', started: false, ...base };
      break;
    case 'function_call':
    case 'custom_tool_call': {
      const custom = item.type === 'custom_tool_call';
      state.open = { kind: 'tool', started: true, ...(custom ? { custom } : {}), ...base };
      state.toolCalls += 1;
      out.push({
        type: 'tool-call-start',
        block: base.block,
        id: stringAt(item.call_id) || id || newToolCallId(),
        name: stringAt(item.name) ?? '',
        ...(custom ? { custom } : {}),
        ...(id ? { itemId: id } : {}),
      });
      break;
    }
    case 'reasoning':
      state.open = { kind: 'reasoning', started: true, ...base };
      out.push({ type: 'reasoning-start', block: base.block, origin: ORIGIN, ...(id ? { itemId: id } : {}) });
      break;
    default:
      // Built-in tool items (web_search_call…) have no hub form; decodeResponse leaves them out too.
      return;
  }
  state.blocks += 1;
}

export function appendText(open: OpenItem, text: string, out: HubEvent[]): void {
  if (text === '') return;
  if (!open.started) {
    open.started = true;
    out.push({ type: 'text-start', block: open.block });
  }
  open.streamed = true;
  out.push({ type: 'text-delta', block: open.block, delta: text });
}

export function appendArguments(open: OpenItem, delta: string, out: HubEvent[]): void {
  if (delta === '') return;
  open.streamed = true;
  out.push({ type: 'tool-call-delta', block: open.block, delta });
}

export function appendReasoning(open: OpenItem, delta: string, kind: 'text' | 'summary', summaryIndex: number | undefined, out: HubEvent[]): void {
  if (delta === '') return;
  if (kind === 'text') {
    open.streamedText = true;
  } else {
    if (open.streamed && summaryIndex !== undefined && summaryIndex !== open.summaryIndex) {
      out.push({ type: 'reasoning-delta', block: open.block, delta: '\n\n', kind });
    }
    if (summaryIndex !== undefined) open.summaryIndex = summaryIndex;
    open.streamed = true;
  }
  out.push({ type: 'reasoning-delta', block: open.block, delta, kind });
}

const texts = (parts: unknown, field: string): string[] =>
  recordsAt(parts).flatMap((part) => (typeof part[field] === 'string' ? [part[field]] : []));

/** The open item's final form (`output_item.done`, or its entry in `response.completed`): fills what the deltas missed, then ends it. */
export function finishItem(state: ItemsState, item: JsonObject, out: HubEvent[]): void {
  const open = state.open;
  if (!open) return;
  if (open.kind === 'message' && !open.streamed) {
    appendText(open, recordsAt(item.content).map((part) => stringAt(part.type === 'refusal' ? part.refusal : part.text) ?? '').join(''), out);
  } else if (open.kind === 'tool' && !open.streamed) {
    appendArguments(open, stringAt(open.custom ? item.input : item.arguments) ?? '', out);
  } else if (open.kind === 'reasoning') {
    if (!open.streamed) appendReasoning(open, texts(item.summary, 'text').filter((t) => t !== '').join('\n\n'), 'summary', undefined, out);
    if (!open.streamedText) appendReasoning(open, texts(item.content, 'text').join(''), 'text', undefined, out);
  }
  closeOpen(state, out, stringAt(item.encrypted_content) || undefined);
}

/** An item seen only whole (`output_item.done` without `added`, or only in `response.completed`). */
export function wholeItem(state: ItemsState, item: JsonObject, outputIndex: number | undefined, out: HubEvent[]): void {
  startItem(state, item, outputIndex, out);
  finishItem(state, item, out);
}

/** Whether an item was already turned into a block. */
export function wasSeen(state: ItemsState, item: JsonObject, outputIndex: number | undefined): boolean {
  const key = keyOf(item, outputIndex);
  return key !== undefined && state.seen.has(key);
}
