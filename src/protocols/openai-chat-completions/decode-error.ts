// A non-2xx Chat answer → GatewayError, keeping status, message, param, code and retry-after.
// OpenAI envelope: {"error":{"message","type","param","code"}} (type/param/code may be null).
// https://platform.openai.com/docs/guides/error-codes
import type { HeaderReader } from '../../http/header-reader.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { isRecord, stringAt } from '../read-json.ts';

function retryHeaders(headers: HeaderReader): Record<string, string> | undefined {
  const seconds = headers.get('retry-after');
  if (seconds !== null) return { 'retry-after': seconds };
  // OpenAI also sends the delay in milliseconds; clients of other protocols read only retry-after.
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  return Number.isFinite(ms) && ms >= 0 ? { 'retry-after': String(Math.ceil(ms / 1000)) } : undefined;
}

function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function decodeError(status: number, body: unknown, headers: HeaderReader): GatewayError {
  const kept = retryHeaders(headers);
  const options = kept ? { headers: kept } : {};
  const envelope = parsed(body);
  const error = isRecord(envelope) && isRecord(envelope.error) ? envelope.error : undefined;
  const message = stringAt(error?.message);
  if (!error || message === undefined) return new GatewayError(status, `The upstream answered HTTP ${status}`, options);
  // Some Chat-compatible servers send a numeric code.
  const code = typeof error.code === 'number' ? String(error.code) : stringAt(error.code);
  return new GatewayError(status, message, { ...options, param: stringAt(error.param), code });
}
