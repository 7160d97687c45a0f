// The gateway behind a Web fetch handler (Workers, and tests that speak Request/Response):
// a Web Request becomes a GatewayRequest, a GatewayAnswer becomes a Response whose body is
// pulled chunk by chunk from the answer's stream (no read-ahead) and cancels it when the
// client goes away.
import type { AnswerStream, GatewayAnswer, GatewayRequest } from './exchange.ts';
import { isAnswerStream } from './exchange.ts';

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function fromWebRequest(request: Request): GatewayRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    url,
    headers: request.headers,
    body: request.body ? chunksOf(request.body) : null,
    signal: request.signal,
  };
}

function webBody(stream: AnswerStream): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await stream.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel: () => stream.cancel(),
  }, { highWaterMark: 0 });
}

export function toWebResponse(answer: GatewayAnswer): Response {
  const body = answer.body === null ? null : isAnswerStream(answer.body) ? webBody(answer.body) : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}
