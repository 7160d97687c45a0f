// Gemini `finishReason` ⇔ unified finish reason, both ways, plus the hub's tool-call rule
// (hub/finish-reason.ts): Gemini says STOP after function calls too.
// https://ai.google.dev/api/generate-content#FinishReason
import { withToolCallInvariant } from '../../hub/finish-reason.ts';
import type { HubFinishReason, UnifiedFinishReason } from '../../hub/hub-response.ts';

export type GeminiFinishReason =
  | 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'RECITATION' | 'LANGUAGE' | 'OTHER' | 'BLOCKLIST' | 'PROHIBITED_CONTENT' | 'SPII'
  | 'MALFORMED_FUNCTION_CALL' | 'IMAGE_SAFETY' | 'IMAGE_PROHIBITED_CONTENT' | 'IMAGE_OTHER' | 'NO_IMAGE' | 'IMAGE_RECITATION'
  | 'UNEXPECTED_TOOL_CALL' | 'TOO_MANY_TOOL_CALLS' | 'MISSING_THOUGHT_SIGNATURE' | 'MALFORMED_RESPONSE' | 'ESCALATION'
  | 'FINISH_REASON_UNSPECIFIED';

export const FROM_GEMINI = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  IMAGE_SAFETY: 'content-filter',
  IMAGE_PROHIBITED_CONTENT: 'content-filter',
  IMAGE_RECITATION: 'content-filter',
  LANGUAGE: 'content-filter', // the model refused to answer in an unsupported language
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
  MISSING_THOUGHT_SIGNATURE: 'error',
  MALFORMED_RESPONSE: 'error',
  IMAGE_OTHER: 'other',
  NO_IMAGE: 'other',
  ESCALATION: 'other',
  OTHER: 'other',
  FINISH_REASON_UNSPECIFIED: 'other',
} as const satisfies Record<GeminiFinishReason, UnifiedFinishReason>;

export const TO_GEMINI = {
  stop: 'STOP',
  'tool-calls': 'STOP', // Gemini has no tool-use reason
  length: 'MAX_TOKENS',
  'content-filter': 'SAFETY',
  error: 'OTHER', // MALFORMED_RESPONSE would make Gemini CLI blame the model's output
  other: 'OTHER',
} as const satisfies Record<UnifiedFinishReason, GeminiFinishReason>;

function isGeminiReason(raw: string): raw is GeminiFinishReason {
  return Object.hasOwn(FROM_GEMINI, raw);
}

export function mapGeminiFinishReason(raw: string | undefined, toolCallCount: number): HubFinishReason {
  const unified: UnifiedFinishReason = raw !== undefined && isGeminiReason(raw) ? FROM_GEMINI[raw] : 'other';
  // STOP (or a missing reason) with calls is Gemini's way of saying "call these tools".
  return { unified: withToolCallInvariant(unified, toolCallCount), ...(raw !== undefined ? { raw } : {}) };
}

/** The original Gemini value when the hub still holds one that means the same, else the table's. */
export function toGeminiFinishReason(finish: HubFinishReason): GeminiFinishReason {
  const raw = finish.raw;
  if (raw !== undefined && isGeminiReason(raw) && (FROM_GEMINI[raw] === finish.unified || (raw === 'STOP' && finish.unified === 'tool-calls'))) return raw;
  return TO_GEMINI[finish.unified];
}
