// Why a request's signal aborted, as the error to answer with. Usually the client went away
// (499, which nobody reads). The gateway aborts with a GatewayError of its own when it must end
// a request whose client is still there — the Node server's shutdown grace period running out
// (503) — and then that error is the answer: a JSON error, or the stream's error event.
import { GatewayError } from './gateway-error.ts';

export function abortedError(signal: AbortSignal): GatewayError {
  return signal.reason instanceof GatewayError ? signal.reason : new GatewayError(499, 'The client closed the request.');
}

/** The gateway's own abort reason, if it was one (undefined for a client gone or a cancel). */
export function serverAbort(signal: AbortSignal): GatewayError | undefined {
  return signal.reason instanceof GatewayError ? signal.reason : undefined;
}
