// In-band failures of a Responses stream (HTTP 200 already sent) ⇔ hub `error`.
// Upstream: `error` events come flat (`{type:"error", code, message, param}`, the published
// schema) or nested (`{type:"error", error:{type, code, message, param}}`, what the API sends
// today), and `response.failed`
// carries `response.error:{code, message}`. The stream has no HTTP status, so it is read back
// from the code: a rate limit or an overload must stay retryable for the client.
// https://platform.openai.com/docs/guides/error-codes
import { openaiErrorStatus } from '../../errors/openai-error-status.ts';
import { byClass, OPENAI_ERROR_TYPE } from '../../errors/status-tables.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import { isRecord, type JsonObject, stringAt } from '../read-json.ts';

type HubError = Extract<HubEvent, { type: 'error' }>;

/** Codes (not types) OpenAI itself sends, kept as they are. */
const OPENAI_CODES = new Set([
  'invalid_prompt', 'context_length_exceeded', 'model_not_found', 'invalid_api_key', 'rate_limit_exceeded',
  'insufficient_quota', 'usage_not_included', 'server_error', 'server_is_overloaded', 'slow_down',
]);

function toHubError(error: JsonObject, fallback: string): HubError {
  const code = stringAt(error.code);
  const message = stringAt(error.message) || fallback;
  return { type: 'error', status: openaiErrorStatus(error.code, error.type), message, ...(code ? { code } : {}) };
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
