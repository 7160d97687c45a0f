// A GatewayError that came from the upstream — it refused (an HTTP error), broke (a reset, a
// broken answer, an error event before any output) or kept silent past a deadline — as opposed
// to one the gateway raised about the request or its own config. Only these are candidates for
// another attempt or a fallback (routing/), and only they say how long the upstream wants us to
// wait and whether the key ran out of quota.
import { GatewayError, type GatewayErrorOptions } from './gateway-error.ts';
import type { GatewayAnswer } from '../http/exchange.ts';

export interface UpstreamFailureOptions extends GatewayErrorOptions {
  /** The wait the upstream asked for (retry-after, Gemini RetryInfo), ms. */
  retryAfterMs?: number | undefined;
  /** The upstream said the key's quota ran out (Gemini RESOURCE_EXHAUSTED) whatever the status. */
  quotaExhausted?: boolean;
  /** A same-protocol upstream's error answer, to relay as it is if this stays the final outcome. */
  relayed?: GatewayAnswer;
  /** Why the upstream could not be reached or read (`ECONNREFUSED`, `timeout`, a TLS code), for logs. */
  netCause?: string;
}

export class UpstreamFailure extends GatewayError {
  readonly retryAfterMs: number | undefined;
  readonly quotaExhausted: boolean;
  readonly relayed: GatewayAnswer | undefined;
  readonly netCause: string | undefined;

  constructor(status: number, message: string, options: UpstreamFailureOptions = {}) {
    super(status, message, options);
    this.retryAfterMs = options.retryAfterMs;
    this.quotaExhausted = options.quotaExhausted ?? false;
    this.relayed = options.relayed;
    this.netCause = options.netCause;
  }

  /** The same error, marked as the upstream's. */
  static of(error: GatewayError, options: UpstreamFailureOptions = {}): UpstreamFailure {
    if (error instanceof UpstreamFailure && Object.keys(options).length === 0) return error;
    return new UpstreamFailure(error.status, error.message, {
      ...(error.param === undefined ? {} : { param: error.param }),
      ...(error.code === undefined ? {} : { code: error.code }),
      headers: error.headers,
      ...options,
    });
  }
}
