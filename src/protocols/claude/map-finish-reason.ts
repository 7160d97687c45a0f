// Anthropic `stop_reason` ⇔ hub finish reason, both ways, as typed tables so the compiler
// forces a decision for every value (https://docs.anthropic.com/en/api/handling-stop-reasons).
// The hub's tool-call rule (hub/finish-reason.ts) applies both ways.
import { withToolCallInvariant } from '../../hub/finish-reason.ts';
import type { HubFinishReason, UnifiedFinishReason } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/claude/index.ts';

export type ClaudeStopReason = Schemas['StopReason'];

export const CLAUDE_TO_UNIFIED = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool-calls',
  // Server tools ran out of turns; the client is expected to resend to continue.
  pause_turn: 'other',
  refusal: 'content-filter',
  // Beta context editing compacted the conversation instead of answering.
  compaction: 'other',
  model_context_window_exceeded: 'length',
} as const satisfies Record<ClaudeStopReason, UnifiedFinishReason>;

export const UNIFIED_TO_CLAUDE = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
  // No Claude twin: the nearest harmless value, with a warning (see toClaudeStopReason).
  error: 'end_turn',
  other: 'end_turn',
} as const satisfies Record<UnifiedFinishReason, ClaudeStopReason>;

function isClaudeStopReason(raw: string): raw is ClaudeStopReason {
  return Object.hasOwn(CLAUDE_TO_UNIFIED, raw);
}

/** Upstream `stop_reason` (any string, or none) → hub, keeping the original in `raw`. */
export function fromClaudeStopReason(raw: string | undefined, toolCalls: number): HubFinishReason {
  const unified: UnifiedFinishReason = raw !== undefined && isClaudeStopReason(raw) ? CLAUDE_TO_UNIFIED[raw] : 'other';
  return raw === undefined ? { unified: withToolCallInvariant(unified, toolCalls) } : { unified: withToolCallInvariant(unified, toolCalls), raw };
}

/** Hub → Claude `stop_reason` for a client. A Claude `raw` with the same meaning is kept as is. */
export function toClaudeStopReason(
  finish: HubFinishReason,
  stopSequence: string | undefined,
  toolCalls: number,
  warnings: Warnings,
): ClaudeStopReason {
  const unified = withToolCallInvariant(finish.unified, toolCalls);
  if (finish.raw !== undefined && isClaudeStopReason(finish.raw) && CLAUDE_TO_UNIFIED[finish.raw] === unified) return finish.raw;
  if (unified === 'stop' && stopSequence !== undefined) return 'stop_sequence';
  if (unified === 'error' || unified === 'other') {
    warnings.drop('finish_reason', `${finish.raw ?? unified} has no Claude stop_reason; sent end_turn`);
  }
  return UNIFIED_TO_CLAUDE[unified];
}
