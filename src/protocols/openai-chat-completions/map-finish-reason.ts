// Chat `finish_reason` ⇔ hub finish reason, as typed tables (the compiler forces every value to
// be decided), plus the hub's tool-call rule (hub/finish-reason.ts).
// Chat folds a matched stop sequence into `stop` and never names it.
// https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
import { withToolCallInvariant } from '../../hub/finish-reason.ts';
import type { HubFinishReason, UnifiedFinishReason } from '../../hub/hub-response.ts';
import type { Drop } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';

type ChatFinishReason = Schemas['ChatFinishReason'];

export const FROM_CHAT_FINISH = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  content_filter: 'content-filter',
  // Legacy single function call: still a request for a tool result.
  function_call: 'tool-calls',
} as const satisfies Record<ChatFinishReason, UnifiedFinishReason>;

/** Chat has no value for an upstream failure or an unknown reason: both end as `stop` (the raw value goes in a warning). */
export const TO_CHAT_FINISH = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'stop',
  other: 'stop',
} as const satisfies Record<UnifiedFinishReason, ChatFinishReason>;

export function decodeFinishReason(raw: unknown, toolCalls: number): HubFinishReason {
  if (typeof raw !== 'string') return { unified: withToolCallInvariant('other', toolCalls) };
  const known = Object.hasOwn(FROM_CHAT_FINISH, raw) ? FROM_CHAT_FINISH[raw as ChatFinishReason] : 'other';
  return { unified: withToolCallInvariant(known, toolCalls), raw };
}

export function encodeFinishReason(reason: HubFinishReason, toolCalls: number, drop: Drop): ChatFinishReason {
  const unified = withToolCallInvariant(reason.unified, toolCalls);
  if (unified === 'error' || unified === 'other') {
    drop('finish_reason', `Chat has no value for ${unified}${reason.raw ? ` (upstream: ${reason.raw})` : ''}; sent stop`);
  }
  return TO_CHAT_FINISH[unified];
}
