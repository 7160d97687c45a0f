// In-band failures of a Responses stream (HTTP 200 already sent) ⇔ hub `error`.
// Upstream: `error` events come flat (`{type:"error", code, message, param}`, the published
// schema) or nested (`{type:"error", error:{type, code, message, param}}`, what the API sends
// today, fx:openai-responses/stream-error-insufficient-quota.chunks), and `response.failed`
// carries `response.error:{code, message}`. The stream has no HTTP status, so it is read back
// from the code: a rate limit or an overload must stay retryable for the client (PITFALLS 23).
// https://platform.openai.com/docs/guides/error-codes
import { byClass, OPENAI_ERROR_TYPE } from '../../errors/status-tables.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import { isRecord, type JsonObject, stringAt } from '../read-json.ts';

type HubError = Extract<HubEvent, { type: 'error' }>;

/** OpenAI error codes / types → HTTP status (Responses answers an unknown model with 400). */
const STATUS_BY_KIND: Record<string, number> = {
  invalid_request_error: 400,
  invalid_prompt: 400,
  context_length_exceeded: 400,
  model_not_found: 400,
  invalid_api_key: 401,
  authentication_error: 401,
  permission_error: 403,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  usage_not_included: 429,
  tokens: 429,
  requests: 429,
  server_error: 500,
  api_error: 500,
  server_is_overloaded: 503,
  slow_down: 503,
  overloaded: 503,
  timeout: 504,
};

/** Codes (not types) OpenAI itself sends, kept as they are. */
const OPENAI_CODES = new Set([
  'invalid_prompt', 'context_length_exceeded', 'model_not_found', 'invalid_api_key', 'rate_limit_exceeded',
  'insufficient_quota', 'usage_not_included', 'server_error', 'server_is_overloaded', 'slow_down',
]);

function statusOf(code: string | undefined, type: string | undefined): number {
  for (const kind of [code, type]) {
    if (kind !== undefined && Object.hasOwn(STATUS_BY_KIND, kind)) return STATUS_BY_KIND[kind] ?? 500;
  }
  // An unnamed `invalid_*` code (invalid_image, invalid_value…) is the request's fault.
  return [code, type].some((kind) => kind?.startsWith('invalid_')) ? 400 : 500;
}

function toHubError(error: JsonObject, fallback: string): HubError {
  const code = stringAt(error.code);
  const message = stringAt(error.message) || fallback;
  return { type: 'error', status: statusOf(code, stringAt(error.type)), message, ...(code ? { code } : {}) };
}

/** An `error` event, flat or nested. */
export function decodeErrorEvent(event: JsonObject): HubError {
  return toHubError(isRecord(event.error) ? event.error : event, 'The upstream reported an error during the stream.');
}

/** A `response.failed` event's `response.error`. */
export function decodeFailedResponse(response: JsonObject): HubError {
  return toHubError(isRecord(response.error) ? response.error : {}, 'The upstream response failed.');
}

/**
 * The `code` a Responses client acts on: Codex retries `rate_limit_exceeded` (reading "try again
 * in Ns" from the message) and `server_is_overloaded`, and stops on `insufficient_quota` or
 * `context_length_exceeded`. A code that is already one of OpenAI's is kept; others (Claude's
 * `overloaded_error`, Gemini's `UNAVAILABLE`) are named from the status.
 */
export function responsesErrorCode(error: HubError): string {
  if (error.code !== undefined && OPENAI_CODES.has(error.code)) return error.code;
  if (error.status === 429) return 'rate_limit_exceeded';
  if (error.status === 503 || error.status === 529) return 'server_is_overloaded';
  const row = byClass(OPENAI_ERROR_TYPE, error.status);
  return row.code ?? row.type;
}
