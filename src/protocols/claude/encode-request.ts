// Hub request → Claude Messages request body for an upstream. Claude requires max_tokens, has
// one system slot, temperature 0–1, no seed/penalties and one candidate (PROTOCOLS §5.8, §6).
import { GatewayError } from '../../errors/gateway-error.ts';
import type { HubText } from '../../hub/hub-content.ts';
import type { HubRequest, HubResponseFormat } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { encodeText } from './convert-parts.ts';
import { encodeThinking, thinkingBudgetOf } from './convert-thinking.ts';
import { applyThinkingConstraints } from './thinking-constraints.ts';
import { encodeToolChoice, encodeTools } from './convert-tools.ts';
import { encodeMessages } from './encode-messages.ts';
import { limitCacheBreakpoints } from './limit-cache-breakpoints.ts';

/** Last resort only: the handler fills maxOutputTokens from the model's `options.maxTokens`. */
const DEFAULT_MAX_TOKENS = 4096;

/** Hub fields Claude has no twin for. */
const DROPPED = {
  seed: 'Claude has no sampling seed',
  presencePenalty: 'Claude has no presence penalty',
  frequencyPenalty: 'Claude has no frequency penalty',
} as const satisfies Partial<Record<keyof HubRequest, string>>;

/** hub.system, then every instruction item in order: Claude has one system slot. */
function encodeSystem(request: HubRequest, warnings: Warnings): Schemas['TextBlock'][] {
  const texts: HubText[] = [...request.system];
  let conversationStarted = false;
  request.items.forEach((item, i) => {
    if (item.type !== 'instruction') {
      conversationStarted = true;
      return;
    }
    if (conversationStarted) {
      warnings.drop(`items[${i}]`, `a mid-conversation ${item.role} instruction has no place in Claude's messages; moved to the end of the system prompt`);
    }
    texts.push(...item.content);
  });
  return texts.flatMap((text) => encodeText(text) ?? []);
}

function encodeFormat(format: HubResponseFormat | undefined, warnings: Warnings): Schemas['OutputConfig']['format'] | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    warnings.drop('responseFormat', 'Claude has no JSON mode; sent a json_schema format requiring an object');
    return { type: 'json_schema', schema: { type: 'object' } };
  }
  const unused = (['name', 'description', 'strict'] as const).filter((key) => format[key] !== undefined);
  if (unused.length > 0) warnings.drop(`responseFormat.${unused.join('/')}`, "Claude's output format takes only the schema; dropped");
  return { type: 'json_schema', schema: format.schema };
}

export function encodeRequest(request: HubRequest, warnings: Warnings): Record<string, unknown> {
  if (request.n !== undefined && request.n > 1) throw new GatewayError(400, 'Claude upstreams return one candidate; n must be 1', { param: 'n' });
  if (request.promptCacheKey !== undefined) warnings.drop('prompt_cache_key', 'Claude caches at cache_control breakpoints and takes no routing key');
  let maxTokens = request.maxOutputTokens;
  if (maxTokens === undefined) {
    // The default is ours to choose, so it leaves room for the answer after a thinking budget.
    maxTokens = DEFAULT_MAX_TOKENS + (thinkingBudgetOf(request.reasoning) ?? 0);
    warnings.drop('max_tokens', `Claude requires max_tokens and the request set none; sent ${maxTokens} (set options.maxTokens on the model in the config to choose the default)`);
  }
  const body: Schemas['MessagesRequest'] = {
    model: request.model,
    max_tokens: maxTokens,
    messages: encodeMessages(request.items, warnings),
  };
  const system = encodeSystem(request, warnings);
  if (system.length > 0) body.system = system;
  if (request.tools.length > 0) body.tools = encodeTools(request.tools, warnings);
  const toolChoice = encodeToolChoice(request.toolChoice, request.parallelToolCalls, request.tools.length > 0, warnings);
  if (toolChoice) body.tool_choice = toolChoice;
  const thinking = encodeThinking(request.reasoning, maxTokens, warnings);
  if (thinking) body.thinking = thinking;
  const format = encodeFormat(request.responseFormat, warnings);
  if (format) body.output_config = { format };

  if (request.temperature !== undefined) {
    if (request.temperature > 1) warnings.drop('temperature', `Claude's temperature range is 0–1; ${request.temperature} was sent as 1`);
    body.temperature = Math.min(request.temperature, 1);
  }
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  for (const [field, why] of Object.entries(DROPPED)) {
    if (request[field as keyof typeof DROPPED] !== undefined) warnings.drop(field, `${why}; dropped`);
  }
  applyThinkingConstraints(body, warnings);
  limitCacheBreakpoints(body, warnings);
  if (request.stream) body.stream = true;
  return body;
}
