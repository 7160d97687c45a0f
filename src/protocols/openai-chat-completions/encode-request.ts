// Hub request → Chat Completions request body, for a Chat upstream. Limits go in
// `max_completion_tokens` (reasoning models reject the deprecated `max_tokens`). Hub fields
// with no Chat twin are dropped here with a warning.
// https://platform.openai.com/docs/api-reference/chat/create
import { effortForBudget } from '../../hub/effort-budget.ts';
import type { HubEffort, HubReasoningConfig, HubRequest, HubResponseFormat } from '../../hub/hub-request.ts';
import { promptCacheKey } from '../../hub/prompt-cache-key.ts';
import type { Drop, Warnings } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { encodeToolChoice, encodeTools } from './convert-tools.ts';
import { NUMBERS } from './decode-request.ts';
import { encodeMessages } from './encode-messages.ts';
import { opaque } from './json-objects.ts';

type ChatRequest = Schemas['ChatCompletionRequest'];

function responseFormat(format: HubResponseFormat): Schemas['ChatResponseFormat'] {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    json_schema: {
      // Chat requires a name; other protocols make it optional.
      name: format.name ?? 'response',
      ...(format.description === undefined ? {} : { description: format.description }),
      schema: opaque(format.schema),
      ...(format.strict === undefined ? {} : { strict: format.strict }),
    },
  };
}

/** Effort as asked, else the effort whose budget covers the asked budget, else `none` when reasoning was turned off. */
function reasoningEffort(reasoning: HubReasoningConfig, drop: Drop): HubEffort | undefined {
  if (reasoning.summary !== undefined && reasoning.summary !== 'none') {
    drop('reasoning.summary', 'Chat returns no reasoning summaries; not requested');
  }
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (reasoning.budgetTokens !== undefined) return effortForBudget(reasoning.budgetTokens);
  return reasoning.enabled === false ? 'none' : undefined;
}

export function encodeRequest(request: HubRequest, warnings: Warnings): Record<string, unknown> {
  const drop = warnings.drop;
  const body: ChatRequest = { model: request.model, messages: encodeMessages(request, drop, warnings) };
  if (request.maxOutputTokens !== undefined) body.max_completion_tokens = request.maxOutputTokens;
  for (const field of Object.keys(NUMBERS) as (keyof typeof NUMBERS)[]) {
    const value = request[NUMBERS[field]];
    if (value !== undefined) body[field] = value;
  }
  if (request.topK !== undefined) drop('topK', 'Chat has no top_k; not sent');
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  // `user` rather than `safety_identifier`: OpenAI still takes it and Chat-compatible servers know it.
  if (request.user !== undefined) body.user = request.user;
  // Chat gets no cache breakpoints (convert-parts.ts); they become a cache routing key (hub/prompt-cache-key.ts).
  // The client's own key (Codex sends its session id) wins over one derived from breakpoints.
  const cacheKey = request.promptCacheKey ?? promptCacheKey(request);
  if (cacheKey !== undefined) body.prompt_cache_key = cacheKey;
  if (request.responseFormat) body.response_format = responseFormat(request.responseFormat);
  // OpenAI rejects tool_choice and parallel_tool_calls without tools; without tools they mean nothing.
  if (request.tools.length > 0) {
    body.tools = encodeTools(request.tools, drop);
    if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice, request.tools);
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  const effort = request.reasoning && reasoningEffort(request.reasoning, drop);
  if (effort) body.reasoning_effort = effort;
  body.stream = request.stream;
  // A Chat upstream streams usage only when asked; the hub needs it whatever the client asked.
  if (request.stream) body.stream_options = { include_usage: true };
  return body;
}
