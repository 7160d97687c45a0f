// An upstream Claude error answer → GatewayError. The envelope is
// `{type:"error", error:{type, message}, request_id}`; the status is kept as sent (529
// "overloaded" stays 529; renderError turns it into 503 for clients that do not know 529),
// and `retry-after` is kept so clients back off as the upstream asked.
import type { HeaderReader } from '../../http/header-reader.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { isRecord, stringAt } from '../read-json.ts';

export function decodeError(status: number, body: unknown, headers: HeaderReader): GatewayError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
  const message = stringAt(error?.message) ?? (text || `The Claude upstream answered HTTP ${status} without an error message.`);
  const retryAfter = headers.get('retry-after');
  return new GatewayError(status, message, retryAfter ? { headers: { 'retry-after': retryAfter } } : {});
}
