// The deadlines of one upstream body as it is read, and when the client is owed a keep-alive:
// one interval timer per body (a timer per chunk cost ~4% CPU under load, bench/streaming),
// created when reading starts and stopped in the reader's `finally` — on success, failure,
// cancel and client disconnect alike — so no timer outlives its request. A pulling reader
// awaits `race(read)`; the timer wakes it when something is due, and so does the request's
// abort. A pushed stream (sse-stream.ts) passes `onDue` instead and is called from the timer.

export const TICK = Symbol('tick');

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
  private wake: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onAbort = () => this.wake?.();
  private readonly options: ClockOptions;
  private readonly signal: AbortSignal;
  private readonly onDue: (() => void) | undefined;

  constructor(options: ClockOptions, signal: AbortSignal, onDue?: () => void) {
    this.onDue = onDue;
    this.options = options;
    this.signal = signal;
    const periods = [options.idleTimeoutMs, options.firstEventTimeoutMs, options.keepAliveMs].filter((p): p is number => p !== undefined && p > 0);
    // A quarter of the shortest period: deadlines are noticed within 1.25 × their value.
    const period = Math.max(10, Math.floor(Math.min(...periods) / 4));
    this.timer = setInterval(() => {
      if (this.due() === undefined) return;
      this.wake?.();
      this.onDue?.();
    }, period);
    signal.addEventListener('abort', this.onAbort);
  }

  /** Waits for `promise`, or for something due (a keep-alive, a deadline, the abort). */
  race<T>(promise: Promise<T>): Promise<T | typeof TICK> {
    if (this.signal.aborted || this.due() !== undefined) return Promise.resolve(TICK);
    // One promise settled by whichever comes first (not Promise.race + finally: this runs once
    // per upstream chunk of every open stream, and each extra promise is garbage under load).
    return new Promise<T | typeof TICK>((resolve, reject) => {
      const wake = () => settle(TICK);
      // Only this race's own waker is cleared: a read that outlived an earlier race (woken by a
      // tick) settles that race's promise late, and must not unhook the current one.
      const unhook = () => {
        if (this.wake === wake) this.wake = undefined;
      };
      const settle = (value: T | typeof TICK) => {
        unhook();
        resolve(value);
      };
      this.wake = wake;
      promise.then(settle, (error: unknown) => {
        unhook();
        reject(error);
      });
    });
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
    this.signal.removeEventListener('abort', this.onAbort);
    this.wake?.();
  }
}
