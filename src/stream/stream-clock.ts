// The deadlines of one upstream body as it is read, and when the client is owed a keep-alive:
// one interval timer per body (a timer per chunk cost ~4% CPU under load, bench/streaming),
// created when reading starts and stopped when reading ends — on success, failure, cancel and
// client disconnect alike — so no timer outlives its request. Bodies are pushed
// (upstream-client.ts `listenTo`): the timer calls `onDue` when something is due, and the
// reader (read-upstream-body.ts, sse-stream.ts) decides what to do; each reader listens for the
// request's abort itself.

export type DeadlineKind = 'first-event' | 'idle';

export interface ClockOptions {
  /** Longest silence inside the body. */
  idleTimeoutMs: number;
  /** Streams only: the first event must arrive within this long of `startedAt`. */
  firstEventTimeoutMs?: number;
  /** When the upstream request was sent (Date.now()). */
  startedAt: number;
  /** Keep-alive interval once `commit()` was called (the client has its status line). */
  keepAliveMs?: number;
}

export class StreamClock {
  private lastInput = Date.now();
  private lastOutput = Date.now();
  private sawEvent = false;
  private committed = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly options: ClockOptions;

  constructor(options: ClockOptions, onDue: () => void) {
    this.options = options;
    const periods = [options.idleTimeoutMs, options.firstEventTimeoutMs, options.keepAliveMs].filter((p): p is number => p !== undefined && p > 0);
    // A quarter of the shortest period: deadlines are noticed within 1.25 × their value.
    const period = Math.max(10, Math.floor(Math.min(...periods) / 4));
    this.timer = setInterval(() => {
      if (this.due() !== undefined) onDue();
    }, period);
  }

  /** Bytes arrived from the upstream. */
  input(): void {
    this.lastInput = Date.now();
  }

  /** A whole event arrived (first-event deadline met). */
  event(): void {
    this.sawEvent = true;
  }

  /** Something went to the client. */
  output(): void {
    this.lastOutput = Date.now();
  }

  /** The status line is out: keep-alives may be sent from now on. */
  commit(): void {
    this.committed = true;
    this.lastOutput = Date.now();
  }

  due(): 'keep-alive' | DeadlineKind | undefined {
    const now = Date.now();
    const { idleTimeoutMs, firstEventTimeoutMs, keepAliveMs, startedAt } = this.options;
    if (!this.sawEvent && firstEventTimeoutMs !== undefined && now - startedAt >= firstEventTimeoutMs) return 'first-event';
    if (now - this.lastInput >= idleTimeoutMs) return 'idle';
    if (this.committed && keepAliveMs !== undefined && now - this.lastOutput >= keepAliveMs) return 'keep-alive';
    return undefined;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
