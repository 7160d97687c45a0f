// An OpenAI-family error that arrives without an HTTP status (inside a 200 stream, Chat or
// Responses) gets one back from its `code` or `type`, so a rate limit or an overload stays
// retryable for the client (a client retries on 429/5xx, never on a 400). One table for both OpenAI
// protocols; an error that comes with an HTTP status keeps that status and never reads this.
// https://platform.openai.com/docs/guides/error-codes
import { numberAt, stringAt } from '../protocols/read-json.ts';

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
  // Chat answers an unknown model with HTTP 404 (Responses with 400: that status, when present, is kept).
  model_not_found: 404,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  // OpenAI's rate-limit errors name the exhausted limit as the type.
  requests: 429,
  tokens: 429,
  insufficient_quota: 429,
  usage_not_included: 429,
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

/** The status an in-band OpenAI-family error stands for. */
export function openaiErrorStatus(code: unknown, type: unknown): number {
  // Some Chat-compatible servers (OpenRouter, Gemini's OpenAI endpoint) put the HTTP status in `code`.
  const numeric = numberAt(code);
  if (numeric !== undefined && numeric >= 400 && numeric <= 599) return numeric;
  const kinds = [stringAt(code), stringAt(type)];
  for (const kind of kinds) {
    if (kind !== undefined && Object.hasOwn(STATUS_BY_KIND, kind)) return STATUS_BY_KIND[kind] ?? 500;
  }
  // An unnamed `invalid_*` code (invalid_image, invalid_value…) is the request's fault.
  return kinds.some((kind) => kind?.startsWith('invalid_')) ? 400 : 500;
}
