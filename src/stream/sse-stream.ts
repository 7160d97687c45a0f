// One stream stage per upstream stream: bytes → SSE events (sse-parser.ts) → a protocol-aware
// `StreamStage` (conversion through the hub, or a checked relay) → text for the client, in one
// async generator, with the deadlines and keep-alives of stream-clock.ts as steps inside it.
//
// It holds the HTTP status until the stage has something real to say (read-ahead), so a
// failure before that — an in-band error, a deadline, a reset, a body that is no event stream —
// is answered as a proper HTTP error. After that, every way a stream can go wrong (reset,
// silence, a cut event, a stage that throws) ends in the client protocol's own error event and
// a closed connection: never in a stream that looks finished. Every resource — the upstream
// reader, the clock's timer — is released in the generator's `finally`, which runs on success,
// failure, cancel and client disconnect alike.
import { abortedError, serverAbort } from '../errors/aborted-error.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { AnswerStream } from '../http/exchange.ts';
import type { ChunkSource } from '../upstream/upstream-client.ts';
import { connectionBroke, deadlineExceeded, eventTooLarge, notAnEventStream } from '../upstream/upstream-faults.ts';
import { createSseParser, SseEventTooLargeError, type SseEvent } from './sse-parser.ts';
import { StreamClock, TICK } from './stream-clock.ts';

export interface StreamStage {
  /** Whole upstream events → text for the client ('' when nothing is due yet). */
  events(events: readonly SseEvent[]): string;
  /** The upstream body ended: the closing text (a finish, or the error event of a stream cut short). */
  end(): string;
  /** The upstream failed: the client protocol's error event ('' when the stream already ended). */
  fail(error: GatewayError): string;
  /** The stage re-sends events' original text (`raw`); a conversion reads only their fields. */
  readonly keepsRaw: boolean;
  /** Sent during silence once committed ('' for none). */
  readonly keepAlive: string;
  /** The stage has produced something real: the status line may go out. */
  readonly committed: boolean;
  /** An error met before committing, to be answered as an HTTP error. */
  readonly earlyError: GatewayError | undefined;
}

export interface SseStreamOptions {
  /** The provider id, to name the upstream in errors and logs. */
  provider: string;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  startedAt: number;
  idleTimeoutMs: number;
  firstEventTimeoutMs: number;
  keepAliveMs: number;
  /** Bound on one event's size (options.maxResponseBytes). */
  maxEventBytes: number;
  /** Told once, at the end, how many non-SSE lines were dropped. */
  onGarbage?: (lines: number) => void;
  /** Told once when a committed stream is over: read to its end, or cancelled (client gone). */
  onClose?: () => void;
}

export type OpenedStream = { kind: 'error'; error: GatewayError } | { kind: 'stream'; body: AnswerStream };

function safely(stage: StreamStage, step: () => string, provider: string): string {
  try {
    return step();
  } catch (error) {
    // A stage that throws is a gateway bug: logged loudly, and the client still gets an error event.
    console.error(`any-api: stream conversion failed (provider "${provider}"):`, error instanceof Error ? error.stack : error);
    try {
      return stage.fail(new GatewayError(500, 'The gateway failed to convert the upstream stream.'));
    } catch {
      return '';
    }
  }
}

async function* run(reader: ChunkSource, stage: StreamStage, clock: StreamClock, options: SseStreamOptions, signal: AbortSignal): AsyncGenerator<string> {
  const parser = createSseParser({ maxEventChars: options.maxEventBytes, keepRaw: stage.keepsRaw });
  const decoder = new TextDecoder();
  let sawEvent = false;
  let failure: GatewayError | undefined;
  try {
    // A read left pending when the client goes away may still reject: never unhandled.
    let pending = reader.next();
    pending.catch(() => {});
    for (;;) {
      const result = await clock.race(pending);
      if (signal.aborted) {
        // The gateway's own abort (shutdown) still owes the client an error event; a client gone does not.
        failure = serverAbort(signal);
        if (failure === undefined) return;
        break;
      }
      if (result === TICK) {
        const due = clock.due();
        if (due === 'keep-alive') {
          clock.output();
          if (stage.keepAlive) yield stage.keepAlive;
        } else if (due === 'first-event') {
          failure = deadlineExceeded(options.provider, 'firstEventTimeoutMs', options.firstEventTimeoutMs);
          break;
        } else if (due === 'idle') {
          failure = deadlineExceeded(options.provider, 'idleTimeoutMs', options.idleTimeoutMs);
          break;
        }
        continue;
      }
      if (result.done) break;
      clock.input();
      pending = reader.next();
      pending.catch(() => {});
      const events = parser.feed(decoder.decode(result.value, { stream: true }));
      if (events.length === 0) continue;
      sawEvent ||= events.some((e) => !e.comment);
      if (sawEvent) clock.event();
      const text = safely(stage, () => stage.events(events), options.provider);
      if (text) {
        clock.output();
        yield text;
      }
    }
  } catch (error) {
    if (signal.aborted) {
      failure = serverAbort(signal);
      if (failure === undefined) return;
    } else failure = error instanceof SseEventTooLargeError ? eventTooLarge(options.provider, error.limit) : connectionBroke(options.provider, error, 'mid-stream');
  } finally {
    clock.stop();
    // Releases the upstream socket when reading stopped early (a no-op after a clean end).
    reader.cancel();
    if (parser.garbageLines > 0) options.onGarbage?.(parser.garbageLines);
  }
  if (failure === undefined && !sawEvent) failure = notAnEventStream(options.provider, parser.firstGarbage ?? parser.unterminated);
  const last = failure === undefined ? safely(stage, () => stage.end(), options.provider) : safely(stage, () => stage.fail(failure), options.provider);
  if (last) yield last;
}

/**
 * Starts reading the upstream stream and returns once the stage has committed (a stream whose
 * first bytes are ready) or failed before committing (an error for an HTTP answer).
 */
export async function openSseStream(upstreamBody: ChunkSource, stage: StreamStage, options: SseStreamOptions): Promise<OpenedStream> {
  // Aborted by the client's disconnect, or by our own cancel(): either way the reader stops.
  const local = new AbortController();
  const stop = () => local.abort(options.signal.reason);
  if (options.signal.aborted) stop();
  options.signal.addEventListener('abort', stop, { once: true });
  const clock = new StreamClock({
    idleTimeoutMs: options.idleTimeoutMs,
    firstEventTimeoutMs: options.firstEventTimeoutMs,
    startedAt: options.startedAt,
    keepAliveMs: options.keepAliveMs,
  }, local.signal);
  const generator = run(upstreamBody, stage, clock, options, local.signal);
  const release = () => options.signal.removeEventListener('abort', stop);

  let head = '';
  for (;;) {
    const next = await generator.next();
    if (next.done) break;
    head += next.value;
    if (stage.committed) break;
  }
  if (!stage.committed) {
    release();
    await generator.return(undefined);
    if (options.signal.aborted) return { kind: 'error', error: abortedError(options.signal) };
    return { kind: 'error', error: stage.earlyError ?? new GatewayError(502, `The upstream (provider "${options.provider}") stream ended before any answer.`) };
  }
  clock.commit();

  let pendingHead: string | undefined = head;
  let finished = false;
  const body: AnswerStream = {
    async next() {
      if (pendingHead !== undefined) {
        const text = pendingHead;
        pendingHead = undefined;
        if (text) return { done: false, value: text };
      }
      const next = await generator.next();
      if (next.done) {
        finished = true;
        release();
        options.onClose?.();
        return { done: true, value: undefined };
      }
      return { done: false, value: next.value };
    },
    async cancel() {
      if (finished) return;
      finished = true;
      release();
      local.abort();
      await generator.return(undefined);
      options.onClose?.();
    },
  };
  return { kind: 'stream', body };
}
