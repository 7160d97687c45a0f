// Anthropic Claude Messages: the one adapter the gateway knows this protocol by.
import type { ProtocolAdapter } from '../adapter.ts';
import { claudeCodec } from './codec.ts';
import { claudeCount } from './count-tokens.ts';
import { claude } from './protocol.ts';
import { claudeStreamCodec } from './stream-codec.ts';

export const claudeAdapter: ProtocolAdapter = { ...claude, codec: claudeCodec, stream: claudeStreamCodec, count: claudeCount };
