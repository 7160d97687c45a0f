// Google Gemini streaming through the hub: the `alt=sse` reducer (upstream) and encoder (inbound).
import type { StreamCodec } from '../stream-codec.ts';
import { geminiStreamEnding } from './stream-ending.ts';
import { geminiStreamEncoder } from './stream-encoder.ts';
import { geminiStreamReducer } from './stream-reducer.ts';

export const geminiStreamCodec: StreamCodec = {
  reducer: geminiStreamReducer,
  encoder: geminiStreamEncoder,
  // Gemini clients read only `data:` lines; an SSE comment keeps proxies and idle timers quiet.
  keepAlive: { data: '', comment: 'keep-alive' },
  ending: geminiStreamEnding,
};
