// Upstream: hub request → `POST /v1/responses` body. Only what the hub holds is sent: no
// `store`, `include` or effort the client did not ask for. Hub settings Responses lacks are in
// NO_TWIN and dropped with a warning; several candidates (n > 1) cannot be faked, so they fail.
import { GatewayError } from '../../errors/gateway-error.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import { boundedUserId, promptCacheKey } from '../../hub/prompt-cache-key.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { encodeReasoningConfig } from './convert-reasoning-config.ts';
import { encodeTextFormat } from './convert-text-format.ts';
import { encodeToolChoice, encodeTools } from './convert-tools.ts';
import { encodeInputWithTools } from './encode-input-with-tools.ts';

/** Hub request settings `CreateResponse` has no field for (https://platform.openai.com/docs/api-reference/responses/create). */
const NO_TWIN = {
  stop: 'the Responses API has no stop sequences',
  seed: 'the Responses API has no seed',
  topK: 'the Responses API has no top_k',
  presencePenalty: 'the Responses API has no presence penalty',
  frequencyPenalty: 'the Responses API has no frequency penalty',
} as const satisfies Partial<Record<keyof HubRequest, string>>;

function dropNoTwin(request: HubRequest, warnings: Warnings): void {
  for (const [field, why] of Object.entries(NO_TWIN)) {
    const value: unknown = request[field as keyof typeof NO_TWIN];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) warnings.drop(field, why);
  }
}

export function encodeRequest(request: HubRequest, warnings: Warnings): Record<string, unknown> {
  if (request.n !== undefined && request.n > 1) {
    throw new GatewayError(400, `This model is served through the OpenAI Responses API, which cannot return several candidates: n must be 1 (got ${request.n}).`, { param: 'n' });
  }
  dropNoTwin(request, warnings);
  const body: Record<string, unknown> = { model: request.model };
  if (request.system.some((part) => part.cacheControl !== undefined)) {
    warnings.drop('system.cache_control', 'OpenAI caches prompt prefixes automatically; cache breakpoints are not sent (a prompt_cache_key is)');
  }
  const instructions = request.system.map((part) => part.text).filter((text) => text !== '').join('\n\n');
  if (instructions !== '') body.instructions = instructions;
  // Calls and results in order; Codex's additional_tools items back in place (encode-input-with-tools.ts).
  const { input, tools } = encodeInputWithTools(request, warnings);
  body.input = input;
  if (tools.length > 0) body.tools = encodeTools(tools, warnings);
  if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice, request.tools);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.responseFormat) body.text = { format: encodeTextFormat(request.responseFormat) };
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  const reasoning = request.reasoning ? encodeReasoningConfig(request.reasoning, warnings) : undefined;
  if (reasoning) body.reasoning = reasoning;
  // `user` is deprecated in favour of `safety_identifier`, which is what the hub field means.
  // OpenAI refuses a safety_identifier over 64 characters: a longer id goes as a stable hash.
  if (request.user) body.safety_identifier = boundedUserId(request.user);
  // The client's cache breakpoints become a cache routing key (hub/prompt-cache-key.ts).
  // The client's own key (Codex sends its session id) wins over one derived from breakpoints.
  const cacheKey = request.promptCacheKey ?? promptCacheKey(request);
  if (cacheKey !== undefined) body.prompt_cache_key = cacheKey;
  if (request.stream) body.stream = true;
  return body;
}
