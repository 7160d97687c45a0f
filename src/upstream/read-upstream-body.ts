// Reads a whole (non-stream) upstream body as text, bounded: no longer than
// `maxResponseBytes` (a larger answer is a 502, never held in memory), and no silence longer
// than `idleTimeoutMs` (a 504). A connection that breaks mid-body is a 502. The reader and
// the clock's timer are released however reading ends, the client's disconnect included.
import { abortedError } from '../errors/aborted-error.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { StreamClock } from '../stream/stream-clock.ts';
import { listenTo, type UpstreamReply } from './upstream-client.ts';
import { answerTooLarge, connectionBroke, deadlineExceeded } from './upstream-faults.ts';

export interface BodyReadOptions {
  provider: string;
  signal: AbortSignal;
  idleTimeoutMs: number;
  maxResponseBytes: number;
}

/**
 * Pushed, not pulled (upstream-client.ts `listenTo`): on Node the chunks come straight from the
 * socket's events, so a small answer costs one promise, not an async-iterator step, a clock
 * race and their promises per chunk.
 */
export function readUpstreamText(reply: UpstreamReply, options: BodyReadOptions): Promise<string> {
  const source = reply.body;
  const { provider, signal, idleTimeoutMs, maxResponseBytes } = options;
  const declared = Number(reply.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxResponseBytes) {
    source.cancel();
    return Promise.reject(answerTooLarge(provider, maxResponseBytes));
  }
  if (signal.aborted) {
    source.cancel();
    return Promise.reject(abortedError(signal));
  }
  return new Promise<string>((resolve, reject) => {
    const decoder = new TextDecoder();
    let text = '';
    let size = 0;
    let over = false;
    const finish = (error?: GatewayError) => {
      if (over) return;
      over = true;
      clock.stop();
      signal.removeEventListener('abort', onAbort);
      source.cancel();
      if (error) reject(error);
      else resolve(text + decoder.decode());
    };
    const onAbort = () => finish(abortedError(signal));
    const clock = new StreamClock({ idleTimeoutMs, startedAt: Date.now() }, () => {
      if (clock.due() === 'idle') finish(deadlineExceeded(provider, 'idleTimeoutMs', idleTimeoutMs));
    });
    signal.addEventListener('abort', onAbort, { once: true });
    listenTo(source, {
      chunk(bytes) {
        if (over) return;
        clock.input();
        size += bytes.byteLength;
        if (size > maxResponseBytes) finish(answerTooLarge(provider, maxResponseBytes));
        else text += decoder.decode(bytes, { stream: true });
      },
      end: () => finish(),
      fail: (error) => finish(signal.aborted ? abortedError(signal) : connectionBroke(provider, error, 'mid-body')),
    });
  });
}
