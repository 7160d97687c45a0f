// Protocol id → descriptor.
import { claude } from './claude/protocol.ts';
import { gemini } from './gemini/protocol.ts';
import { openaiChatCompletions } from './openai-chat-completions/protocol.ts';
import { openaiResponses } from './openai-responses/protocol.ts';
import type { Protocol } from './protocol.ts';
import type { ProtocolId } from './protocol-id.ts';

export const PROTOCOLS: Record<ProtocolId, Protocol> = {
  'openai-chat-completions': openaiChatCompletions,
  'openai-responses': openaiResponses,
  claude,
  gemini,
};
