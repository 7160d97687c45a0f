// Hub response → a Claude Message for a Claude client. Thinking blocks come first and only
// when Claude signed them (a client replays them, and unsigned or foreign thinking would be
// rejected on the next turn); empty text is omitted; the stop reason follows the
// tool-call invariant (map-finish-reason.ts).
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import { toClaudeToolId } from '../../hub/tool-call-id.ts';
import { encodeReasoningSignature, reasoningDisplayText } from '../../hub/reasoning-carrier.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord } from '../read-json.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { toClaudeUsage } from './convert-usage.ts';
import { toClaudeStopReason } from './map-finish-reason.ts';

type ContentBlock = Schemas['ContentBlock'];

function thinkingBlock(output: Extract<HubOutput, { type: 'reasoning' }>, warnings: Warnings): ContentBlock | undefined {
  if (output.origin === 'claude' && output.redacted && output.encrypted !== undefined) return { type: 'redacted_thinking', data: output.encrypted };
  if (output.origin === 'claude' && output.signature !== undefined) return { type: 'thinking', thinking: output.text ?? '', signature: output.signature };
  // Another origin's reasoning: shown as thinking, its state carried in the signature (hub/reasoning-carrier.ts).
  if (output.origin !== 'claude') return { type: 'thinking', thinking: reasoningDisplayText(output), signature: encodeReasoningSignature(output) };
  warnings.drop('reasoning', 'Claude thinking without a signature cannot be sent as a thinking block; dropped');
  return undefined;
}

function parseInput(output: Extract<HubOutput, { type: 'tool-call' }>, warnings: Warnings): Record<string, unknown> {
  if (output.custom) return { input: output.arguments };
  if (output.arguments.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(output.arguments);
    if (isRecord(parsed)) return parsed;
  } catch {
    // reported below
  }
  warnings.drop(`tool call ${output.name}`, 'arguments are not a JSON object, which Claude clients expect; sent {}');
  return {};
}

/** Claude clients expect `msg_` ids; a foreign id keeps its text behind the prefix. */
export function toClaudeMessageId(id: string): string {
  return id.startsWith('msg_') ? id : `msg_${id}`;
}

/**
 * Anthropic's `stop_details`, required on every Message and message_delta: null unless the stop
 * has more to say, a RefusalStopDetails object on a refusal. The policy `category` has no twin in
 * other protocols (null); the `explanation` is an upstream refusal's text when there is one.
 * https://docs.anthropic.com/en/api/messages#response-stop-details
 */
export function claudeStopDetails(stopReason: Schemas['StopReason'] | null, refusals: readonly string[] = []): Schemas['StopDetails'] {
  if (stopReason !== 'refusal' && refusals.length === 0) return null;
  return { type: 'refusal', category: null, explanation: refusals.length > 0 ? refusals.join('\n') : null };
}

export function encodeResponse(response: HubResponse, _request: HubRequest, warnings: Warnings): Record<string, unknown> {
  const thinking: ContentBlock[] = [];
  const content: ContentBlock[] = [];
  const refusals: string[] = [];
  for (const output of response.output) {
    if (output.type === 'reasoning') {
      const block = thinkingBlock(output, warnings);
      if (block) thinking.push(block);
    } else if (output.type === 'text') {
      if (output.text !== '') content.push({ type: 'text', text: output.text });
    } else if (output.type === 'refusal') {
      refusals.push(output.text);
    } else {
      if (output.signature) warnings.drop('tool-call.signature', `${output.signature.origin} call signatures mean nothing to a Claude client; dropped`);
      content.push({ type: 'tool_use', id: toClaudeToolId(output.id), name: output.name, input: parseInput(output, warnings) });
    }
  }
  const toolCalls = content.filter((b) => b.type === 'tool_use').length;
  const stopReason = toClaudeStopReason(response.finishReason, response.stopSequence, toolCalls, warnings);
  return {
    id: toClaudeMessageId(response.id),
    type: 'message',
    role: 'assistant',
    model: response.model,
    content: [...thinking, ...content],
    stop_reason: stopReason,
    stop_sequence: response.stopSequence ?? null,
    // A refusal's text is the twin of Claude's refusal stop_details.explanation.
    stop_details: claudeStopDetails(stopReason, refusals),
    usage: toClaudeUsage(response.usage),
  } satisfies Schemas['MessagesResponse'];
}
