// One upstream HTTP call. `fetch` is injected (tests replay fixtures without global mocks;
// the mock provider answers in-process). The timeout covers the wait for response headers;
// a client that goes away aborts the call, stream included.
import { GatewayError } from '../errors/gateway-error.ts';

export type FetchLike = (input: Request) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 600_000;

export interface UpstreamCall {
  url: string;
  headers: Headers;
  body: string;
  timeoutMs: number;
  /** Aborts when the client disconnects. */
  signal: AbortSignal;
}

export async function callUpstream(fetchImpl: FetchLike, call: UpstreamCall): Promise<Response> {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(call.signal.reason);
  if (call.signal.aborted) onClientAbort();
  call.signal.addEventListener('abort', onClientAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('upstream timeout'));
  }, call.timeoutMs);
  try {
    return await fetchImpl(new Request(call.url, { method: 'POST', headers: call.headers, body: call.body, signal: controller.signal }));
  } catch (error) {
    if (timedOut) throw new GatewayError(504, `The upstream did not answer within ${call.timeoutMs} ms.`);
    if (call.signal.aborted) throw new GatewayError(499, 'The client closed the request.');
    // The message of a network error may name hosts; keep it generic and log the rest.
    console.error('any-api: upstream fetch failed:', error instanceof Error ? error.message : String(error));
    throw new GatewayError(502, 'The upstream could not be reached.');
  } finally {
    clearTimeout(timer);
  }
}
