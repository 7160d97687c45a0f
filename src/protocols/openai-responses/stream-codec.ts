// OpenAI Responses streaming through the hub: the reducer reads a Responses upstream's SSE, the
// encoder writes Responses SSE for Responses clients (Codex CLI, openai-node, the AI SDK).
import type { StreamCodec } from '../stream-codec.ts';
import { responsesStreamEnding } from './stream-ending.ts';
import { openaiResponsesStreamEncoder } from './stream-encoder.ts';
import { openaiResponsesStreamReducer } from './stream-reducer.ts';

export const openaiResponsesStreamCodec: StreamCodec = {
  reducer: openaiResponsesStreamReducer,
  encoder: openaiResponsesStreamEncoder,
  // An SSE comment: openai-node and Codex skip it, and it resets Codex's idle timeout.
  keepAlive: { data: '', comment: 'keep-alive' },
  ending: responsesStreamEnding,
};
