// A Responses upstream's SSE (`event: <type>` + `data: {"type": <type>, …}`, no [DONE]) → hub
// events. The end marker is `response.completed` / `response.incomplete` (usage and ending) or
// `response.failed` / `error`; a stream that stops before one of them is truncated and ends in
// an error, never in a finish. The type is read from the JSON (the `event:` line only as a
// fallback), and `sequence_number` is not relied on: early-2025 streams have none.
// Finish reason and usage go through the same tables as a non-streamed answer.
// https://platform.openai.com/docs/api-reference/responses-streaming
import { mintId, nowSeconds } from '../../hub/mint-id.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseMessage } from '../../stream/sse-parser.ts';
import { isRecord, type JsonObject, numberAt, parseEventObject, recordsAt, stringAt } from '../read-json.ts';
import { fromResponsesUsage } from './convert-usage.ts';
import { mapResponsesFinishReason } from './map-finish-reason.ts';
import { decodeErrorEvent, decodeFailedResponse } from './stream-error.ts';
import {
  appendArguments,
  appendReasoning,
  appendText,
  belongsTo,
  closeOpen,
  finishItem,
  type ItemsState,
  type OpenItem,
  startItem,
  wasSeen,
  wholeItem,
} from './stream-reducer-items.ts';

export interface ResponsesStreamState extends ItemsState {
  started: boolean;
  /** A finish or an error was emitted: nothing may follow. */
  ended: boolean;
}

const record = (value: unknown): JsonObject => (isRecord(value) ? value : {});


/** `response-start` from the first event; lifecycle events carry the response (id, model, created_at). */
function start(state: ResponsesStreamState, request: HubRequest, event: JsonObject, out: HubEvent[]): void {
  if (state.started) return;
  state.started = true;
  const response = record(event.response);
  out.push({
    type: 'response-start',
    id: stringAt(response.id) || mintId('resp_'),
    model: stringAt(response.model) || request.model,
    created: numberAt(response.created_at) ?? nowSeconds(),
  });
}

/** The open item when a delta belongs to it; a text or reasoning delta with no announced item opens one (lenient proxies). */
function openFor(state: ResponsesStreamState, event: JsonObject, kind: OpenItem['kind'], out: HubEvent[]): OpenItem | undefined {
  const open = state.open;
  if (open && belongsTo(open, event)) return open.kind === kind ? open : undefined;
  if (kind === 'tool') return undefined; // a call without its added item has no name: wait for output_item.done
  const id = stringAt(event.item_id);
  startItem(state, { type: kind, ...(id ? { id } : {}) }, numberAt(event.output_index), out);
  return state.open;
}

function onItemDone(state: ResponsesStreamState, event: JsonObject, out: HubEvent[]): void {
  const item = record(event.item);
  const index = numberAt(event.output_index);
  if (state.open && belongsTo(state.open, { item_id: item.id, output_index: index })) finishItem(state, item, out);
  else if (!wasSeen(state, item, index)) wholeItem(state, item, index, out);
}

/** `response.completed` / `response.incomplete`: items only the final response holds, usage, then the one finish. */
function complete(state: ResponsesStreamState, event: JsonObject, type: string, out: HubEvent[]): void {
  const response = record(event.response);
  recordsAt(response.output).forEach((item, index) => {
    if (state.open && belongsTo(state.open, { item_id: item.id, output_index: index })) finishItem(state, item, out);
    else if (!wasSeen(state, item, index)) wholeItem(state, item, index, out);
  });
  closeOpen(state, out);
  const status = stringAt(response.status) ?? (type === 'response.incomplete' ? 'incomplete' : 'completed');
  const reason = stringAt(record(response.incomplete_details).reason);
  // Always reported, as decodeResponse reports a missing usage as 0 tokens.
  out.push({ type: 'usage', usage: fromResponsesUsage(response.usage) });
  out.push({ type: 'finish', finishReason: mapResponsesFinishReason(status, reason, state.toolCalls) });
  state.ended = true;
}

function step(state: ResponsesStreamState, request: HubRequest, message: SseMessage): HubEvent[] {
  if (state.ended) return [];
  const event = parseEventObject(message.data);
  if (!event) return [];
  const type = stringAt(event.type) ?? message.event ?? '';
  const out: HubEvent[] = [];
  start(state, request, event, out);
  const delta = stringAt(event.delta) ?? '';
  switch (type) {
    case 'response.output_item.added':
      startItem(state, record(event.item), numberAt(event.output_index), out);
      break;
    case 'response.output_item.done':
      onItemDone(state, event, out);
      break;
    case 'response.output_text.delta':
    case 'response.refusal.delta': {
      // The hub has no refusal event: a streamed refusal reaches the client as text.
      const open = openFor(state, event, 'message', out);
      if (open) appendText(open, delta, out);
      break;
    }
    case 'response.function_call_arguments.delta':
    case 'response.custom_tool_call_input.delta': {
      const open = openFor(state, event, 'tool', out);
      if (open) appendArguments(open, delta, out);
      break;
    }
    case 'response.function_call_arguments.done':
    case 'response.custom_tool_call_input.done': {
      // Arguments that came with no deltas are sent as one delta, so the call is never lost.
      const open = openFor(state, event, 'tool', out);
      if (open && !open.streamed) appendArguments(open, stringAt(type.startsWith('response.custom') ? event.input : event.arguments) ?? '', out);
      break;
    }
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_text.delta': {
      const open = openFor(state, event, 'reasoning', out);
      const kind = type === 'response.reasoning_text.delta' ? 'text' : 'summary';
      if (open) appendReasoning(open, delta, kind, numberAt(event.summary_index), out);
      break;
    }
    case 'response.completed':
    case 'response.incomplete':
      complete(state, event, type, out);
      break;
    case 'response.failed':
      out.push(decodeFailedResponse(record(event.response)));
      state.ended = true;
      break;
    case 'error':
      // The `response.failed` that follows is ignored: one hub error per stream.
      out.push(decodeErrorEvent(event));
      state.ended = true;
      break;
    default:
      // Lifecycle (created, in_progress, queued), *.done and part events, and types newer than this code.
      break;
  }
  return out;
}

export function openaiResponsesStreamReducer(request: HubRequest): Reducer<SseMessage, HubEvent, ResponsesStreamState> {
  return {
    init: () => ({ started: false, ended: false, blocks: 0, toolCalls: 0, seen: new Set<string>() }),
    step: (state, message) => step(state, request, message),
    finish(state) {
      if (state.ended) return [];
      const out: HubEvent[] = [];
      start(state, request, {}, out);
      out.push({ type: 'error', status: 502, message: 'upstream stream ended early' });
      state.ended = true;
      return out;
    },
  };
}
