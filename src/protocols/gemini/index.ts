// Google Gemini: the one adapter the gateway knows this protocol by.
import type { ProtocolAdapter } from '../adapter.ts';
import { geminiCodec } from './codec.ts';
import { geminiCount } from './count-tokens.ts';
import { gemini } from './protocol.ts';
import { geminiStreamCodec } from './stream-codec.ts';

export const geminiAdapter: ProtocolAdapter = { ...gemini, codec: geminiCodec, stream: geminiStreamCodec, count: geminiCount };
