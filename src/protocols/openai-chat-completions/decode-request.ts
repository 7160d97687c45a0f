// A validated Chat Completions request body → hub request. Every top-level field of the
// schema is decided in FIELDS: converted below, ignored on purpose, or dropped with a warning;
// fields the schema does not know are tolerated and reported.
// https://platform.openai.com/docs/api-reference/chat/create
import type { HubEffort, HubRequest, HubResponseFormat } from '../../hub/hub-request.ts';
import type { Drop, Warnings } from '../../hub/warnings.ts';
import type { RequestTarget } from '../protocol.ts';
import { isRecord, type JsonObject, numberAt, stringAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { decodeTools, decodeToolChoice } from './convert-tools.ts';
import { decodeMessages } from './decode-messages.ts';
import { rec } from './json-objects.ts';

type ChatRequest = Schemas['ChatCompletionRequest'];
type Row = 'mapped' | 'ignored' | { drop: string };

const FIELDS = {
  model: 'mapped',
  messages: 'mapped',
  max_completion_tokens: 'mapped',
  max_tokens: 'mapped',
  temperature: 'mapped',
  top_p: 'mapped',
  n: 'mapped',
  stop: 'mapped',
  seed: 'mapped',
  presence_penalty: 'mapped',
  frequency_penalty: 'mapped',
  stream: 'mapped',
  tools: 'mapped',
  tool_choice: 'mapped',
  parallel_tool_calls: 'mapped',
  response_format: 'mapped',
  reasoning_effort: 'mapped',
  user: 'mapped',
  safety_identifier: 'mapped',
  functions: 'mapped',
  function_call: 'mapped',
  // include_usage → streamUsage (the stream encoder then sends the usage chunk); include_obfuscation is transport padding.
  stream_options: 'mapped',
  logprobs: { drop: 'log probabilities have no hub twin' },
  top_logprobs: { drop: 'log probabilities have no hub twin' },
  logit_bias: { drop: 'token ids are tokenizer-specific' },
  modalities: { drop: 'audio output has no hub twin' },
  audio: { drop: 'audio output has no hub twin' },
  prediction: { drop: 'predicted outputs have no hub twin' },
  web_search_options: { drop: 'built-in web search has no hub twin' },
  verbosity: { drop: 'output verbosity has no hub twin' },
  service_tier: { drop: 'a transport hint for OpenAI; not sent to another protocol' },
  store: { drop: 'server-side storage is OpenAI-only' },
  metadata: { drop: 'request metadata is OpenAI-only' },
  prompt_cache_key: 'mapped',
  prompt_cache_options: { drop: 'a transport hint for OpenAI; not sent to another protocol' },
  prompt_cache_retention: { drop: 'a transport hint for OpenAI; not sent to another protocol' },
} as const satisfies Record<keyof ChatRequest, Row>;

/** Plain numbers that keep their meaning both ways: Chat name → hub name (encode-request reads it backwards). */
export const NUMBERS = {
  temperature: 'temperature',
  top_p: 'topP',
  n: 'n',
  seed: 'seed',
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
} as const satisfies Partial<Record<keyof ChatRequest, keyof HubRequest>>;

function dropUnmapped(body: JsonObject, drop: Drop): void {
  for (const [key, value] of Object.entries(body)) {
    // null and false ask for nothing (`store: false`, `logprobs: false`): nothing is lost.
    if (value === null || value === undefined || value === false) continue;
    const row: Row | undefined = Object.hasOwn(FIELDS, key) ? FIELDS[key as keyof ChatRequest] : undefined;
    if (row === undefined) drop(key, 'not modelled by the gateway; not sent to another protocol');
    else if (typeof row === 'object') drop(key, row.drop);
  }
}

function responseFormat(format: unknown, drop: Drop): HubResponseFormat | undefined {
  if (!isRecord(format)) return undefined;
  if (format.type === 'text' || format.type === 'json_object') return { type: format.type };
  if (format.type === 'json_schema') {
    const spec = rec(format.json_schema);
    const name = stringAt(spec.name);
    const description = stringAt(spec.description);
    return {
      type: 'json_schema',
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      schema: rec(spec.schema),
      ...(typeof spec.strict === 'boolean' ? { strict: spec.strict } : {}),
    };
  }
  drop(`response_format.type=${String(format.type)}`, 'unknown response format; the upstream default applies');
  return undefined;
}

function user(body: ChatRequest, drop: Drop): string | undefined {
  const ids = [body.safety_identifier, body.user].filter((id): id is string => typeof id === 'string' && id !== '');
  if (ids.length === 2 && ids[0] !== ids[1]) drop('user', 'the hub keeps one end-user id; safety_identifier was kept');
  return ids[0];
}

export function decodeRequest(body: Record<string, unknown>, _target: RequestTarget, warnings: Warnings): HubRequest {
  const chat = body as ChatRequest;
  const drop = warnings.drop;
  dropUnmapped(body, drop);
  const { system, items } = decodeMessages(Array.isArray(body.messages) ? body.messages : [], drop);
  const hub: HubRequest = {
    model: chat.model,
    system,
    items,
    tools: decodeTools(body.tools, body.functions, drop),
    stream: chat.stream === true,
  };
  if (rec(body.stream_options).include_usage === true) hub.streamUsage = true;
  for (const field of Object.keys(NUMBERS) as (keyof typeof NUMBERS)[]) {
    const value = numberAt(body[field]);
    if (value !== undefined) hub[NUMBERS[field]] = value;
  }
  // max_tokens is the deprecated name of the same limit; the current one wins when both are sent.
  const maxTokens = numberAt(body.max_completion_tokens) ?? numberAt(body.max_tokens);
  if (maxTokens !== undefined) hub.maxOutputTokens = maxTokens;
  if (typeof chat.stop === 'string') hub.stop = [chat.stop];
  else if (Array.isArray(chat.stop)) hub.stop = [...chat.stop];
  const toolChoice = decodeToolChoice(body.tool_choice ?? body.function_call, drop);
  if (toolChoice) hub.toolChoice = toolChoice;
  if (typeof chat.parallel_tool_calls === 'boolean') hub.parallelToolCalls = chat.parallel_tool_calls;
  const format = responseFormat(body.response_format, drop);
  if (format) hub.responseFormat = format;
  const effort: HubEffort | null | undefined = chat.reasoning_effort;
  // Chat clients read reasoning text from `reasoning_content`: asking for reasoning asks for
  // its visible summary from upstreams that only send one on request (Responses, Gemini).
  if (effort) hub.reasoning = effort === 'none' ? { enabled: false, effort } : { enabled: true, effort, summary: 'auto' };
  const id = user(chat, drop);
  if (id !== undefined) hub.user = id;
  if (typeof chat.prompt_cache_key === 'string' && chat.prompt_cache_key !== '') hub.promptCacheKey = chat.prompt_cache_key;
  return hub;
}
