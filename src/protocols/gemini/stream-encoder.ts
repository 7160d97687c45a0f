// Inbound: hub events → Gemini `alt=sse` frames, each `data: <GenerateContentResponse>` holding
// only the new parts (no event names, no [DONE]), as Google streams them: text deltas → `{text}`,
// reasoning → `{text, thought:true}`, a tool call WHOLE once its arguments are complete (Gemini
// clients never see argument fragments). `modelVersion` and `responseId` ride on every frame,
// the cumulative `usageMetadata` on every frame once known; the last frame always carries
// `finishReason` and `usageMetadata` (Gemini CLI retries a stream whose last chunk has none).
// Parts are shaped as encodeResponse shapes them, so the SDK's accumulated answer equals the
// non-stream one. https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
import { mintId } from '../../hub/mint-id.ts';
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubFinishReason } from '../../hub/hub-response.ts';
import { Warnings } from '../../hub/warnings.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseFrame } from '../../stream/sse.ts';
import type { ProtocolId } from '../protocol-id.ts';
import { encodeUsage } from './convert-usage.ts';
import { encodeCall } from './encode-contents.ts';
import { toGeminiFinishReason } from './map-finish-reason.ts';
import { geminiErrorFrame } from './stream-ending.ts';

type Part = Schemas['Part'];
type Body = Schemas['GenerateContentResponse'];
const BLOCKED = 'blockReason:';

type OpenBlock =
  | { kind: 'text' }
  | { kind: 'reasoning'; origin: ProtocolId; hasText: boolean }
  | { kind: 'tool'; id: string; name: string; custom: boolean; args: string };

export interface GeminiEncoderState {
  id: string;
  model: string;
  blocks: Map<string, OpenBlock>;
  usageMetadata?: Schemas['UsageMetadata'];
  /** A Gemini signature known before the part it belongs on (it rides on the next answer part). */
  pendingSignature?: string;
  /** Any part other than the closing one went out (a blocked prompt keeps Gemini's no-candidate shape). */
  sentParts: boolean;
  ended: boolean;
  /** Drops have no header to reach once the stream has started; kept for parity with encodeResponse. */
  warnings: Warnings;
}

function frame(state: GeminiEncoderState, candidate?: Schemas['Candidate'], extra: Body = {}): SseFrame {
  const body: Body = {
    ...(candidate ? { candidates: [candidate] } : {}),
    ...extra,
    ...(state.usageMetadata ? { usageMetadata: state.usageMetadata } : {}),
    modelVersion: state.model,
    responseId: state.id,
  };
  return { data: JSON.stringify(body) };
}

/** One frame with one new part; a pending signature rides on it unless it carries its own. */
function partFrame(state: GeminiEncoderState, part: Part, answerPart = true): SseFrame {
  if (answerPart && state.pendingSignature && part.thoughtSignature === undefined) {
    part.thoughtSignature = state.pendingSignature;
    state.pendingSignature = undefined;
  }
  state.sentParts = true;
  return frame(state, { content: { role: 'model', parts: [part] }, index: 0 });
}

function errorFrame(status: number, message: string): SseFrame {
  return geminiErrorFrame({ status, message });
}

function finishFrame(state: GeminiEncoderState, finish: HubFinishReason): SseFrame {
  state.usageMetadata ??= encodeUsage({ input: 0, output: 0 }, state.warnings);
  const raw = finish.raw;
  // A prompt blocked before any answer keeps Gemini's own shape: no candidates, promptFeedback.
  if (raw?.startsWith(BLOCKED) && !state.sentParts && !state.pendingSignature) {
    return frame(state, undefined, { promptFeedback: { blockReason: raw.slice(BLOCKED.length) } });
  }
  // A signature still pending rides on an empty text part, as Gemini itself sends it; without
  // one, the last frame's content has no parts: an empty text part would be echoed back by
  // clients and read as a turn of its own, and no content at all makes LangChain skip the
  // frame, usage included.
  const signature = state.pendingSignature;
  state.pendingSignature = undefined;
  const parts: Part[] = signature ? [{ text: '', thoughtSignature: signature }] : [];
  return frame(state, { content: { role: 'model', parts }, finishReason: toGeminiFinishReason(finish), index: 0 });
}

function step(state: GeminiEncoderState, event: HubEvent): SseFrame[] {
  if (state.ended) return [];
  switch (event.type) {
    case 'response-start':
      state.id = event.id;
      state.model = event.model;
      return [];
    case 'usage':
      state.usageMetadata = encodeUsage(event.usage, state.warnings);
      return [];
    case 'text-start':
      state.blocks.set(event.block, { kind: 'text' });
      return [];
    case 'text-delta':
      return event.delta === '' ? [] : [partFrame(state, { text: event.delta })];
    case 'reasoning-start':
      state.blocks.set(event.block, { kind: 'reasoning', origin: event.origin, hasText: false });
      return [];
    case 'reasoning-delta': {
      const block = state.blocks.get(event.block);
      if (block?.kind === 'reasoning') block.hasText = true;
      // Foreign reasoning text is shown to Gemini clients as thoughts too, as encodeResponse does.
      return event.delta === '' ? [] : [partFrame(state, { text: event.delta, thought: true }, false)];
    }
    case 'reasoning-end': {
      const block = state.blocks.get(event.block);
      state.blocks.delete(event.block);
      // Only a Gemini-issued signature is valid for a Gemini client; foreign opaque state is dropped.
      if (block?.kind !== 'reasoning' || block.origin !== 'gemini' || !event.signature) return [];
      // After thought text the signature belongs to that thought (encodeResponse: one signed thought part);
      // a signature-only block belongs on the next answer part.
      if (block.hasText) return [partFrame(state, { text: '', thought: true, thoughtSignature: event.signature }, false)];
      state.pendingSignature = event.signature;
      return [];
    }
    case 'tool-call-start':
      state.blocks.set(event.block, { kind: 'tool', id: event.id, name: event.name, custom: event.custom === true, args: '' });
      return [];
    case 'tool-call-delta': {
      const block = state.blocks.get(event.block);
      if (block?.kind === 'tool') block.args += event.delta;
      return [];
    }
    case 'tool-call-end': {
      const block = state.blocks.get(event.block);
      state.blocks.delete(event.block);
      if (block?.kind !== 'tool') return [];
      const call = { id: block.id, name: block.name, arguments: block.args, ...(block.custom ? { custom: true } : {}), ...(event.signature ? { signature: event.signature } : {}) };
      return [partFrame(state, encodeCall(call, state.warnings))];
    }
    case 'text-end':
      state.blocks.delete(event.block);
      return [];
    case 'finish':
      state.ended = true;
      return [finishFrame(state, event.finishReason)];
    case 'error':
      state.ended = true;
      return [errorFrame(event.status, event.message)];
  }
}

export function geminiStreamEncoder(request: HubRequest): Reducer<HubEvent, SseFrame, GeminiEncoderState> {
  return {
    init: () => ({ id: mintId('gemini-'), model: request.model, blocks: new Map(), sentParts: false, ended: false, warnings: new Warnings() }),
    step,
    // Hub streams end in finish or error; anything else was cut off and must not look finished.
    finish(state) {
      if (state.ended) return [];
      state.ended = true;
      return [errorFrame(502, 'upstream stream ended early')];
    },
  };
}
