// The stream stage of a same-protocol pass-through: each well-formed upstream event is re-sent
// exactly as the upstream wrote it (its original text), lines that are not SSE are dropped
// (the runner warns), and the protocol's own ending rules (protocols/stream-ending.ts) decide
// whether the stream finished. A stream that breaks off before it finished — a reset, a
// deadline, a body cut mid-event — gets the protocol's error event from the gateway, so the
// client never mistakes a cut answer for a whole one. Gemini clients that asked for a JSON
// array (no `?alt=sse`) get the events' data as array elements instead.
import { GatewayError } from '../errors/gateway-error.ts';
import type { StreamEnding } from '../protocols/stream-ending.ts';
import type { FrameWriter } from '../stream/frame-writer.ts';
import { formatSse, type SseFrame } from '../stream/sse.ts';
import type { SseEvent } from '../stream/sse-parser.ts';
import type { StreamStage } from '../stream/sse-stream.ts';

export interface RelayStageOptions {
  ending: StreamEnding;
  keepAlive: SseFrame;
  /** Set for a JSON-array client; undefined relays the original SSE text. */
  arrayWriter?: FrameWriter;
  /** Sees every real event (for the answer's usage: answer-usage.ts). */
  tap?: { see(event: SseEvent): void };
}

export function relayStage(options: RelayStageOptions): StreamStage {
  const { ending, arrayWriter } = options;
  const write = (frames: readonly SseFrame[]) => (arrayWriter ? arrayWriter.write(frames) : frames.map(formatSse).join(''));
  const close = () => (arrayWriter ? arrayWriter.close() : '');
  let sent = 0;
  let committed = false;
  /** The answer is whole (a finish was seen), though the body may still end or break. */
  let whole = false;
  let ended = false;
  let earlyError: GatewayError | undefined;
  /** Opening events held until the first real one. */
  const held: SseEvent[] = [];
  const relay = (event: SseEvent) => {
    sent += 1;
    options.tap?.see(event);
    return arrayWriter ? arrayWriter.write([{ data: event.data }]) : event.raw;
  };

  function fail(error: GatewayError): string {
    if (!committed) {
      earlyError ??= error;
      ended = true;
      return '';
    }
    if (ended) return '';
    ended = true;
    if (whole) return close();
    const failure = { status: error.status, message: error.message, ...(error.code ? { code: error.code } : {}) };
    return write(ending.errorFrames(failure, sent)) + close();
  }

  return {
    keepsRaw: arrayWriter === undefined,
    events(events) {
      if (ended) return '';
      let text = '';
      for (const event of events) {
        if (event.comment) {
          if (!arrayWriter) text += event.raw;
          continue;
        }
        const mark = ending.mark(event);
        if (!committed) {
          // Before the first real event an error is an HTTP error (and may be retried or failed
          // over); an opening event waits with it until it is known which it will be.
          if (mark === 'error') {
            const failure = ending.failure(event);
            earlyError = new GatewayError(failure.status, failure.message, failure.code ? { code: failure.code } : {});
            ended = true;
            return '';
          }
          if (mark === undefined && ending.preamble(event)) {
            held.push(event);
            continue;
          }
          committed = true;
          for (const opening of held) text += relay(opening);
          held.length = 0;
        }
        text += relay(event);
        if (mark === 'complete-at-eof') whole = true;
        if (mark === 'complete' || mark === 'error') {
          // Whatever an upstream sends after its end is not part of the answer.
          ended = true;
          return text + close();
        }
      }
      return text;
    },
    end() {
      if (ended) return '';
      if (whole) {
        ended = true;
        return close();
      }
      return fail(new GatewayError(502, 'The upstream stream ended before its answer was complete.'));
    },
    fail,
    get keepAlive() {
      return write([options.keepAlive]);
    },
    get committed() {
      return committed;
    },
    get earlyError() {
      return earlyError;
    },
  };
}
