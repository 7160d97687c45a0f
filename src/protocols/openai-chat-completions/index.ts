// OpenAI Chat Completions: the one adapter the gateway knows this protocol by.
import type { ProtocolAdapter } from '../adapter.ts';
import { openaiChatCompletionsCodec } from './codec.ts';
import { openaiChatCompletions } from './protocol.ts';
import { openaiChatCompletionsStreamCodec } from './stream-codec.ts';

export const openaiChatCompletionsAdapter: ProtocolAdapter = { ...openaiChatCompletions, codec: openaiChatCompletionsCodec, stream: openaiChatCompletionsStreamCodec };
