// Hub response → a `chat.completion` body for a Chat client. One choice. Reasoning text goes in
// `message.reasoning_content` only, the field Chat-compatible clients read; Chat has no field
// for opaque reasoning state.
// https://platform.openai.com/docs/api-reference/chat/object
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubResponse } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { reasoningContent } from './convert-reasoning.ts';
import { encodeToolCall } from './convert-tools.ts';
import { encodeUsage } from './convert-usage.ts';
import { encodeFinishReason } from './map-finish-reason.ts';

type ChatResponse = Schemas['ChatCompletionResponse'];
type ChatMessage = Schemas['ChatCompletionMessage'] & { reasoning_content?: string };

/** Chat ids start `chatcmpl-`; an id from another protocol gets the prefix (streamed chunks use the same id). */
export function chatCompletionId(id: string): string {
  return id.startsWith('chatcmpl-') ? id : `chatcmpl-${id}`;
}

export function encodeResponse(response: HubResponse, _request: HubRequest, warnings: Warnings): Record<string, unknown> {
  const drop = warnings.drop;
  const text = response.output.map((output) => (output.type === 'text' ? output.text : '')).join('');
  const refusal = response.output.map((output) => (output.type === 'refusal' ? output.text : '')).join('');
  const toolCalls = response.output.flatMap((output) => (output.type === 'tool-call' ? [encodeToolCall(output, drop)] : []));
  const message: ChatMessage = {
    role: 'assistant',
    // Null, not "", when the answer is only tool calls or a refusal, as OpenAI sends it.
    content: text || (toolCalls.length > 0 || refusal ? null : ''),
    refusal: refusal || null,
  };
  const reasoning = reasoningContent(response.output, drop);
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;

  const finish = encodeFinishReason(response.finishReason, toolCalls.length, drop);
  if (response.stopSequence !== undefined) drop('stop_sequence', 'Chat does not name the stop sequence that matched');

  const body: ChatResponse = {
    id: chatCompletionId(response.id),
    object: 'chat.completion',
    created: response.created,
    model: response.model,
    choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
    usage: encodeUsage(response.usage),
  };
  return body;
}
