// Claude Messages SSE from an upstream → hub events
// (https://docs.anthropic.com/en/docs/build-with-claude/streaming). The upstream already
// streams one block at a time (content_block_start → deltas → content_block_stop), so blocks
// map one to one; server-tool blocks (server_tool_use, *_tool_result) run on Anthropic's side,
// have no hub twin and are skipped with their deltas (streams have no warnings channel).
// Usage is split: message_start has input and cache counts, message_delta the cumulative
// output (and sometimes input/cache again), so both are merged before conversion.
import { mintId, nowSeconds } from '../../hub/mint-id.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import { isRecord, type JsonObject, parseEventObject, stringAt } from '../read-json.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseMessage } from '../../stream/sse-parser.ts';
import { fromClaudeUsage } from './convert-usage.ts';
import { fromClaudeStopReason } from './map-finish-reason.ts';
import { statusOfClaudeErrorType } from './map-stream-error.ts';
import { blockDelta, blockEnd, type OpenBlock, startBlock } from './stream-reducer-blocks.ts';

export interface ClaudeReducerState {
  started: boolean;
  /** A finish or an error went out: whatever the upstream sends after it is ignored. */
  ended: boolean;
  /** Blocks started so far; names hub blocks, so they stay unique even if an index repeats. */
  blocks: number;
  open: OpenBlock | undefined;
  /** message_start usage with message_delta usage merged over it (raw Anthropic fields). */
  usage: JsonObject | undefined;
  stopReason: string | undefined;
  stopSequence: string | undefined;
  toolCalls: number;
}


/** A made-up start for an upstream that sent content before (or without) message_start. */
function ensureStarted(state: ClaudeReducerState, request: HubRequest, out: HubEvent[]): void {
  if (state.started) return;
  state.started = true;
  out.push({ type: 'response-start', id: mintId('msg_'), model: request.model, created: nowSeconds() });
}

function closeOpen(state: ClaudeReducerState, out: HubEvent[]): void {
  if (state.open) out.push(...blockEnd(state.open));
  state.open = undefined;
}

/**
 * A refusal's explanation arrives only in message_delta's stop_details (the JSON answer's
 * decodeResponse reads the same field). The hub has no refusal event, so, as the Chat and
 * Responses reducers do with a streamed refusal, it reaches the client as a text block.
 * https://docs.anthropic.com/en/api/messages (stop_details)
 */
function refusalText(state: ClaudeReducerState, details: unknown, out: HubEvent[]): void {
  if (!isRecord(details) || details.type !== 'refusal') return;
  const explanation = stringAt(details.explanation);
  if (explanation === undefined || explanation === '') return;
  closeOpen(state, out);
  const block = `b${state.blocks++}`;
  out.push({ type: 'text-start', block }, { type: 'text-delta', block, delta: explanation }, { type: 'text-end', block });
}

/** Merges a usage object over what is known; null or missing fields keep the earlier value. */
function mergeUsage(state: ClaudeReducerState, raw: unknown, out: HubEvent[]): void {
  if (!isRecord(raw)) return;
  const merged: JsonObject = { ...state.usage };
  for (const [key, value] of Object.entries(raw)) if (value !== null && value !== undefined) merged[key] = value;
  state.usage = merged;
  out.push({ type: 'usage', usage: fromClaudeUsage(merged) });
}

function errorEvent(state: ClaudeReducerState, data: JsonObject | undefined, raw: string): HubEvent {
  state.ended = true;
  const error = isRecord(data?.error) ? data.error : undefined;
  const type = stringAt(error?.type);
  const message = stringAt(error?.message) ?? (raw.trim() || 'The Claude upstream sent an error event without a message.');
  return type === undefined ? { type: 'error', status: 500, message } : { type: 'error', status: statusOfClaudeErrorType(type), message, code: type };
}

function messageStart(state: ClaudeReducerState, data: JsonObject, request: HubRequest, out: HubEvent[]): void {
  if (state.started) return;
  const message = isRecord(data.message) ? data.message : {};
  state.started = true;
  out.push({
    type: 'response-start',
    id: stringAt(message.id) ?? mintId('msg_'),
    model: stringAt(message.model) ?? request.model,
    // Claude messages carry no timestamp; the hub's `created` is when the answer started.
    created: nowSeconds(),
  });
  mergeUsage(state, message.usage, out);
}

function finish(state: ClaudeReducerState, request: HubRequest, out: HubEvent[]): void {
  ensureStarted(state, request, out);
  closeOpen(state, out);
  state.ended = true;
  const event: HubEvent = { type: 'finish', finishReason: fromClaudeStopReason(state.stopReason, state.toolCalls) };
  if (state.stopSequence !== undefined) event.stopSequence = state.stopSequence;
  out.push(event);
}

function step(state: ClaudeReducerState, message: SseMessage, request: HubRequest): HubEvent[] {
  if (state.ended) return [];
  const data = parseEventObject(message.data);
  const type = stringAt(data?.type) ?? message.event;
  if (type === 'error' || message.event === 'error') return [errorEvent(state, data, message.data)];
  // Unparseable data and unknown event types are skipped, never fatal: Anthropic adds new ones.
  // https://docs.anthropic.com/en/docs/build-with-claude/streaming#other-events
  if (data === undefined) return [];
  const out: HubEvent[] = [];
  switch (type) {
    case 'message_start':
      messageStart(state, data, request, out);
      break;
    case 'content_block_start': {
      ensureStarted(state, request, out);
      closeOpen(state, out);
      const block = isRecord(data.content_block) ? data.content_block : {};
      state.open = startBlock(data.index, block, `b${state.blocks++}`, out);
      if (state.open.kind === 'tool') state.toolCalls += 1;
      break;
    }
    case 'content_block_delta':
      // Deltas for another index belong to a skipped or already closed block.
      if (state.open && state.open.index === data.index && isRecord(data.delta)) out.push(...blockDelta(state.open, data.delta));
      break;
    case 'content_block_stop':
      if (state.open && state.open.index === data.index) closeOpen(state, out);
      break;
    case 'message_delta': {
      ensureStarted(state, request, out);
      const delta = isRecord(data.delta) ? data.delta : {};
      state.stopReason = stringAt(delta.stop_reason) ?? state.stopReason;
      state.stopSequence = stringAt(delta.stop_sequence) ?? state.stopSequence;
      refusalText(state, delta.stop_details, out);
      mergeUsage(state, data.usage, out);
      break;
    }
    case 'message_stop':
      finish(state, request, out);
      break;
    default:
      // ping and event types newer than this code.
      break;
  }
  return out;
}

export function claudeStreamReducer(request: HubRequest): Reducer<SseMessage, HubEvent, ClaudeReducerState> {
  return {
    init: () => ({ started: false, ended: false, blocks: 0, open: undefined, usage: undefined, stopReason: undefined, stopSequence: undefined, toolCalls: 0 }),
    step: (state, message) => step(state, message, request),
    // Without message_stop the answer may be cut anywhere: an error, never a finish that looks complete.
    finish: (state) => (state.ended ? [] : [{ type: 'error', status: 502, message: 'upstream stream ended early' }]),
  };
}
