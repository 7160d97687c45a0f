// Protocol id → hub codec.
import { claudeCodec } from './claude/codec.ts';
import type { ProtocolCodec } from './codec.ts';
import { geminiCodec } from './gemini/codec.ts';
import { openaiChatCompletionsCodec } from './openai-chat-completions/codec.ts';
import { openaiResponsesCodec } from './openai-responses/codec.ts';
import type { ProtocolId } from './protocol-id.ts';

export const CODECS: Record<ProtocolId, ProtocolCodec> = {
  'openai-chat-completions': openaiChatCompletionsCodec,
  'openai-responses': openaiResponsesCodec,
  claude: claudeCodec,
  gemini: geminiCodec,
};
