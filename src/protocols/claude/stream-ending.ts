// Claude stream endings for a relay: `message_stop` completes, `error` is an error
// (https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events).
import { GatewayError } from '../../errors/gateway-error.ts';
import { errorBody } from '../../errors/render-error.ts';
import type { SseFrame } from '../../stream/sse.ts';
import { isRecord, parseEventObject, stringAt } from '../read-json.ts';
import type { StreamEnding, StreamFailure } from '../stream-ending.ts';
import { statusOfClaudeErrorType } from './map-stream-error.ts';

const PREAMBLE = new Set(['message_start', 'ping']);
const TYPE = /^\s*\{\s*"type"\s*:\s*"([a-z_]+)"/;

/** The same envelope as a Claude JSON error (render-error.ts), as an `error` event. */
export function claudeErrorFrame(failure: StreamFailure): SseFrame {
  return { event: 'error', data: JSON.stringify(errorBody('claude', new GatewayError(failure.status, failure.message))) };
}

export const claudeStreamEnding: StreamEnding = {
  mark(message) {
    if (message.event === 'message_stop') return 'complete';
    if (message.event === 'error') return 'error';
    // Events without an `event:` line still name their type in the data.
    if (message.event === undefined) {
      if (/"type"\s*:\s*"message_stop"/.test(message.data)) return 'complete';
      if (/^\s*\{\s*"type"\s*:\s*"error"/.test(message.data)) return 'error';
    }
    return undefined;
  },
  preamble: (message) => PREAMBLE.has(message.event ?? TYPE.exec(message.data)?.[1] ?? ''),
  failure(message) {
    const error = parseEventObject(message.data)?.error;
    const type = isRecord(error) ? stringAt(error.type) : undefined;
    const text = (isRecord(error) ? stringAt(error.message) : undefined) ?? 'The Claude upstream sent an error event.';
    return type === undefined ? { status: 500, message: text } : { status: statusOfClaudeErrorType(type), message: text, code: type };
  },
  errorFrames: (failure) => [claudeErrorFrame(failure)],
};
