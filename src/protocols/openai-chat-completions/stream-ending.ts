// Chat stream endings for a relay: `[DONE]` completes; a chunk with a non-null finish_reason
// completes it at EOF; `{"error":…}` is an error. The gateway's error event is an error chunk
// with no `[DONE]` after it (https://platform.openai.com/docs/api-reference/chat-streaming).
import { GatewayError } from '../../errors/gateway-error.ts';
import { errorBody } from '../../errors/render-error.ts';
import { parseEventData } from '../read-json.ts';
import { TOP_LEVEL_ERROR, type StreamEnding, type StreamFailure } from '../stream-ending.ts';
import { decodeStreamError } from './decode-stream-error.ts';
import type { SseFrame } from '../../stream/sse.ts';

const FINISH = /"finish_reason"\s*:\s*"/;

/** The same envelope as an OpenAI JSON error (render-error.ts), as a data chunk. */
export function chatErrorFrame(failure: StreamFailure): SseFrame {
  return { data: JSON.stringify(errorBody('openai', new GatewayError(failure.status, failure.message, failure.code ? { code: failure.code } : {}))) };
}

export const chatStreamEnding: StreamEnding = {
  mark(message) {
    const data = message.data;
    if (data.trim() === '[DONE]') return 'complete';
    if (message.event === 'error' || TOP_LEVEL_ERROR.test(data)) return 'error';
    return FINISH.test(data) ? 'complete-at-eof' : undefined;
  },
  // The first chunk (role only) already belongs to the answer: clients read it as its start.
  preamble: () => false,
  failure(message) {
    const { status, message: text, code } = decodeStreamError(parseEventData(message.data));
    return { status, message: text, ...(code === undefined ? {} : { code }) };
  },
  errorFrames: (failure) => [chatErrorFrame(failure)],
};
