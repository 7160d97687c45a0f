// A mid-stream `event: error` (HTTP 200 already sent) → the HTTP status the same failure has
// as a plain error answer, read from ANTHROPIC_ERROR_TYPE backwards so both directions agree
// (https://docs.anthropic.com/en/api/errors). `overloaded_error` is 529, Anthropic's own
// status for it, although the table also names it for 503 (what other envelopes say).
import { ANTHROPIC_ERROR_TYPE } from '../../errors/status-tables.ts';

const STATUS_BY_TYPE = new Map<string, number>();
for (const [status, type] of Object.entries(ANTHROPIC_ERROR_TYPE)) {
  if (!STATUS_BY_TYPE.has(type)) STATUS_BY_TYPE.set(type, Number(status));
}
STATUS_BY_TYPE.set('overloaded_error', 529);

/** Anthropic `error.type` → HTTP status; an unknown type counts as a server failure unless it names a bad request. */
export function statusOfClaudeErrorType(type: string | undefined): number {
  if (type === undefined) return 500;
  return STATUS_BY_TYPE.get(type) ?? (/invalid|request/.test(type) ? 400 : 500);
}
