// SSE frames → bytes, through the one SSE writer (sse.ts).
import { formatSse, type SseFrame } from './sse.ts';

export function sseEncodeStream(): TransformStream<SseFrame, Uint8Array> {
  const encoder = new TextEncoder();
  return new TransformStream({
    transform(frame, controller) {
      controller.enqueue(encoder.encode(formatSse(frame)));
    },
  });
}

/**
 * Gemini's `:streamGenerateContent` without `?alt=sse` answers one JSON array of responses,
 * still written incrementally: `[` first, elements as they come, `]` at the end. Comments
 * (keep-alives) have no place in JSON and are dropped.
 */
export function jsonArrayEncodeStream(): TransformStream<SseFrame, Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  return new TransformStream({
    start(controller) {
      controller.enqueue(encoder.encode('['));
    },
    transform(frame, controller) {
      if (frame.comment !== undefined) return;
      controller.enqueue(encoder.encode(`${first ? '' : ',\n'}${frame.data}`));
      first = false;
    },
    flush(controller) {
      controller.enqueue(encoder.encode(']'));
    },
  });
}
