// Hub events → Responses SSE for Responses clients (Codex CLI, openai-node `responses.stream()`,
// the AI SDK): `event: <type>` + `data: {type, sequence_number, …}` with sequence numbers from 0,
// `response.created` and `response.in_progress` first, each output item's full lifecycle
// (stream-encoder-items.ts), and one terminal event whose response is what encodeResponse
// returns for the same answer: `response.completed`, or `response.incomplete` (output limit,
// filter), or `response.failed`. A hub error becomes `error` + `response.failed` (Codex reads
// the code from the latter). No [DONE]: Responses streams end after the terminal event. Every
// event's `response` carries all of encodeResponse's fields (the request's settings included);
// `completed_at` is set on `response.completed` only.
// https://platform.openai.com/docs/api-reference/responses-streaming
import { nowSeconds } from '../../hub/mint-id.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubFinishReason, HubResponse, HubUsage } from '../../hub/hub-response.ts';
import { Warnings } from '../../hub/warnings.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseFrame } from '../../stream/sse.ts';
import { toResponsesUsage } from './convert-usage.ts';
import { encodeResponse, responseIds } from './encode-response.ts';
import { toResponsesEnding } from './map-finish-reason.ts';
import { responsesErrorCode } from './stream-error.ts';
import {
  closeMessage,
  emit,
  type EncoderItemsState,
  outputSoFar,
  reasoningDelta,
  reasoningEnd,
  reasoningStart,
  textDelta,
  textEnd,
  toolDelta,
  toolEnd,
  toolStart,
} from './stream-encoder-items.ts';

export interface ResponsesEncoderState extends EncoderItemsState {
  /** The hub's response-start; undefined until it came. */
  answer?: { id: string; model: string; created: number };
  usage?: HubUsage;
  ended: boolean;
}

/** The response object of lifecycle events, built by encodeResponse so stream and whole answer agree field for field. */
function responseObject(state: ResponsesEncoderState, request: HubRequest, finishReason: HubFinishReason, stopSequence?: string): Record<string, unknown> {
  const answer = state.answer ?? { id: '', model: request.model, created: 0 };
  const hub: HubResponse = { ...answer, output: [], finishReason, usage: state.usage ?? { input: 0, output: 0 }, ...(stopSequence === undefined ? {} : { stopSequence }) };
  return { ...encodeResponse(hub, request, state.warnings), output: state.items };
}

function start(state: ResponsesEncoderState, request: HubRequest, answer: NonNullable<ResponsesEncoderState['answer']>, out: SseFrame[]): void {
  state.answer = answer;
  state.idBase = responseIds(answer).idBase;
  // Nothing is complete yet: no completion time, no usage.
  const response = { ...responseObject(state, request, { unified: 'stop' }), status: 'in_progress', completed_at: null, usage: null };
  emit(state, out, 'response.created', { response });
  emit(state, out, 'response.in_progress', { response });
}

function finish(state: ResponsesEncoderState, request: HubRequest, event: Extract<HubEvent, { type: 'finish' }>, out: SseFrame[]): void {
  const { status } = toResponsesEnding(event.finishReason);
  closeMessage(state, out, status === 'incomplete' ? 'incomplete' : 'completed');
  const type = status === 'incomplete' ? 'response.incomplete' : status === 'failed' ? 'response.failed' : 'response.completed';
  emit(state, out, type, { response: responseObject(state, request, event.finishReason, event.stopSequence) });
}

function fail(state: ResponsesEncoderState, request: HubRequest, event: Extract<HubEvent, { type: 'error' }>, out: SseFrame[]): void {
  const code = responsesErrorCode(event);
  emit(state, out, 'error', { code, message: event.message, param: null });
  const response = {
    ...responseObject(state, request, { unified: 'error' }),
    status: 'failed',
    error: { code, message: event.message },
    output: outputSoFar(state),
    usage: state.usage ? toResponsesUsage(state.usage) : null,
  };
  emit(state, out, 'response.failed', { response });
}

/** Ends a block the hub left open at its finish (the rules forbid it; the client still gets whole items). */
function closeBlock(state: ResponsesEncoderState, out: SseFrame[]): void {
  const block = state.block;
  state.block = undefined;
  if (block?.kind === 'tool') toolEnd(state, out, block, { type: 'tool-call-end', block: block.name });
  else if (block?.kind === 'reasoning') reasoningEnd(state, out, block, { type: 'reasoning-end', block: block.name });
  else if (block?.kind === 'text') textEnd(state, out);
}

function step(state: ResponsesEncoderState, request: HubRequest, event: HubEvent): SseFrame[] {
  if (state.ended) return [];
  const out: SseFrame[] = [];
  if (event.type === 'response-start') {
    if (!state.answer) start(state, request, { id: event.id, model: event.model, created: event.created }, out);
    return out;
  }
  // The rules put response-start first; should it be missing, the client still gets a whole lifecycle.
  if (!state.answer) start(state, request, { id: '', model: request.model, created: nowSeconds() }, out);
  const block = state.block;
  switch (event.type) {
    case 'text-start':
      closeBlock(state, out);
      state.block = { kind: 'text', name: event.block };
      break;
    case 'text-delta':
      if (block?.kind === 'text' && block.name === event.block) textDelta(state, out, event.delta);
      break;
    case 'tool-call-start':
      closeBlock(state, out);
      state.block = toolStart(state, out, event);
      break;
    case 'tool-call-delta':
      if (block?.kind === 'tool' && block.name === event.block) toolDelta(state, out, block, event.delta);
      break;
    case 'reasoning-start':
      closeBlock(state, out);
      state.block = reasoningStart(state, out, event);
      break;
    case 'reasoning-delta':
      if (block?.kind === 'reasoning' && block.name === event.block) reasoningDelta(state, out, block, event);
      break;
    case 'text-end':
    case 'tool-call-end':
    case 'reasoning-end':
      if (block?.name !== event.block) break;
      state.block = undefined;
      if (block.kind === 'text') textEnd(state, out);
      else if (block.kind === 'tool' && event.type === 'tool-call-end') toolEnd(state, out, block, event);
      else if (block.kind === 'reasoning' && event.type === 'reasoning-end') reasoningEnd(state, out, block, event);
      break;
    case 'usage':
      state.usage = event.usage;
      break;
    case 'finish':
      closeBlock(state, out);
      finish(state, request, event, out);
      state.ended = true;
      break;
    case 'error':
      fail(state, request, event, out);
      state.ended = true;
      break;
  }
  return out;
}

export function openaiResponsesStreamEncoder(request: HubRequest): Reducer<HubEvent, SseFrame, ResponsesEncoderState> {
  return {
    init: () => ({ seq: 0, idBase: '', items: [], warnings: new Warnings(), ended: false }),
    step: (state, event) => step(state, request, event),
    // The stream's end is the lead's to handle (a hub stream always ends in finish or error).
    finish: () => [],
  };
}
