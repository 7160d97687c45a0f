// How long an upstream asks us to wait before trying again, in milliseconds, from the places
// upstreams put it: the HTTP `retry-after` header (delta-seconds or an HTTP date, RFC 9110
// §10.2.3), OpenAI's `retry-after-ms`, and Gemini's `google.rpc.RetryInfo` error detail
// (`"retryDelay": "5s"`, https://ai.google.dev/gemini-api/docs/troubleshooting and
// https://cloud.google.com/apis/design/errors#retryinfo). Anything unreadable is "not said".
import type { HeaderReader } from '../http/header-reader.ts';
import { isRecord, recordsAt, stringAt } from '../protocols/read-json.ts';

/** Longest wait any upstream may ask for: a day. A bigger value is treated as a typo, not obeyed. */
const MAX_MS = 24 * 60 * 60 * 1000;

function bounded(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_MS ? Math.ceil(ms) : undefined;
}

export function retryAfterHeaderMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return bounded(Number(text) * 1000);
  // An HTTP date always names its weekday and month; anything else (`-3`) is no date.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : bounded(Math.max(0, date - now));
}

/** Protobuf Duration JSON: decimal seconds with an `s` suffix ("5s", "1.5s", "0.250s"). */
function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?s$/.test(value)) return undefined;
  return bounded(Number(value.slice(0, -1)) * 1000);
}

function geminiRetryDelayMs(body: unknown): number | undefined {
  const error = isRecord(body) ? body.error : undefined;
  const details = isRecord(error) ? recordsAt(error.details) : [];
  const info = details.find((detail) => stringAt(detail['@type'])?.endsWith('google.rpc.RetryInfo'));
  return info ? durationMs(info.retryDelay) : undefined;
}

/** The upstream's own wait, from its headers or (Gemini) its error body; undefined when it said none. */
export function upstreamRetryAfterMs(headers: HeaderReader, body: unknown, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return bounded(Number(ms.trim()));
  return retryAfterHeaderMs(headers.get('retry-after'), now) ?? geminiRetryDelayMs(body);
}

/** Gemini says "quota" in the body's status rather than with a 429 of its own in some proxies. */
export function isResourceExhausted(body: unknown): boolean {
  const error = isRecord(body) ? body.error : undefined;
  return isRecord(error) && error.status === 'RESOURCE_EXHAUSTED';
}
