// One request as it is observed: handlers note what they learn (model, target, upstream
// waits, usage, failures) on `ctx.observation`, and the app ends it exactly once — when the
// answer is ready, or for a stream when the stream closes (ended, failed or abandoned by the
// client). Plain fields and Date.now(): nothing here awaits or formats per chunk.
import type { HubUsage } from '../hub/hub-response.ts';
import type { RequestObserver, RequestSummary, UpstreamProblem } from './request-summary.ts';

export interface ObservationStart {
  requestId: string;
  /** By path until a handler knows better. */
  inbound: string;
  startedAt: number;
  observer: RequestObserver | undefined;
  /** Upstream requests made so far (ctx.attempts). */
  attempts: () => number;
  /** The client went away. */
  aborted: () => boolean;
}

export class RequestObservation {
  route: string | undefined;
  model: string | undefined;
  upstream: string | undefined;
  upstreamType: string | undefined;
  usage: HubUsage | undefined;
  warnings = 0;
  private upstreamError: UpstreamProblem | undefined;
  private upstreamMs = 0;
  /** When the open stream's reading began (its time counts as upstream time when it closes). */
  private streamSince: number | undefined;
  private status = 0;
  private ttfbMs: number | undefined;
  private done = false;

  readonly requestId: string;
  inbound: string;
  private readonly startedAt: number;
  /** Undefined: a request nobody is told about (a probe, a scrape). */
  private readonly observer: RequestObserver | undefined;
  private readonly attempts: () => number;
  private readonly aborted: () => boolean;

  constructor(start: ObservationStart) {
    this.requestId = start.requestId;
    this.inbound = start.inbound;
    this.startedAt = start.startedAt;
    this.observer = start.observer;
    this.attempts = start.attempts;
    this.aborted = start.aborted;
  }

  /** An upstream attempt failed; the last one is the line's `upstreamError`, each one is counted. */
  upstreamFailed(problem: UpstreamProblem): void {
    this.upstreamError = problem;
    this.observer?.upstreamFailed?.(problem);
  }

  /** Adds time spent waiting on an upstream (headers, a body read). */
  waited(since: number): void {
    this.upstreamMs += Date.now() - since;
  }

  /** A stream began reading its upstream at `since`; its close ends the request. */
  streamOpened(since: number): void {
    this.streamSince = since;
    this.observer?.streamOpened?.();
  }

  /** The stream ended, failed or was cancelled: the request is over. */
  streamClosed(): void {
    if (this.streamSince === undefined) return;
    this.waited(this.streamSince);
    this.streamSince = undefined;
    this.observer?.streamClosed?.();
    // Closed before the app saw the answer (a discarded attempt's stream): answered() ends it.
    if (this.status !== 0) this.finish();
  }

  /** A stream that failed before its first event: its wait was upstream time, and no stream stays open. */
  streamFailed(): void {
    if (this.streamSince === undefined) return;
    this.waited(this.streamSince);
    this.streamSince = undefined;
    this.observer?.streamClosed?.();
  }

  /**
   * The answer is ready. A streamed one is finished by its stream's close; anything else (or a
   * stream opened for an attempt whose answer was not the one sent) is finished now.
   */
  answered(status: number, streamed: boolean): void {
    this.status = status;
    if (streamed && this.streamSince !== undefined) {
      this.ttfbMs = Date.now() - this.startedAt;
      return;
    }
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (!this.observer) return;
    const durationMs = Date.now() - this.startedAt;
    const summary: RequestSummary = {
      requestId: this.requestId,
      inbound: this.inbound,
      route: this.route,
      model: this.model,
      upstream: this.upstream,
      upstreamType: this.upstreamType,
      status: this.status,
      attempts: this.attempts(),
      durationMs,
      upstreamMs: this.upstreamMs,
      overheadMs: Math.max(0, durationMs - this.upstreamMs),
      ttfbMs: this.ttfbMs,
      usage: this.usage,
      warnings: this.warnings,
      clientAborted: this.aborted(),
      upstreamError: this.upstreamError,
    };
    this.observer.requestDone(summary);
  }
}
