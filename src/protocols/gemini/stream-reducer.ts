// Upstream: Gemini `:streamGenerateContent?alt=sse` → hub events. Every SSE message is a whole
// GenerateContentResponse holding only the NEW parts, cumulative usageMetadata, and finishReason
// on the last candidate chunk; there is no end marker besides that finishReason, so a stream
// that ends without one was cut off (Gemini CLI treats it as broken too).
// Parts map as decodeResponse maps them, so a streamed and a non-streamed answer give the same
// hub output: text → text block (chunks continue it), `thought:true` → reasoning (summary),
// a signature on an answer part → a signature-only reasoning block in place, `functionCall`
// (always whole) → one tool call with a single argument delta.
// https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
import { mintId, nowSeconds } from '../../hub/mint-id.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import { streamError } from './stream-error.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import { newToolCallId } from '../../hub/tool-call-id.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseMessage } from '../../stream/sse-parser.ts';
import { isRecord, numberAt, parseEventData, recordsAt, stringAt, type JsonObject } from '../read-json.ts';
import { decodeUsage } from './convert-usage.ts';
import { mapGeminiFinishReason } from './map-finish-reason.ts';

export interface GeminiReducerState {
  started: boolean;
  /** An error or the end was emitted: nothing may follow. */
  closed: boolean;
  open?: { block: string; kind: 'text' | 'reasoning' };
  blocks: number;
  toolCalls: number;
  finishReason?: string;
  blockReason?: string;
  /** The last usageMetadata sent, as JSON: every chunk repeats it, a hub `usage` only when it changed. */
  usageKey?: string;
}


function endOpen(state: GeminiReducerState, out: HubEvent[]): void {
  const open = state.open;
  if (!open) return;
  out.push(open.kind === 'text' ? { type: 'text-end', block: open.block } : { type: 'reasoning-end', block: open.block });
  state.open = undefined;
}

/** The open block of `kind`, or a fresh one after ending whatever else was open. */
function openBlock(state: GeminiReducerState, kind: 'text' | 'reasoning', out: HubEvent[]): string {
  if (state.open?.kind === kind) return state.open.block;
  endOpen(state, out);
  const block = `b${state.blocks++}`;
  out.push(kind === 'text' ? { type: 'text-start', block } : { type: 'reasoning-start', block, origin: 'gemini' });
  state.open = { block, kind };
  return block;
}

function readPart(state: GeminiReducerState, part: JsonObject, out: HubEvent[]): void {
  const signature = stringAt(part.thoughtSignature) || undefined;
  const text = stringAt(part.text);
  if (isRecord(part.functionCall)) {
    const call = part.functionCall;
    endOpen(state, out);
    const block = `b${state.blocks++}`;
    state.toolCalls += 1;
    // Gemini 2.x sends no id; the client needs one to answer the call.
    out.push({ type: 'tool-call-start', block, id: stringAt(call.id) ?? newToolCallId(), name: stringAt(call.name) ?? '' });
    out.push({ type: 'tool-call-delta', block, delta: JSON.stringify(isRecord(call.args) ? call.args : {}) });
    out.push({ type: 'tool-call-end', block, ...(signature ? { signature: { origin: 'gemini' as const, value: signature } } : {}) });
  } else if (text !== undefined && part.thought === true) {
    const block = text !== '' || signature ? openBlock(state, 'reasoning', out) : undefined;
    if (block !== undefined && text !== '') out.push({ type: 'reasoning-delta', block, delta: text, kind: 'summary' });
    // A signed thought part is one whole item in decodeResponse: the signature closes its block.
    if (block !== undefined && signature) {
      out.push({ type: 'reasoning-end', block, signature });
      state.open = undefined;
    }
  } else {
    // A signature on an answer part closes the reasoning before it: a block of its own, in place.
    if (signature) {
      endOpen(state, out);
      const block = `b${state.blocks++}`;
      out.push({ type: 'reasoning-start', block, origin: 'gemini' }, { type: 'reasoning-end', block, signature });
    }
    // Parts with no twin (inlineData, executableCode, …) are skipped and, as in decodeResponse,
    // do not split the text around them.
    if (text !== undefined && text !== '') out.push({ type: 'text-delta', block: openBlock(state, 'text', out), delta: text });
  }
}

function readChunk(state: GeminiReducerState, chunk: JsonObject, request: HubRequest, out: HubEvent[]): void {
  if (isRecord(chunk.error)) {
    out.push(streamError(chunk.error));
    state.closed = true;
    return;
  }
  if (!state.started) {
    state.started = true;
    out.push({
      type: 'response-start',
      id: stringAt(chunk.responseId) ?? mintId('gemini-'),
      model: stringAt(chunk.modelVersion) ?? request.model,
      created: nowSeconds(), // Gemini answers carry no timestamp
    });
  }
  // Usage before this chunk's parts: an encoder holding its start for input tokens (Claude) gets them early.
  if (chunk.usageMetadata !== undefined) {
    const key = JSON.stringify(chunk.usageMetadata);
    if (key !== state.usageKey) {
      state.usageKey = key;
      out.push({ type: 'usage', usage: decodeUsage(chunk.usageMetadata) });
    }
  }
  const blockReason = isRecord(chunk.promptFeedback) ? stringAt(chunk.promptFeedback.blockReason) : undefined;
  if (blockReason) state.blockReason = blockReason;
  // Only the first candidate is converted (as in decodeResponse); candidateCount > 1 is not streamed.
  const candidate = recordsAt(chunk.candidates)[0];
  if (!candidate) return;
  const content = isRecord(candidate.content) ? candidate.content : {};
  for (const part of recordsAt(content.parts)) readPart(state, part, out);
  const finishReason = stringAt(candidate.finishReason);
  if (finishReason) state.finishReason = finishReason;
}

export function geminiStreamReducer(request: HubRequest): Reducer<SseMessage, HubEvent, GeminiReducerState> {
  return {
    init: () => ({ started: false, closed: false, blocks: 0, toolCalls: 0 }),
    step(state, message) {
      if (state.closed) return [];
      const body = parseEventData(message.data);
      // Without alt=sse Gemini streams one JSON array; read it too rather than drop an answer.
      const chunks = Array.isArray(body) ? body.filter(isRecord) : isRecord(body) ? [body] : [];
      const out: HubEvent[] = [];
      for (const chunk of chunks) {
        readChunk(state, chunk, request, out);
        if (state.closed) break;
      }
      return out;
    },
    // The finish waits for the end of the body: a usage-only chunk may still follow finishReason.
    finish(state) {
      if (state.closed) return [];
      state.closed = true;
      if (!state.started || (state.finishReason === undefined && state.blockReason === undefined)) {
        return [{ type: 'error', status: 502, message: 'upstream stream ended early' }];
      }
      const out: HubEvent[] = [];
      endOpen(state, out);
      const finishReason = state.finishReason !== undefined
        ? mapGeminiFinishReason(state.finishReason, state.toolCalls)
        : { unified: 'content-filter' as const, raw: `blockReason:${state.blockReason}` };
      out.push({ type: 'finish', finishReason });
      return out;
    },
  };
}
