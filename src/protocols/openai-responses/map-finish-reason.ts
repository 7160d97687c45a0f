// Responses has no finish_reason: the ending is `status` plus `incomplete_details.reason`, and a
// tool-call turn is just `completed` with function_call items. The raw value kept in
// the hub is `status` or `status:reason`, e.g. `incomplete:max_output_tokens`.
// https://platform.openai.com/docs/api-reference/responses/object
import { withToolCallInvariant } from '../../hub/finish-reason.ts';
import type { HubFinishReason, UnifiedFinishReason } from '../../hub/hub-response.ts';

type ResponsesStatus = 'completed' | 'failed' | 'in_progress' | 'cancelled' | 'queued' | 'incomplete';
type ResponsesEnding = ResponsesStatus | 'incomplete:max_output_tokens' | 'incomplete:content_filter';

const FROM_RESPONSES = {
  completed: 'stop',
  'incomplete:max_output_tokens': 'length',
  'incomplete:content_filter': 'content-filter',
  incomplete: 'other',
  failed: 'error',
  cancelled: 'other',
  in_progress: 'other',
  queued: 'other',
} as const satisfies Record<ResponsesEnding, UnifiedFinishReason>;

export interface ResponsesEndingFields {
  status: ResponsesStatus;
  incomplete_details: { reason: string } | null;
}

/** `tool-calls` is a plain completed response; `other` (Claude pause_turn, Gemini OTHER…) too. */
const TO_RESPONSES = {
  stop: { status: 'completed', incomplete_details: null },
  'tool-calls': { status: 'completed', incomplete_details: null },
  length: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
  'content-filter': { status: 'incomplete', incomplete_details: { reason: 'content_filter' } },
  error: { status: 'failed', incomplete_details: null },
  other: { status: 'completed', incomplete_details: null },
} as const satisfies Record<UnifiedFinishReason, ResponsesEndingFields>;

function isEnding(value: string): value is ResponsesEnding {
  return Object.hasOwn(FROM_RESPONSES, value);
}

/** Upstream status (+ incomplete reason) → hub finish reason; `tool-calls` iff a call survived. */
export function mapResponsesFinishReason(status: string | undefined, incompleteReason: string | undefined, toolCalls: number): HubFinishReason {
  const raw = status === 'incomplete' && incompleteReason ? `incomplete:${incompleteReason}` : (status ?? 'completed');
  const unified: UnifiedFinishReason = isEnding(raw) ? FROM_RESPONSES[raw] : 'other';
  return { unified: withToolCallInvariant(unified, toolCalls), raw };
}

/** Hub finish reason → Responses `status` + `incomplete_details`. */
export function toResponsesEnding(finish: HubFinishReason): ResponsesEndingFields {
  const ending = TO_RESPONSES[finish.unified];
  return { status: ending.status, incomplete_details: ending.incomplete_details ? { ...ending.incomplete_details } : null };
}
