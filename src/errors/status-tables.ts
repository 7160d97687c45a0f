// HTTP status → each protocol's error type names, so an error keeps its meaning when it
// changes envelope. Anthropic: https://docs.anthropic.com/en/api/errors ; Gemini uses
// google.rpc.Code names (https://ai.google.dev/gemini-api/docs/troubleshooting);
// OpenAI: https://platform.openai.com/docs/guides/error-codes.

export const ANTHROPIC_ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  501: 'api_error',
  502: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export const GEMINI_ERROR_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'UNIMPLEMENTED',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
  529: 'UNAVAILABLE',
};

/** OpenAI `{type, code}` by status; OpenAI itself reports a bad key as invalid_request_error/invalid_api_key. */
export const OPENAI_ERROR_TYPE: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'permission_error', code: null },
  404: { type: 'invalid_request_error', code: 'not_found' },
  405: { type: 'invalid_request_error', code: 'method_not_allowed' },
  413: { type: 'invalid_request_error', code: 'request_too_large' },
  429: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  501: { type: 'server_error', code: 'not_implemented' },
  502: { type: 'server_error', code: null },
  503: { type: 'server_error', code: 'overloaded' },
  504: { type: 'server_error', code: 'timeout' },
  529: { type: 'server_error', code: 'overloaded' },
};

/** Fallback by class for statuses no table names. */
export function byClass<T>(table: Record<number, T>, status: number): T {
  return table[status] ?? table[status >= 500 ? 500 : 400] as T;
}
