// Hub events → Claude Messages SSE for a Claude client, in the exact order the Anthropic SDK's
// MessageStream and Claude Code rely on: message_start first, with
// `content: []` and the input tokens already known; blocks indexed 0..n in push order, each
// started, filled and stopped before the next; message_delta with the stop reason and final
// cumulative usage; message_stop. The SDK accumulates by array position
// (`snapshot.content.at(index)`), so an index is assigned only when a block is really sent.
import { mintId } from '../../hub/mint-id.ts';
import { roughInputTokens } from '../../hub/estimate-tokens.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubUsage } from '../../hub/hub-response.ts';
import { Warnings } from '../../hub/warnings.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseFrame } from '../../stream/sse.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { toClaudeUsage } from './convert-usage.ts';
import { claudeStopDetails, toClaudeMessageId } from './encode-response.ts';
import { toClaudeStopReason } from './map-finish-reason.ts';
import { claudeErrorFrame } from './stream-ending.ts';
import { blockDelta, blockEnd, blockStart, type EncodedBlock, frame } from './stream-encoder-blocks.ts';

export interface ClaudeEncoderState {
  /** idle: nothing seen; held: response-start seen, message_start waits for usage or a block; streaming; closed. */
  phase: 'idle' | 'held' | 'streaming' | 'closed';
  id: string;
  model: string;
  usage: HubUsage | undefined;
  nextIndex: number;
  open: EncodedBlock | undefined;
  toolCalls: number;
  /** The request's input tokens, estimated locally (only asked for when the upstream has not said yet). */
  estimateInput: () => number;
}

/** Before any usage is known the counts are 0; message_delta carries the real ones. */
function usageNow(state: ClaudeEncoderState): Schemas['Usage'] {
  return state.usage ? toClaudeUsage(state.usage) : { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

/**
 * message_start's usage: the upstream's when it has reported some (Claude, Gemini); else a local
 * estimate of the input (Chat and Responses report usage only at the end, and LangChain reads
 * input tokens only here, Claude Code its context meter). message_delta carries the exact numbers.
 */
function startUsage(state: ClaudeEncoderState): Schemas['Usage'] {
  if (state.usage) return toClaudeUsage(state.usage);
  return { input_tokens: state.estimateInput(), output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

function startMessage(state: ClaudeEncoderState, out: SseFrame[]): void {
  if (state.phase === 'streaming' || state.phase === 'closed') return;
  state.phase = 'streaming';
  const event: Schemas['MessageStartEvent'] = {
    type: 'message_start',
    message: { id: state.id, type: 'message', role: 'assistant', model: state.model, content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: startUsage(state) },
  };
  out.push(frame(event));
}

/** The next block index, sending message_start first if it has not gone out yet. */
function nextIndex(state: ClaudeEncoderState, out: SseFrame[]): number {
  startMessage(state, out);
  return state.nextIndex++;
}

function closeOpen(state: ClaudeEncoderState, out: SseFrame[]): void {
  if (state.open) blockEnd(state.open, () => nextIndex(state, out), out);
  state.open = undefined;
}

function finishMessage(state: ClaudeEncoderState, event: Extract<HubEvent, { type: 'finish' }>, out: SseFrame[]): void {
  startMessage(state, out);
  closeOpen(state, out);
  const usage = usageNow(state);
  // Streams have no warnings channel; the non-streamed answer reports the same mapping.
  const stopReason = toClaudeStopReason(event.finishReason, event.stopSequence, state.toolCalls, new Warnings());
  const delta: Schemas['MessageDeltaEvent'] = {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: event.stopSequence ?? null, stop_details: claudeStopDetails(stopReason) },
    usage: {
      output_tokens: usage.output_tokens,
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: usage.cache_read_input_tokens ?? 0,
    },
  };
  out.push(frame(delta), frame({ type: 'message_stop' }));
  state.phase = 'closed';
}

function errorFrame(status: number, message: string): SseFrame {
  return claudeErrorFrame({ status, message });
}

function step(state: ClaudeEncoderState, event: HubEvent, request: HubRequest): SseFrame[] {
  if (state.phase === 'closed') return [];
  const out: SseFrame[] = [];
  if (state.phase === 'idle') {
    // A hub stream keeps response-start first; should one not, the request's model stands in.
    state.phase = 'held';
    state.id = toClaudeMessageId(event.type === 'response-start' ? event.id : mintId(''));
    state.model = event.type === 'response-start' ? event.model : request.model;
  }
  switch (event.type) {
    case 'response-start':
      break;
    case 'usage':
      state.usage = event.usage;
      // The first usage is what message_start was held for (real input tokens for Claude Code).
      if (state.phase === 'held') startMessage(state, out);
      break;
    case 'finish':
      finishMessage(state, event, out);
      break;
    case 'error':
      out.push(errorFrame(event.status, event.message));
      state.phase = 'closed';
      break;
    case 'text-start':
    case 'reasoning-start':
    case 'tool-call-start': {
      closeOpen(state, out);
      state.open = blockStart(event, () => nextIndex(state, out), out);
      if (state.open.kind === 'tool') state.toolCalls += 1;
      break;
    }
    case 'text-delta':
    case 'reasoning-delta':
    case 'tool-call-delta':
      if (state.open?.block === event.block) blockDelta(state.open, event, () => nextIndex(state, out), out);
      break;
    case 'text-end':
    case 'reasoning-end':
    case 'tool-call-end':
      if (state.open?.block === event.block) {
        blockEnd(state.open, () => nextIndex(state, out), out, event);
        state.open = undefined;
      }
      break;
  }
  return out;
}

export function claudeStreamEncoder(request: HubRequest): Reducer<HubEvent, SseFrame, ClaudeEncoderState> {
  return {
    init: () => ({ phase: 'idle', id: '', model: '', usage: undefined, nextIndex: 0, open: undefined, toolCalls: 0, estimateInput: () => roughInputTokens(request) }),
    step: (state, event) => step(state, event, request),
    // Hub streams end in finish or error; one that just stops must not look finished to the client.
    finish: (state) => (state.phase === 'closed' ? [] : [errorFrame(502, 'upstream stream ended early')]),
  };
}
