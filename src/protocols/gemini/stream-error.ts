// An in-band Gemini stream error, `{"error":{code, message, status}}` (a google.rpc.Status), as
// one hub error with an HTTP status: read by the reducer of a converted stream and by the relay
// of a pass-through one (stream-ending.ts) alike.
// https://cloud.google.com/apis/design/errors#http_mapping
import type { HubEvent } from '../../hub/hub-events.ts';
import { numberAt, stringAt, type JsonObject } from '../read-json.ts';

/** google.rpc.Code names → HTTP status, for an in-band error without a numeric `code`. */
const RPC_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};


/** `{error:{code, message, status}}` (google.rpc.Status) → one hub error. */
export function streamError(error: JsonObject): Extract<HubEvent, { type: 'error' }> {
  const rpc = stringAt(error.status);
  const code = numberAt(error.code);
  const status = code !== undefined && code >= 400 && code < 600 ? code : (rpc !== undefined ? RPC_STATUS[rpc] : undefined) ?? 500;
  const message = stringAt(error.message) ?? `The upstream stream failed (${rpc ?? status}).`;
  return { type: 'error', status, message, ...(rpc !== undefined ? { code: rpc } : {}) };
}
