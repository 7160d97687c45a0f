// Web-stream adapters for tests that drive the stream pieces over byte streams split anywhere:
// the production SSE parser (src/stream/sse-parser.ts) as a stream of messages, and a pure
// reducer as a TransformStream. Production composes the same pieces in one stage
// (src/stream/sse-stream.ts); these let a test feed them chunk by chunk.
import type { Reducer } from '../../src/stream/reducer.ts';
import { createSseParser, type SseMessage } from '../../src/stream/sse-parser.ts';

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

export function reducerStream<In, Out, State>(reducer: Reducer<In, Out, State>): TransformStream<In, Out> {
  const state = reducer.init();
  return new TransformStream<In, Out>({
    transform(input, controller) {
      for (const out of reducer.step(state, input)) controller.enqueue(out);
    },
    flush(controller) {
      for (const out of reducer.finish(state)) controller.enqueue(out);
    },
  });
}
