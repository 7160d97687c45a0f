// Upstream bytes → SSE messages as a Web stream, through the one SSE reader (sse-parser.ts).
// The gateway's own stream stage (sse-stream.ts) feeds the parser directly; this adapter is
// for callers that want a ReadableStream of messages.
import { createSseParser, type SseMessage } from './sse-parser.ts';

export type { SseMessage } from './sse-parser.ts';

export function parseSse(body: ReadableStream<Uint8Array>): ReadableStream<SseMessage> {
  const decoder = new TextDecoder();
  const parser = createSseParser();
  const emit = (text: string, controller: TransformStreamDefaultController<SseMessage>) => {
    for (const event of parser.feed(text)) {
      if (!event.comment) controller.enqueue(event.event === undefined ? { data: event.data } : { event: event.event, data: event.data });
    }
  };
  return body.pipeThrough(new TransformStream<Uint8Array, SseMessage>({
    transform(chunk, controller) {
      emit(decoder.decode(chunk, { stream: true }), controller);
    },
    flush(controller) {
      emit(decoder.decode(), controller);
    },
  }));
}
