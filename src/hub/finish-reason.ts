// The one context rule every protocol's finish reason goes through, decoding and encoding
// alike: the unified reason is `tool-calls` exactly when at least one tool call survived the
// conversion. A tool stop whose calls were all dropped would leave an agent waiting for calls
// that never come; a natural or unknown stop that did produce calls (Gemini says STOP after
// function calls, Responses just `completed`, some Chat-compatible servers `stop`) asks for
// tool results. `length`, `content-filter` and `error` say more than that and are kept.
import type { UnifiedFinishReason } from './hub-response.ts';

export function withToolCallInvariant(unified: UnifiedFinishReason, toolCalls: number): UnifiedFinishReason {
  if (unified === 'tool-calls' && toolCalls === 0) return 'stop';
  if ((unified === 'stop' || unified === 'other') && toolCalls > 0) return 'tool-calls';
  return unified;
}
