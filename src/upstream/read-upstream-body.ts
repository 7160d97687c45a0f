// Reads a whole (non-stream) upstream body as text, bounded: no longer than
// `maxResponseBytes` (a larger answer is a 502, never held in memory), and no silence longer
// than `idleTimeoutMs` (a 504). A connection that breaks mid-body is a 502. The reader and
// the clock's timer are released however reading ends, the client's disconnect included.
import { abortedError } from '../errors/aborted-error.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { StreamClock, TICK } from '../stream/stream-clock.ts';
import type { UpstreamReply } from './upstream-client.ts';
import { answerTooLarge, connectionBroke, deadlineExceeded } from './upstream-faults.ts';

export interface BodyReadOptions {
  provider: string;
  signal: AbortSignal;
  idleTimeoutMs: number;
  maxResponseBytes: number;
}

export async function readUpstreamText(reply: UpstreamReply, options: BodyReadOptions): Promise<string> {
  const reader = reply.body;
  const declared = Number(reply.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxResponseBytes) {
    reader.cancel();
    throw answerTooLarge(options.provider, options.maxResponseBytes);
  }
  const clock = new StreamClock({ idleTimeoutMs: options.idleTimeoutMs, startedAt: Date.now() }, options.signal);
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    // A read left pending when reading stops early may still reject: never unhandled.
    let pending = reader.next();
    pending.catch(() => {});
    for (;;) {
      const result = await clock.race(pending);
      if (options.signal.aborted) throw abortedError(options.signal);
      if (result === TICK) {
        if (clock.due() === 'idle') throw deadlineExceeded(options.provider, 'idleTimeoutMs', options.idleTimeoutMs);
        continue;
      }
      if (result.done) break;
      clock.input();
      pending = reader.next();
      pending.catch(() => {});
      size += result.value.byteLength;
      if (size > options.maxResponseBytes) throw answerTooLarge(options.provider, options.maxResponseBytes);
      text += decoder.decode(result.value, { stream: true });
    }
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (options.signal.aborted) throw abortedError(options.signal);
    throw connectionBroke(options.provider, error, 'mid-body');
  } finally {
    clock.stop();
    reader.cancel();
  }
  return text + decoder.decode();
}
