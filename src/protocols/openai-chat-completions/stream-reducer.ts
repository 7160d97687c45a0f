// A Chat upstream's SSE (`data: <chat.completion.chunk>` … `data: [DONE]`) → hub events.
// The finish is held until the end: with `stream_options.include_usage` the usage chunk
// (`choices: []`) comes AFTER the chunk with `finish_reason`, and the hub wants usage before
// `finish`. [DONE] ends the answer; so does EOF after a finish_reason (many Chat-compatible
// servers never send [DONE]); EOF with neither is a truncated stream and ends in an error.
// Finish reasons and usage go through the same tables as a non-streamed answer.
// https://platform.openai.com/docs/api-reference/chat-streaming
import { mintId, nowSeconds } from '../../hub/mint-id.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseMessage } from '../../stream/sse-parser.ts';
import { isRecord, type JsonObject, numberAt, parseEventObject, recordsAt, stringAt } from '../read-json.ts';
import { decodeStreamError } from './decode-stream-error.ts';
import { decodeUsage } from './convert-usage.ts';
import { rec } from './json-objects.ts';
import { decodeFinishReason } from './map-finish-reason.ts';
import { applyReasoning } from './stream-reasoning.ts';
import { appendText, type ChatStreamState, closeOpen, initialState } from './stream-state.ts';
import { applyToolCalls } from './stream-tool-calls.ts';

export type { ChatStreamState } from './stream-state.ts';


/** Delta text: a string, or (some Chat-compatible servers) an array of text parts. */
function deltaText(content: unknown): string {
  if (typeof content === 'string') return content;
  return recordsAt(content).map((part) => (part.type === 'text' ? stringAt(part.text) ?? '' : '')).join('');
}

function start(state: ChatStreamState, request: HubRequest, chunk: JsonObject, out: HubEvent[]): void {
  if (state.started) return;
  state.started = true;
  out.push({
    type: 'response-start',
    id: stringAt(chunk.id) || mintId('chatcmpl-'),
    model: stringAt(chunk.model) || request.model,
    created: numberAt(chunk.created) || nowSeconds(),
  });
}

function fail(state: ChatStreamState, request: HubRequest, error: Extract<HubEvent, { type: 'error' }>): HubEvent[] {
  const out: HubEvent[] = [];
  start(state, request, {}, out);
  out.push(error);
  state.ended = true;
  return out;
}

/** The answer is complete: end the open block, then the one `finish`. */
function complete(state: ChatStreamState, request: HubRequest): HubEvent[] {
  const out: HubEvent[] = [];
  start(state, request, {}, out);
  closeOpen(state, out);
  out.push({ type: 'finish', finishReason: decodeFinishReason(state.finishReason, state.calls.length) });
  state.ended = true;
  return out;
}

/**
 * choices[0] of one chunk, in the order a non-streamed answer lists its output: reasoning, text,
 * refusal, tool calls. Returns false when the chunk ended the stream with an error.
 */
function applyChoice(state: ChatStreamState, choice: JsonObject, out: HubEvent[]): boolean {
  const delta = rec(choice.delta);
  applyReasoning(state, delta, out);
  appendText(state, deltaText(delta.content), out);
  // The hub has no refusal event: a streamed refusal reaches the client as text.
  appendText(state, stringAt(delta.refusal) ?? '', out);
  const toolError = applyToolCalls(state, delta, out);
  if (toolError) {
    out.push({ type: 'error', status: 502, message: toolError.message });
    state.ended = true;
    return false;
  }
  const finish = stringAt(choice.finish_reason);
  if (finish) {
    state.finishReason = finish;
    // Nothing more comes for this choice: end the block now, the finish waits for usage and [DONE].
    closeOpen(state, out);
  }
  return true;
}

function step(state: ChatStreamState, request: HubRequest, message: SseMessage): HubEvent[] {
  if (state.ended) return [];
  const data = message.data.trim();
  if (data === '[DONE]') return complete(state, request);
  const chunk = parseEventObject(data);
  if (message.event === 'error') return fail(state, request, decodeStreamError(chunk ?? data));
  if (!chunk) return [];
  if (chunk.error !== undefined && chunk.error !== null) return fail(state, request, decodeStreamError(chunk));
  const choices = recordsAt(chunk.choices);
  // A chunk with no choice and no usage says nothing: a proxy's heartbeat object, or Azure's
  // first chunk (`prompt_filter_results`, empty id and model, created 0) that must not name the answer.
  if (choices.length === 0 && !isRecord(chunk.usage)) return [];

  const out: HubEvent[] = [];
  start(state, request, chunk, out);
  // The hub holds one answer: choices other than index 0 (`n` > 1) are not followed.
  const choice = choices.find((c) => (numberAt(c.index) ?? 0) === 0);
  if (choice && !applyChoice(state, choice, out)) return out;
  if (isRecord(chunk.usage)) out.push({ type: 'usage', usage: decodeUsage(chunk.usage) });
  return out;
}

function finish(state: ChatStreamState, request: HubRequest): HubEvent[] {
  if (state.ended) return [];
  if (state.finishReason !== undefined) return complete(state, request);
  return fail(state, request, { type: 'error', status: 502, message: 'upstream stream ended early' });
}

export function chatStreamReducer(request: HubRequest): Reducer<SseMessage, HubEvent, ChatStreamState> {
  return {
    init: initialState,
    step: (state, message) => step(state, request, message),
    finish: (state) => finish(state, request),
  };
}
