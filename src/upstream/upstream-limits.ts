// The deadlines and size bounds of one upstream call, from the provider/model options with
// their documented defaults (README, config reference). Every timer they arm belongs to the
// request and stops with it.
import type { ProviderOptions } from '../config/config-types.ts';

export interface UpstreamLimits {
  /** Wait for the response headers. */
  timeoutMs: number;
  /** Longest silence inside a body or stream. */
  idleTimeoutMs: number;
  /** Streams: from the request to the first event. */
  firstEventTimeoutMs: number;
  /** Largest body (or single stream event) read. */
  maxResponseBytes: number;
  /** Keep-alive interval for streams sent to the client. */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUT_MS = 600_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_KEEP_ALIVE_MS = 15_000;

export function upstreamLimits(options: ProviderOptions): UpstreamLimits {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    firstEventTimeoutMs: options.firstEventTimeoutMs ?? timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    keepAliveMs: options.streamKeepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
  };
}
