// Protocol id → its adapter (each folder's index.ts): the one registry of protocols.
import type { ProtocolAdapter } from './adapter.ts';
import { claudeAdapter } from './claude/index.ts';
import { geminiAdapter } from './gemini/index.ts';
import { openaiChatCompletionsAdapter } from './openai-chat-completions/index.ts';
import { openaiResponsesAdapter } from './openai-responses/index.ts';
import type { ProtocolId } from './protocol-id.ts';

export const ADAPTERS: Record<ProtocolId, ProtocolAdapter> = {
  'openai-chat-completions': openaiChatCompletionsAdapter,
  'openai-responses': openaiResponsesAdapter,
  claude: claudeAdapter,
  gemini: geminiAdapter,
};
