// Inbound: a validated `POST /v1/responses` body → hub request. Every top-level field is decided
// in FIELDS (the compiler checks the table covers the generated request type): mapped, dropped
// with a warning, or rejected. Fields the schema does not know are dropped with a warning too.
import type { Schemas } from '../../../generated/openai-responses/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { HubText } from '../../hub/hub-content.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import type { RequestTarget } from '../protocol.ts';
import { isSet, numberAt, stringAt } from '../read-json.ts';
import { decodeReasoningConfig } from './convert-reasoning-config.ts';
import { decodeTextConfig } from './convert-text-format.ts';
import { decodeToolChoice, decodeTools } from './convert-tools.ts';
import { mergeTools } from './decode-additional-tools.ts';
import { decodeInput } from './decode-input-items.ts';
import { keepRequestBody } from './echo-request.ts';

type FieldRule = 'map' | { drop: string } | { reject: string };

// Reached only without a response store (a Worker without the RESPONSES binding): with one, the
// handler has already expanded the stored conversation (handlers/responses-state.ts).
const STATELESS =
  'this gateway keeps no responses (on Workers, bind the RESPONSES Durable Object), so a converted request cannot refer to one; send the full history in `input` instead';

/** What happens to each request field when converting to another protocol. */
const FIELDS = {
  model: 'map',
  input: 'map',
  instructions: 'map',
  max_output_tokens: 'map',
  temperature: 'map',
  top_p: 'map',
  tools: 'map',
  tool_choice: 'map',
  parallel_tool_calls: 'map',
  text: 'map',
  reasoning: 'map',
  stream: 'map',
  user: 'map',
  safety_identifier: 'map',
  previous_response_id: { reject: `previous_response_id cannot be used with this model: ${STATELESS}.` },
  conversation: { reject: `conversation cannot be used with this model: ${STATELESS}.` },
  // Kept by the gateway itself (handlers/responses-state.ts), whatever the upstream: nothing to convert.
  store: 'map',
  include: { drop: 'extra Responses output (e.g. reasoning.encrypted_content) exists only on a Responses upstream' },
  top_logprobs: { drop: 'log probabilities are not converted' },
  max_tool_calls: { drop: 'no tool-call budget outside Responses' },
  stream_options: { drop: 'stream obfuscation is a Responses transport detail' },
  background: { drop: 'background mode needs stored responses; the request runs in the foreground' },
  truncation: { drop: 'no automatic context truncation outside Responses' },
  metadata: { drop: 'request metadata is not forwarded to other protocols' },
  service_tier: { drop: 'OpenAI service tiers have no twin on this upstream' },
  prompt_cache_key: 'map',
  prompt_cache_options: { drop: 'OpenAI cache settings; the upstream caches as it does by default' },
  prompt_cache_retention: { drop: 'OpenAI cache retention; the upstream caches as it does by default' },
  prompt: { drop: 'stored prompt templates exist only on OpenAI' },
  context_management: { drop: 'compaction at a token threshold runs only on OpenAI; the gateway compacts on request (a final compaction_trigger item, or POST /responses/compact)' },
  // Not in the OpenAI spec: Codex's turn/thread ids.
  client_metadata: { drop: 'Codex client metadata has no meaning for the upstream' },
} as const satisfies Record<keyof Schemas['ResponseRequest'] | 'client_metadata', FieldRule>;

function isKnownField(key: string): key is keyof typeof FIELDS {
  return Object.hasOwn(FIELDS, key);
}

function checkFields(body: Record<string, unknown>, warnings: Warnings): void {
  for (const [key, value] of Object.entries(body)) {
    if (!isKnownField(key)) {
      warnings.drop(key, 'not a Responses field the gateway knows; not forwarded');
      continue;
    }
    const rule: FieldRule = FIELDS[key];
    if (rule === 'map' || !isSet(value)) continue;
    if ('reject' in rule) throw new GatewayError(400, rule.reject, { param: key });
    warnings.drop(key, rule.drop);
  }
}

function endUser(body: Record<string, unknown>, warnings: Warnings): string | undefined {
  const safety = stringAt(body.safety_identifier);
  const user = stringAt(body.user);
  if (safety && user && safety !== user) warnings.drop('user', 'safety_identifier (its replacement) was sent too and is used');
  return safety ?? user;
}

export function decodeRequest(body: Record<string, unknown>, _target: RequestTarget, warnings: Warnings): HubRequest {
  checkFields(body, warnings);
  const { system, items, tools, toolDeclarations } = decodeInput(body.input, warnings);
  const instructions = stringAt(body.instructions);
  // `instructions` comes before any developer items that open the input.
  const head: HubText[] = instructions ? [{ type: 'text', text: instructions }] : [];
  const request: HubRequest = {
    model: stringAt(body.model) ?? '',
    system: [...head, ...system],
    items,
    // Codex's `additional_tools` input items join the top-level tools (decode-additional-tools.ts).
    tools: mergeTools(decodeTools(body.tools, warnings), tools, warnings),
    stream: body.stream === true,
  };
  if (toolDeclarations.length > 0) request.toolDeclarations = toolDeclarations;
  const toolChoice = decodeToolChoice(body.tool_choice, warnings);
  if (toolChoice) request.toolChoice = toolChoice;
  if (typeof body.parallel_tool_calls === 'boolean') request.parallelToolCalls = body.parallel_tool_calls;
  const responseFormat = decodeTextConfig(body.text, warnings);
  if (responseFormat) request.responseFormat = responseFormat;
  const maxOutputTokens = numberAt(body.max_output_tokens);
  if (maxOutputTokens !== undefined) request.maxOutputTokens = maxOutputTokens;
  const temperature = numberAt(body.temperature);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = numberAt(body.top_p);
  if (topP !== undefined) request.topP = topP;
  const reasoning = decodeReasoningConfig(body.reasoning, warnings);
  if (reasoning) request.reasoning = reasoning;
  const user = endUser(body, warnings);
  if (user) request.user = user;
  const cacheKey = stringAt(body.prompt_cache_key);
  if (cacheKey) request.promptCacheKey = cacheKey;
  // The answer echoes labels the hub has no field for (metadata, instructions as written…).
  keepRequestBody(request, body);
  return request;
}
