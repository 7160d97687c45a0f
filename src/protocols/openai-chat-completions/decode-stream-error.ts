// An error inside a 200 Chat stream (`data: {"error":{message,type,param,code}}`, or `event: error`;
// openai-node core/streaming.ts throws on both) → one hub `error` event. The stream carries no
// HTTP status, so the status is read back from the error's `code` or `type` (PITFALLS 23: an
// overload or a rate limit must stay retryable for the client).
// https://platform.openai.com/docs/guides/error-codes
import type { HubEvent } from '../../hub/hub-events.ts';
import { isRecord, numberAt, stringAt } from '../read-json.ts';

/** OpenAI `code` / `type` values (and the Anthropic and Chat-compatible ones seen through proxies) → HTTP status. */
const STATUS_BY_KIND: Record<string, number> = {
  invalid_request_error: 400,
  context_length_exceeded: 400,
  invalid_prompt: 400,
  authentication_error: 401,
  invalid_api_key: 401,
  permission_error: 403,
  permission_denied: 403,
  not_found_error: 404,
  model_not_found: 404,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  // OpenAI's rate-limit errors name the exhausted limit as the type.
  requests: 429,
  tokens: 429,
  insufficient_quota: 429,
  server_error: 500,
  api_error: 500,
  internal_error: 500,
  // Codex's `server_is_overloaded`; 503, not Anthropic's 529, so every family reads it as retryable.
  server_is_overloaded: 503,
  overloaded: 503,
  overloaded_error: 503,
  service_unavailable: 503,
  slow_down: 503,
  timeout: 504,
};

/** A server failure whose kind is unknown is still a server failure. */
const DEFAULT_STATUS = 500;

function statusOf(code: unknown, type: unknown): number {
  // Some Chat-compatible servers (OpenRouter, Gemini's OpenAI endpoint) put the HTTP status in `code`.
  const numeric = numberAt(code);
  if (numeric !== undefined && numeric >= 400 && numeric <= 599) return numeric;
  for (const kind of [code, type]) {
    const name = stringAt(kind);
    if (name !== undefined && Object.hasOwn(STATUS_BY_KIND, name)) return STATUS_BY_KIND[name] ?? DEFAULT_STATUS;
  }
  return DEFAULT_STATUS;
}

/** `body` is the parsed `data:` payload: `{"error":{…}}`, `{"error":"text"}`, or the error object itself (`event: error`). */
export function decodeStreamError(body: unknown): Extract<HubEvent, { type: 'error' }> {
  const inner = isRecord(body) && body.error !== undefined ? body.error : body;
  const error = isRecord(inner) ? inner : {};
  const message = stringAt(error.message) ?? stringAt(inner) ?? 'The upstream reported an error during the stream.';
  const code = numberAt(error.code) === undefined ? stringAt(error.code) : String(error.code);
  return { type: 'error', status: statusOf(error.code, error.type), message, ...(code ? { code } : {}) };
}
