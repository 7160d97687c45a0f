// One upstream HTTP call through the runtime's UpstreamClient (upstream-client.ts). The
// `timeoutMs` deadline covers the wait for response headers and is enforced here, the same on
// every runtime; a client that goes away aborts the call, its body included.
import { abortedError } from '../errors/aborted-error.ts';
import type { UpstreamClient, UpstreamReply } from './upstream-client.ts';
import { connectionBroke, deadlineExceeded } from './upstream-faults.ts';

export interface UpstreamCall {
  /** The provider id, to name the upstream in errors and logs (never its URL or key). */
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts when the client disconnects. */
  signal: AbortSignal;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}

export async function callUpstream(client: UpstreamClient, call: UpstreamCall): Promise<UpstreamReply> {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(call.signal.reason);
  if (call.signal.aborted) onClientAbort();
  // The listener stays after the headers: a client that leaves mid-body aborts the body too.
  call.signal.addEventListener('abort', onClientAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('upstream timeout'));
  }, call.timeoutMs);
  try {
    return await client({ method: 'POST', url: call.url, headers: call.headers, body: call.body, signal: controller.signal });
  } catch (error) {
    if (timedOut) throw deadlineExceeded(call.provider, 'timeoutMs', call.timeoutMs);
    if (call.signal.aborted) throw abortedError(call.signal);
    const failure = connectionBroke(call.provider, error, 'before answering');
    // The host too (never the path or query, which may hold a key): where an operator looks first.
    console.error(`any-api: ${failure.message} Host: ${hostOf(call.url)}.`);
    throw failure;
  } finally {
    clearTimeout(timer);
  }
}
