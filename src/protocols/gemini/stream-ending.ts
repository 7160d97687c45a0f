// Gemini stream endings for a relay: Gemini has no terminal event; its last chunk carries a
// `finishReason` (or, for a blocked prompt, `promptFeedback.blockReason`), after which the
// body ends. `{"error":…}` is an error.
import { errorBody } from '../../errors/render-error.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { SseFrame } from '../../stream/sse.ts';
import { isRecord, parseEventObject } from '../read-json.ts';
import { TOP_LEVEL_ERROR, type StreamEnding, type StreamFailure } from '../stream-ending.ts';
import { streamError } from './stream-error.ts';

const FINISHED = /"(?:finishReason|blockReason)"\s*:\s*"/;

/** The same envelope as a Gemini JSON error (render-error.ts), as a stream element. */
export function geminiErrorFrame(failure: StreamFailure): SseFrame {
  return { data: JSON.stringify(errorBody('gemini', new GatewayError(failure.status, failure.message))) };
}

export const geminiStreamEnding: StreamEnding = {
  mark(message) {
    if (TOP_LEVEL_ERROR.test(message.data)) return 'error';
    return FINISHED.test(message.data) ? 'complete-at-eof' : undefined;
  },
  // Every Gemini chunk is a GenerateContentResponse: none opens a stream without content.
  preamble: () => false,
  failure(message) {
    const error = parseEventObject(message.data)?.error;
    const { status, message: text, code } = streamError(isRecord(error) ? error : {});
    return { status, message: text, ...(code === undefined ? {} : { code }) };
  },
  errorFrames: (failure) => [geminiErrorFrame(failure)],
};
