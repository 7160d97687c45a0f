// What went wrong with an upstream, as the UpstreamFailure (a GatewayError marked as the upstream's) the client gets: each names the
// upstream (its provider id, never its URL or key) and what was wrong, so an operator reading
// a client's error knows where to look. Statuses: 502 for a broken answer, 504 for a deadline.
import { UpstreamFailure } from '../errors/upstream-failure.ts';

export type DeadlineName = 'timeoutMs' | 'idleTimeoutMs' | 'firstEventTimeoutMs';

const who = (provider: string) => `The upstream (provider "${provider}")`;

/** A short name for why a socket or body failed (`ECONNRESET`, `UND_ERR_SOCKET`, …), safe to show a client. */
export function failureCause(error: unknown): string {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  // Messages may name hosts and addresses: clients get a code or a generic word, never those.
  const named = error instanceof Error ? /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+|CERT_[A-Z_]+)\b/.exec(error.message) : null;
  if (named) return named[1]!;
  if (error instanceof Error && /terminated|other side closed|socket/i.test(error.message)) return 'connection closed';
  return 'network error';
}

export function deadlineExceeded(provider: string, name: DeadlineName, ms: number): UpstreamFailure {
  const what = {
    timeoutMs: `sent no response headers within ${ms} ms`,
    firstEventTimeoutMs: `sent no stream event within ${ms} ms of the request`,
    idleTimeoutMs: `sent nothing for ${ms} ms in the middle of its answer`,
  }[name];
  return new UpstreamFailure(504, `${who(provider)} ${what} (options.${name}).`, { code: 'timeout', netCause: 'timeout' });
}

export function connectionBroke(provider: string, error: unknown, stage: 'before answering' | 'mid-body' | 'mid-stream'): UpstreamFailure {
  const cause = failureCause(error);
  return new UpstreamFailure(502, `${who(provider)} connection failed ${stage} (${cause}).`, { netCause: cause });
}

export function answerTooLarge(provider: string, limit: number): UpstreamFailure {
  return new UpstreamFailure(502, `${who(provider)} answer is larger than ${limit} bytes (options.maxResponseBytes).`);
}

export function eventTooLarge(provider: string, limit: number): UpstreamFailure {
  return new UpstreamFailure(502, `${who(provider)} sent an SSE event larger than ${limit} bytes (options.maxResponseBytes).`);
}

export function brokenAnswer(provider: string, protocolName: string, problem: string): UpstreamFailure {
  return new UpstreamFailure(502, `${who(provider)} answered HTTP 200, but not with a complete ${protocolName} response: ${problem}.`);
}

export function notAnEventStream(provider: string, snippet: string | undefined): UpstreamFailure {
  const seen = snippet ? `; it began with ${JSON.stringify(snippet.slice(0, 120))}` : ', and its body was empty';
  return new UpstreamFailure(502, `${who(provider)} answered a stream request with something that is not an event stream${seen}.`);
}
