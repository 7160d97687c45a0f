// Upstream: a non-2xx Gemini answer → GatewayError. The envelope is a google.rpc.Status,
// `{error:{code,message,status,details}}`, array-wrapped when streaming without `alt=sse`.
// A 429's wait comes from a RetryInfo detail (`retryDelay: "34.4s"`) or a retry-after header.
// https://ai.google.dev/gemini-api/docs/troubleshooting
import type { HeaderReader } from '../../http/header-reader.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { isRecord, recordsAt, stringAt } from '../read-json.ts';

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';

/** Whole seconds to wait, rounded up (`"34.4s"` → 35), from RetryInfo or the retry-after header. */
function retryAfter(details: Record<string, unknown>[], headers: HeaderReader): string | undefined {
  const delay = stringAt(details.find((d) => d['@type'] === RETRY_INFO)?.retryDelay);
  const seconds = delay !== undefined ? Number.parseFloat(delay) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return String(Math.ceil(seconds));
  return headers.get('retry-after') ?? undefined;
}

export function decodeError(status: number, body: unknown, headers: HeaderReader): GatewayError {
  const envelope: unknown = Array.isArray(body) ? body[0] : body;
  const error = isRecord(envelope) && isRecord(envelope.error) ? envelope.error : undefined;
  const message = stringAt(error?.message) ?? (typeof body === 'string' && body.trim() !== '' ? body : `The upstream answered HTTP ${status}.`);
  const retry = retryAfter(recordsAt(error?.details), headers);
  return new GatewayError(status, message, retry !== undefined ? { headers: { 'retry-after': retry } } : {});
}
