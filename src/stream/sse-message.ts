// Upstream bytes → SSE messages, with eventsource-parser (never split SSE by hand): CRLF,
// multi-line `data:`, comments and chunk splits at any byte are the parser's job.
import { EventSourceParserStream } from 'eventsource-parser/stream';

export interface SseMessage {
  /** The `event:` name, when the upstream sends one (Responses, Claude). */
  event?: string;
  data: string;
}

export function parseSse(body: ReadableStream<Uint8Array>): ReadableStream<SseMessage> {
  // TextDecoderStream's writable side is typed for any BufferSource; bytes are what we have.
  return body
    .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>)
    .pipeThrough(new EventSourceParserStream())
    .pipeThrough(new TransformStream({
      transform(message, controller) {
        controller.enqueue(message.event ? { event: message.event, data: message.data } : { data: message.data });
      },
    }));
}
