// The official SDKs pointed at the gateway, one driver per inbound protocol. Each builds its
// own native request from one protocol-neutral Conversation, so one conformance suite runs
// against all four (Hono's common.case style) and compares like with like.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type GenerateContentParameters } from '@google/genai';
import OpenAI from 'openai';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { GATEWAY_KEY } from './gateway.ts';

export interface ToolCall {
  id?: string;
  name: string;
  args: unknown;
}

export interface Answer {
  text: string;
  toolCalls: ToolCall[];
  /** The protocol's own finish value: finish_reason, Response status, stop_reason, finishReason. */
  finish: string | null | undefined;
  /** Prompt tokens including cache reads, output tokens including reasoning. */
  usage: { input: number; output: number; cacheRead: number } | undefined;
  /** Thinking / reasoning summary text, from where the protocol puts it. */
  reasoning: string;
  /** Reasoning tokens, where the protocol reports them (Claude does not). */
  reasoningTokens: number | undefined;
}

/** What to ask, protocol-neutral. */
export interface Conversation {
  system?: string;
  prompt?: string;
  image?: { base64: string; mediaType: string } | { url: string };
  /** A finished tool round to replay before the next turn: the assistant's calls and their results. */
  toolRound?: { calls: Array<{ id: string; name: string; args: Record<string, unknown> }>; results: Array<{ id: string; name: string; output: string }> };
  jsonSchema?: Record<string, unknown>;
  /** Extra top-level body fields the gateway does not model. */
  extra?: Record<string, unknown>;
}

export interface SdkDriver {
  generate(gateway: string, model: string, conversation?: Conversation): Promise<Answer>;
  stream(gateway: string, model: string, conversation?: Conversation): Promise<Answer>;
}

export const WEATHER_TOOL = { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

const openai = (baseURL: string) => new OpenAI({ baseURL, apiKey: GATEWAY_KEY, maxRetries: 0 });
const anthropic = (gateway: string) => new Anthropic({ baseURL: `${gateway}/claude`, apiKey: GATEWAY_KEY, maxRetries: 0 });
const genai = (gateway: string) => new GoogleGenAI({ apiKey: GATEWAY_KEY, httpOptions: { baseUrl: `${gateway}/gemini`, retryOptions: { attempts: 1 } } });
const dataUrl = (image: { base64: string; mediaType: string }) => `data:${image.mediaType};base64,${image.base64}`;

function chatBody(model: string, c: Conversation): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (c.system) messages.push({ role: 'system', content: c.system });
  const content: OpenAI.Chat.ChatCompletionContentPart[] = [{ type: 'text', text: c.prompt ?? 'Say hello' }];
  if (c.image) content.push({ type: 'image_url', image_url: { url: 'url' in c.image ? c.image.url : dataUrl(c.image) } });
  messages.push({ role: 'user', content });
  if (c.toolRound) {
    messages.push({ role: 'assistant', content: null, tool_calls: c.toolRound.calls.map((t) => ({ id: t.id, type: 'function' as const, function: { name: t.name, arguments: JSON.stringify(t.args) } })) });
    for (const r of c.toolRound.results) messages.push({ role: 'tool', tool_call_id: r.id, content: r.output });
  }
  return {
    model, messages, tools: [{ type: 'function', function: WEATHER_TOOL }],
    ...(c.jsonSchema ? { response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: c.jsonSchema, strict: true } } } : {}),
    ...c.extra,
  };
}

function responsesBody(model: string, c: Conversation): OpenAI.Responses.ResponseCreateParamsNonStreaming {
  const content: OpenAI.Responses.ResponseInputContent[] = [{ type: 'input_text', text: c.prompt ?? 'Say hello' }];
  if (c.image) content.push({ type: 'input_image', detail: 'auto', image_url: 'url' in c.image ? c.image.url : dataUrl(c.image) });
  const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content }];
  for (const t of c.toolRound?.calls ?? []) input.push({ type: 'function_call', call_id: t.id, name: t.name, arguments: JSON.stringify(t.args) });
  for (const r of c.toolRound?.results ?? []) input.push({ type: 'function_call_output', call_id: r.id, output: r.output });
  return {
    model, input, tools: [{ type: 'function', strict: false, ...WEATHER_TOOL }],
    ...(c.system ? { instructions: c.system } : {}),
    ...(c.jsonSchema ? { text: { format: { type: 'json_schema', name: 'weather', schema: c.jsonSchema, strict: true } } } : {}),
    ...c.extra,
  };
}

function claudeBody(model: string, c: Conversation): Anthropic.MessageCreateParamsNonStreaming {
  const content: Anthropic.ContentBlockParam[] = [{ type: 'text', text: c.prompt ?? 'Say hello' }];
  if (c.image) {
    content.push({ type: 'image', source: 'url' in c.image ? { type: 'url', url: c.image.url } : { type: 'base64', media_type: c.image.mediaType as 'image/png', data: c.image.base64 } });
  }
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content }];
  if (c.toolRound) {
    messages.push({ role: 'assistant', content: c.toolRound.calls.map((t) => ({ type: 'tool_use' as const, id: t.id, name: t.name, input: t.args })) });
    messages.push({ role: 'user', content: c.toolRound.results.map((r) => ({ type: 'tool_result' as const, tool_use_id: r.id, content: r.output })) });
  }
  return {
    model, max_tokens: 256, messages,
    tools: [{ name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.parameters as Anthropic.Tool.InputSchema }],
    ...(c.system ? { system: c.system } : {}),
    ...(c.jsonSchema ? { output_config: { format: { type: 'json_schema', schema: c.jsonSchema } } } : {}),
    ...c.extra,
  };
}

function geminiBody(model: string, c: Conversation): GenerateContentParameters {
  const parts: Array<Record<string, unknown>> = [{ text: c.prompt ?? 'Say hello' }];
  if (c.image) parts.push('url' in c.image ? { fileData: { fileUri: c.image.url, mimeType: 'image/png' } } : { inlineData: { mimeType: c.image.mediaType, data: c.image.base64 } });
  const contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> = [{ role: 'user', parts }];
  if (c.toolRound) {
    contents.push({ role: 'model', parts: c.toolRound.calls.map((t) => ({ functionCall: { id: t.id, name: t.name, args: t.args } })) });
    contents.push({ role: 'user', parts: c.toolRound.results.map((r) => ({ functionResponse: { id: r.id, name: r.name, response: { output: r.output } } })) });
  }
  return {
    model, contents,
    config: {
      tools: [{ functionDeclarations: [{ name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, parametersJsonSchema: WEATHER_TOOL.parameters }] }],
      ...(c.system ? { systemInstruction: c.system } : {}),
      ...(c.jsonSchema ? { responseMimeType: 'application/json', responseJsonSchema: c.jsonSchema } : {}),
    },
    ...c.extra,
  };
}

/** Chat's one documented reasoning field (non-standard, DeepSeek-style): `reasoning_content`. */
type WithReasoning = { reasoning_content?: string | null };

function chatAnswer(completion: OpenAI.Chat.ChatCompletion, streamedReasoning?: string): Answer {
  const message = completion.choices[0]!.message;
  const usage = completion.usage;
  return {
    reasoning: streamedReasoning ?? (message as WithReasoning).reasoning_content ?? '',
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens,
    finish: completion.choices[0]?.finish_reason,
    usage: usage && { input: usage.prompt_tokens, output: usage.completion_tokens, cacheRead: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    text: message.content ?? '',
    toolCalls: (message.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, args: JSON.parse(c.function.arguments) as unknown }] : [])),
  };
}

function responsesAnswer(response: OpenAI.Responses.Response): Answer {
  const usage = response.usage;
  return {
    reasoning: response.output.flatMap((item) => (item.type === 'reasoning' ? item.summary.map((p) => p.text) : [])).join(''),
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens,
    finish: response.status,
    usage: usage && { input: usage.input_tokens, output: usage.output_tokens, cacheRead: usage.input_tokens_details?.cached_tokens ?? 0 },
    text: response.output_text,
    toolCalls: response.output.flatMap((item) => (item.type === 'function_call' ? [{ id: item.call_id, name: item.name, args: JSON.parse(item.arguments) as unknown }] : [])),
  };
}

function claudeAnswer(message: Anthropic.Message): Answer {
  const u = message.usage;
  return {
    reasoning: message.content.map((b) => (b.type === 'thinking' ? b.thinking : '')).join(''),
    reasoningTokens: undefined,
    finish: message.stop_reason,
    usage: { input: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), output: u.output_tokens, cacheRead: u.cache_read_input_tokens ?? 0 },
    text: message.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
    toolCalls: message.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, args: b.input }] : [])),
  };
}

interface GeminiPart { text?: string; thought?: boolean; functionCall?: { id?: string; name?: string; args?: unknown } }

interface GeminiChunk {
  candidates?: Array<{ finishReason?: string; content?: { parts?: GeminiPart[] } }> | undefined;
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; cachedContentTokenCount?: number } | undefined;
}

function geminiAnswer(chunks: GeminiChunk[]): Answer {
  const last = chunks.at(-1);
  const u = last?.usageMetadata;
  const parts = chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? []);
  return {
    reasoning: parts.filter((p) => p.thought).map((p) => p.text ?? '').join(''),
    reasoningTokens: u?.thoughtsTokenCount,
    finish: last?.candidates?.[0]?.finishReason,
    usage: u && { input: u.promptTokenCount ?? 0, output: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0), cacheRead: u.cachedContentTokenCount ?? 0 },
    text: parts.filter((p) => !p.thought).map((p) => p.text ?? '').join(''),
    toolCalls: parts.flatMap((p) => (p.functionCall ? [{ ...(p.functionCall.id ? { id: p.functionCall.id } : {}), name: p.functionCall.name ?? '', args: p.functionCall.args }] : [])),
  };
}

export const SDK_DRIVERS: Record<ProtocolId, SdkDriver> = {
  'openai-chat-completions': {
    async generate(gateway, model, c = {}) {
      return chatAnswer(await openai(`${gateway}/v1`).chat.completions.create(chatBody(model, c)));
    },
    async stream(gateway, model, c = {}) {
      const { stream: _nonStream, ...body } = chatBody(model, c);
      const stream = openai(`${gateway}/v1`).chat.completions.stream({ ...body, stream_options: { include_usage: true } });
      // The SDK keeps only the last value of unknown delta fields: gather reasoning from the chunks.
      let reasoning = '';
      stream.on('chunk', (chunk) => { reasoning += (chunk.choices[0]?.delta as WithReasoning | undefined)?.reasoning_content ?? ''; });
      return chatAnswer(await stream.finalChatCompletion(), reasoning);
    },
  },
  'openai-responses': {
    async generate(gateway, model, c = {}) {
      return responsesAnswer(await openai(`${gateway}/openai/v1`).responses.create(responsesBody(model, c)));
    },
    async stream(gateway, model, c = {}) {
      const { stream: _nonStream, ...body } = responsesBody(model, c);
      return responsesAnswer(await openai(`${gateway}/openai/v1`).responses.stream(body).finalResponse());
    },
  },
  claude: {
    async generate(gateway, model, c = {}) {
      return claudeAnswer(await anthropic(gateway).messages.create(claudeBody(model, c)));
    },
    async stream(gateway, model, c = {}) {
      return claudeAnswer(await anthropic(gateway).messages.stream(claudeBody(model, c)).finalMessage());
    },
  },
  gemini: {
    async generate(gateway, model, c = {}) {
      return geminiAnswer([await genai(gateway).models.generateContent(geminiBody(model, c))]);
    },
    async stream(gateway, model, c = {}) {
      const chunks: GeminiChunk[] = [];
      for await (const chunk of await genai(gateway).models.generateContentStream(geminiBody(model, c))) chunks.push(chunk);
      return geminiAnswer(chunks);
    },
  },
};
