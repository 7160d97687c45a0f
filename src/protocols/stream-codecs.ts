// Protocol id → stream codec (reducer for its upstream SSE, encoder for its clients).
import { claudeStreamCodec } from './claude/stream-codec.ts';
import { geminiStreamCodec } from './gemini/stream-codec.ts';
import { openaiChatCompletionsStreamCodec } from './openai-chat-completions/stream-codec.ts';
import { openaiResponsesStreamCodec } from './openai-responses/stream-codec.ts';
import type { ProtocolId } from './protocol-id.ts';
import type { StreamCodec } from './stream-codec.ts';

export const STREAM_CODECS: Record<ProtocolId, StreamCodec> = {
  'openai-chat-completions': openaiChatCompletionsStreamCodec,
  'openai-responses': openaiResponsesStreamCodec,
  claude: claudeStreamCodec,
  gemini: geminiStreamCodec,
};
