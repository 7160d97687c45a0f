// One upstream HTTP call. `fetch` is injected (tests replay fixtures without global mocks;
// the mock provider answers in-process; Node passes an undici-backed fetch without its own
// deadlines). The `timeoutMs` deadline covers the wait for response headers and is enforced
// here, the same on every runtime; a client that goes away aborts the call, stream included.
import { GatewayError } from '../errors/gateway-error.ts';
import { connectionBroke, deadlineExceeded } from './upstream-faults.ts';

export type FetchLike = (input: Request) => Promise<Response>;

export interface UpstreamCall {
  /** The provider id, to name the upstream in errors and logs (never its URL or key). */
  provider: string;
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
    if (timedOut) throw deadlineExceeded(call.provider, 'timeoutMs', call.timeoutMs);
    if (call.signal.aborted) throw new GatewayError(499, 'The client closed the request.');
    const failure = connectionBroke(call.provider, error, 'before answering');
    console.error(`any-api: ${failure.message}`);
    throw failure;
  } finally {
    // The abort listener stays: a client that leaves mid-body aborts the body too.
    clearTimeout(timer);
  }
}
