// What is known about one request once it is over: the fields of its one log line and what the
// metrics count. Built once per request from data the request already had (observation.ts);
// it never holds a key, a header value or any prompt or answer text.
import type { HubUsage } from '../hub/hub-response.ts';

/** Why an upstream attempt failed: where it went and what broke, never the key or the body sent. */
export interface UpstreamProblem {
  provider: string;
  /** The upstream's host (and port), from its configured base URL. */
  host: string;
  /** The upstream's HTTP status, when it answered one. */
  status?: number;
  /** A network cause when it did not answer: `ECONNREFUSED`, `timeout`, a TLS code… */
  cause?: string;
}

export interface RequestSummary {
  requestId: string;
  /** The inbound protocol (by route): openai-chat-completions, openai-responses, claude, gemini. */
  inbound: string;
  /** The matched route pattern (`/v1/chat/completions`), never the raw path. */
  route: string | undefined;
  /** The model the client asked for (a `provider.model` or an alias). */
  model: string | undefined;
  /** The target that served (or was last tried): `provider.model`. */
  upstream: string | undefined;
  /** That provider's type (its protocol, or `mock`). */
  upstreamType: string | undefined;
  status: number;
  /** Upstream requests made (retries and fallbacks included). */
  attempts: number;
  durationMs: number;
  /** Time spent waiting on upstreams: headers, bodies, and the whole time a stream was open. */
  upstreamMs: number;
  /** durationMs − upstreamMs: what the gateway itself cost. */
  overheadMs: number;
  /** Streams: time until the first bytes were ready for the client. */
  ttfbMs: number | undefined;
  usage: HubUsage | undefined;
  /** Conversion warnings reported for the answer (x-any-api-warnings lines). */
  warnings: number;
  clientAborted: boolean;
  /** The last upstream failure met, when there was one (a retry may still have succeeded). */
  upstreamError: UpstreamProblem | undefined;
}

/** Told when requests end and when streams open and close (request-log.ts; Node also Prometheus). */
export interface RequestObserver {
  requestDone(summary: RequestSummary): void;
  /** Each failed upstream attempt (a request may retry and still succeed). */
  upstreamFailed?(problem: UpstreamProblem): void;
  streamOpened?(): void;
  streamClosed?(): void;
}

/** Several observers as one (Node: the request log and the metrics). */
export function observers(...list: RequestObserver[]): RequestObserver {
  return {
    requestDone: (summary) => {
      for (const o of list) o.requestDone(summary);
    },
    upstreamFailed: (problem) => {
      for (const o of list) o.upstreamFailed?.(problem);
    },
    streamOpened: () => {
      for (const o of list) o.streamOpened?.();
    },
    streamClosed: () => {
      for (const o of list) o.streamClosed?.();
    },
  };
}
