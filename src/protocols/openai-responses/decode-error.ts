// Upstream: a non-2xx Responses answer → GatewayError. Same envelope as Chat,
// `{error:{message, type, param, code}}`; status and `retry-after` are kept so the inbound
// protocol can render an equivalent error and clients retry on time.
import type { HeaderReader } from '../../http/header-reader.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { isRecord, stringAt } from '../read-json.ts';

export function decodeError(status: number, body: unknown, headers: HeaderReader): GatewayError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message =
    stringAt(error?.message) ?? (typeof body === 'string' && body.trim() !== '' ? body.slice(0, 1000) : `The upstream answered HTTP ${status}.`);
  const param = stringAt(error?.param);
  const code = stringAt(error?.code);
  const retryAfter = headers.get('retry-after');
  return new GatewayError(status, message, {
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
    ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
  });
}
