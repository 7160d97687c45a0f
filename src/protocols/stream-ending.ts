// How a stream of one protocol ends, for a relay that does not convert it: which event
// completes it, which reports an error, and the error event the gateway writes when the
// upstream broke off (a reset, a deadline, a cut event) — so a same-protocol stream never ends
// looking finished when it is not. Read cheaply: event names and a prefix test before any parse.
import type { SseFrame } from '../stream/sse.ts';
import type { SseMessage } from '../stream/sse-parser.ts';

/**
 * - `complete`: the protocol's terminal event (Claude `message_stop`, Responses
 *   `response.completed`, Chat `[DONE]`);
 * - `complete-at-eof`: the answer is whole, and the body may end after it (a Chat chunk with a
 *   `finish_reason`, a Gemini chunk with a `finishReason`: Gemini has no terminal event, and
 *   many Chat-compatible servers never send `[DONE]`);
 * - `error`: an in-band error event, which ends the stream too.
 */
export type StreamMark = 'complete' | 'complete-at-eof' | 'error' | undefined;

export interface StreamFailure {
  status: number;
  message: string;
  code?: string;
}

export interface StreamEnding {
  mark(message: SseMessage): StreamMark;
  /**
   * An event that opens a stream but says nothing yet (Claude `message_start`, Responses
   * `response.created`): a relay holds it until the first real event, so an error that follows
   * it is still an HTTP error that may be retried, as in a converted stream.
   */
  preamble(message: SseMessage): boolean;
  /** What an `error`-marked event says: its status (read back from its type or code) and message. */
  failure(message: SseMessage): StreamFailure;
  /** The client protocol's error event; `sequence` is the number of events already sent. */
  errorFrames(failure: StreamFailure, sequence: number): SseFrame[];
}

/** `{"error": …}` as a whole data object (Chat, Gemini), without parsing every chunk. */
export const TOP_LEVEL_ERROR = /^\s*\{\s*"error"\s*:/;
