// OpenAI Chat Completions streaming through the hub: the reducer for a Chat upstream's SSE and
// the encoder for a Chat client's SSE. During upstream silence an SSE comment keeps proxies and
// clients from timing out; Chat SDKs ignore comments.
import type { StreamCodec } from '../stream-codec.ts';
import { chatStreamEnding } from './stream-ending.ts';
import { chatStreamEncoder } from './stream-encoder.ts';
import { chatStreamReducer } from './stream-reducer.ts';

export const openaiChatCompletionsStreamCodec: StreamCodec = {
  reducer: chatStreamReducer,
  encoder: chatStreamEncoder,
  keepAlive: { data: '', comment: 'keep-alive' },
  ending: chatStreamEnding,
};
