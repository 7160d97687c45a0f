// Claude Messages streaming through the hub: the reducer reads a Claude upstream's SSE, the
// encoder writes Claude SSE for Claude clients (Claude Code, the Anthropic SDKs).
import type { StreamCodec } from '../stream-codec.ts';
import { claudeStreamEnding } from './stream-ending.ts';
import { claudeStreamEncoder } from './stream-encoder.ts';
import { claudeStreamReducer } from './stream-reducer.ts';

export const claudeStreamCodec: StreamCodec = {
  reducer: claudeStreamReducer,
  encoder: claudeStreamEncoder,
  // Anthropic's own keep-alive; the SDK skips it wherever it appears.
  keepAlive: { event: 'ping', data: '{"type":"ping"}' },
  ending: claudeStreamEnding,
};
