// The one request/answer shape the gateway's handlers see, whichever runtime serves them. Each
// runtime adapts its own primitives to it, cheaply: Node straight from node:http (no Web
// Request, Response, Headers or ReadableStream per request: runtime/node/serve.ts), Workers
// and tests from a Web Request (web-exchange.ts). Answers carry text, not bytes: Node writes
// strings to the socket as they are, a Web Response encodes them once.
import type { HeaderReader } from './header-reader.ts';

export interface GatewayRequest {
  readonly method: string;
  /** Path and query as the client sent them (the host part is not the client's to choose). */
  readonly url: URL;
  /** Request headers by lower-case name. */
  readonly headers: Pick<HeaderReader, 'get'>;
  /** The body as it arrives; null when there is none (GET, HEAD). */
  readonly body: AsyncIterable<Uint8Array> | null;
  /**
   * Node: the whole body, read through the stream's own events — one promise, not an
   * async-iterator step per chunk. Resolves undefined as soon as the body passes `maxBytes` (the
   * rest is not read), rejects when it cannot be read to its end. Without it, `body` is iterated.
   */
  readonly readText?: (maxBytes: number) => Promise<string | undefined>;
  /** Aborts when the client goes away: every upstream call, timer and stream of the request follows it. */
  readonly signal: AbortSignal;
}

/**
 * A streamed answer: text chunks pulled one at a time (never buffered ahead), and a `cancel`
 * that releases everything behind it (the upstream socket, the stream's timer) when the client
 * stops reading.
 */
export interface AnswerStream {
  next(): Promise<IteratorResult<string, undefined>>;
  cancel(): Promise<void>;
  /**
   * Push mode, where the stream offers it (an upstream stream): text is written to `sink` the
   * moment it is ready, with no promise per chunk; the returned `resume` restarts a stream that
   * a full sink paused. A stream is read with `next` or with `pipe`, never both.
   */
  pipe?(sink: TextSink): { resume(): void };
}

/** Where a piped stream writes. */
export interface TextSink {
  /** False when the receiver is full: the stream pauses until `resume`. */
  write(text: string): boolean;
  /** The stream is over (finished, failed with its error event written, or cancelled). */
  end(): void;
}

export interface GatewayAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Whole text, a stream of text, or nothing (204). */
  body: string | AnswerStream | null;
  /**
   * The JSON value of a text body, where the gateway already had it (it parsed the upstream's
   * answer, or built the value it serialised), so a later step (storing a Responses turn) need
   * not parse the text again. Valid only while `text` is still the body: whoever replaces the
   * body without this leaves a stale pair that `parsedBody` ignores.
   */
  parsed?: { text: string; value: unknown };
}

/** The body's JSON value when the answer carries it for this very body (see `parsed`). */
export function parsedBody(answer: GatewayAnswer): unknown {
  return answer.parsed !== undefined && answer.parsed.text === answer.body ? answer.parsed.value : undefined;
}

export function isAnswerStream(body: GatewayAnswer['body']): body is AnswerStream {
  return typeof body === 'object' && body !== null;
}

/** A JSON answer. */
export function jsonAnswer(value: unknown, status = 200, headers: Record<string, string> = {}): GatewayAnswer {
  const text = JSON.stringify(value);
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: text, parsed: { text, value } };
}
