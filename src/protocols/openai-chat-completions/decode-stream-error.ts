// An error inside a 200 Chat stream (`data: {"error":{message,type,param,code}}`, or `event: error`;
// openai-node core/streaming.ts throws on both) → one hub `error` event. The stream carries no
// HTTP status, so the status is read back from the error's `code` or `type`: an
// overload or a rate limit must stay retryable for the client.
// https://platform.openai.com/docs/guides/error-codes
import { openaiErrorStatus } from '../../errors/openai-error-status.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import { isRecord, numberAt, stringAt } from '../read-json.ts';

/** `body` is the parsed `data:` payload: `{"error":{…}}`, `{"error":"text"}`, or the error object itself (`event: error`). */
export function decodeStreamError(body: unknown): Extract<HubEvent, { type: 'error' }> {
  const inner = isRecord(body) && body.error !== undefined ? body.error : body;
  const error = isRecord(inner) ? inner : {};
  const message = stringAt(error.message) ?? stringAt(inner) ?? 'The upstream reported an error during the stream.';
  const code = numberAt(error.code) === undefined ? stringAt(error.code) : String(error.code);
  return { type: 'error', status: openaiErrorStatus(error.code, error.type), message, ...(code ? { code } : {}) };
}
