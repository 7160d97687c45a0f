// OpenAI Responses: the one adapter the gateway knows this protocol by.
import type { ProtocolAdapter } from '../adapter.ts';
import { openaiResponsesCodec } from './codec.ts';
import { openaiResponsesCount } from './count-tokens.ts';
import { openaiResponses } from './protocol.ts';
import { openaiResponsesStreamCodec } from './stream-codec.ts';

export const openaiResponsesAdapter: ProtocolAdapter = { ...openaiResponses, codec: openaiResponsesCodec, stream: openaiResponsesStreamCodec, count: openaiResponsesCount };
