// One stream stage per upstream stream: bytes → SSE events (sse-parser.ts) → a protocol-aware
// `StreamStage` (conversion through the hub, or a checked relay) → text for the client, driven
// by the upstream's chunks as they arrive (ChunkSource push mode: on Node straight from the
// socket's events, elsewhere a small read loop), with the deadlines and keep-alives of
// stream-clock.ts called from its timer. No promise or generator step per chunk: a heap profile
// showed ~5 KB of them per delta. Text goes to a piped sink (Node's socket, with backpressure
// pausing the upstream) or waits, one chunk at a time, for a pulling reader (Web streams).
//
// It holds the HTTP status until the stage has something real to say (read-ahead), so a
// failure before that — an in-band error, a deadline, a reset, a body that is no event stream —
// is answered as a proper HTTP error. After that, every way a stream can go wrong (reset,
// silence, a cut event, a stage that throws) ends in the client protocol's own error event and
// a closed connection: never in a stream that looks finished. Every resource — the upstream
// body, the clock's timer, the abort listener — is released in one `close`, which runs on
// success, failure, cancel and client disconnect alike.
import { abortedError, serverAbort } from '../errors/aborted-error.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { AnswerStream, TextSink } from '../http/exchange.ts';
import { listenTo, type ChunkFlow, type ChunkSource } from '../upstream/upstream-client.ts';
import { connectionBroke, deadlineExceeded, eventTooLarge, notAnEventStream } from '../upstream/upstream-faults.ts';
import { createSseParser, SseEventTooLargeError, type SseEvent } from './sse-parser.ts';
import { StreamClock } from './stream-clock.ts';

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

const DONE: IteratorResult<string, undefined> = { done: true, value: undefined };

/**
 * Starts reading the upstream stream and returns once the stage has committed (a stream whose
 * first text is ready) or failed before committing (an error for an HTTP answer).
 */
export function openSseStream(upstreamBody: ChunkSource, stage: StreamStage, options: SseStreamOptions): Promise<OpenedStream> {
  const { provider, signal } = options;
  const parser = createSseParser({ maxEventChars: options.maxEventBytes, keepRaw: stage.keepsRaw });
  const decoder = new TextDecoder();
  let sawEvent = false;
  /** No more text will come: the upstream ended or failed, the client left, or the reader cancelled. */
  let over = false;
  /** Text ready for the reader, not yet taken. */
  const queue: string[] = [];
  /** The upstream is paused: a full sink, or text waiting for a reader. */
  let held = false;
  let sink: TextSink | undefined;
  let waiter: ((result: IteratorResult<string, undefined>) => void) | undefined;
  let opened: ((result: OpenedStream) => void) | undefined;
  let flow: ChunkFlow | undefined;
  /** The opener got the stream (not an error): its end is owed one `onClose`. */
  let handedOut = false;
  const closed = () => {
    if (!handedOut) return;
    handedOut = false;
    options.onClose?.();
  };

  const hold = () => {
    if (held) return;
    held = true;
    flow?.pause();
  };
  const release = () => {
    if (!held || over) return;
    held = false;
    // Time spent waiting on the reader is not the upstream's silence.
    clock.input();
    flow?.resume();
  };

  /** Text to the reader (a piped sink, a waiting `next`, else the queue); answers the opener once the stage commits. */
  function emit(text: string): void {
    if (text) {
      clock.output();
      if (sink) {
        if (!sink.write(text)) hold();
      } else if (waiter) {
        const w = waiter;
        waiter = undefined;
        w({ done: false, value: text });
      } else if (opened && !stage.committed) {
        queue.push(text);
      } else {
        queue.push(text);
        hold();
      }
    }
    if (opened && stage.committed) {
      const answer = opened;
      opened = undefined;
      clock.commit();
      // Nothing is read ahead of the reader: the upstream waits until the head is taken.
      hold();
      handedOut = true;
      answer({ kind: 'stream', body });
    }
  }

  function close(): void {
    if (over) return;
    over = true;
    clock.stop();
    signal.removeEventListener('abort', onAbort);
    // Releases the upstream socket when reading stopped early (a no-op after a clean end).
    upstreamBody.cancel();
    if (parser.garbageLines > 0) options.onGarbage?.(parser.garbageLines);
  }

  /** The end of reading, clean or not: the stage's last text, then the reader is told. */
  function finish(failure: GatewayError | undefined): void {
    if (over) return;
    close();
    if (failure === undefined && !sawEvent) failure = notAnEventStream(provider, parser.firstGarbage ?? parser.unterminated);
    const last = failure === undefined ? safely(stage, () => stage.end(), provider) : safely(stage, () => stage.fail(failure), provider);
    emit(last);
    settle();
  }

  /** Tells whoever waits that the stream is over. */
  function settle(): void {
    if (opened) {
      const answer = opened;
      opened = undefined;
      answer({ kind: 'error', error: signal.aborted ? abortedError(signal) : (stage.earlyError ?? new GatewayError(502, `The upstream (provider "${provider}") stream ended before any answer.`)) });
      return;
    }
    if (sink && queue.length === 0) {
      sink.end();
      sink = undefined;
      closed();
    }
    if (waiter && queue.length === 0) {
      const w = waiter;
      waiter = undefined;
      w(DONE);
      closed();
    }
  }

  function onAbort(): void {
    // The gateway's own abort (the shutdown grace running out) still owes the client the
    // protocol's error event; a client gone is owed nothing, and nothing more is written.
    const failure = serverAbort(signal);
    if (failure !== undefined && !over) {
      finish(failure);
      return;
    }
    close();
    queue.length = 0;
    settle();
    closed();
  }

  function onDue(): void {
    if (over) return;
    const due = clock.due();
    if (due === 'keep-alive') {
      if (stage.keepAlive) emit(stage.keepAlive);
      else clock.output();
    } else if (!held && due === 'first-event') {
      finish(deadlineExceeded(provider, 'firstEventTimeoutMs', options.firstEventTimeoutMs));
    } else if (!held && due === 'idle') {
      finish(deadlineExceeded(provider, 'idleTimeoutMs', options.idleTimeoutMs));
    }
  }

  const clock = new StreamClock({
    idleTimeoutMs: options.idleTimeoutMs,
    firstEventTimeoutMs: options.firstEventTimeoutMs,
    startedAt: options.startedAt,
    keepAliveMs: options.keepAliveMs,
  }, onDue);

  const body: AnswerStream = {
    next() {
      const text = queue.shift();
      if (text !== undefined) {
        if (queue.length === 0) {
          if (over) settle();
          else release();
        }
        return Promise.resolve({ done: false, value: text });
      }
      if (over) {
        closed();
        return Promise.resolve(DONE);
      }
      release();
      return new Promise((resolve) => {
        waiter = resolve;
      });
    },
    pipe(to) {
      sink = to;
      let full = false;
      for (const text of queue.splice(0)) if (!to.write(text)) full = true;
      if (over) settle();
      else if (!full) release();
      return { resume: release };
    },
    cancel() {
      close();
      queue.length = 0;
      settle();
      closed();
      return Promise.resolve();
    },
  };

  return new Promise<OpenedStream>((resolve) => {
    opened = resolve;
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    flow = listenTo(upstreamBody, {
      chunk(bytes) {
        if (over) return;
        clock.input();
        let events;
        try {
          events = parser.feed(decoder.decode(bytes, { stream: true }));
        } catch (error) {
          finish(error instanceof SseEventTooLargeError ? eventTooLarge(provider, error.limit) : connectionBroke(provider, error, 'mid-stream'));
          return;
        }
        if (events.length === 0) return;
        sawEvent ||= events.some((e) => !e.comment);
        if (sawEvent) clock.event();
        emit(safely(stage, () => stage.events(events), provider));
      },
      end: () => finish(undefined),
      fail(error) {
        if (over || signal.aborted) return;
        finish(connectionBroke(provider, error, 'mid-stream'));
      },
    });
    if (held) flow.pause();
  });
}
