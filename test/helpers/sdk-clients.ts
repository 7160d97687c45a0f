// The official SDKs pointed at the gateway, one driver per inbound protocol with the same
// three calls, so one conformance suite runs against all four (Hono's common.case style).
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { GATEWAY_KEY } from './gateway.ts';

export interface ToolCall {
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
}

export interface SdkDriver {
  generate(gateway: string, model: string, extra?: Record<string, unknown>): Promise<Answer>;
  stream(gateway: string, model: string, extra?: Record<string, unknown>): Promise<Answer>;
}

const WEATHER_TOOL = { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

const openai = (baseURL: string) => new OpenAI({ baseURL, apiKey: GATEWAY_KEY, maxRetries: 0 });
const anthropic = (gateway: string) => new Anthropic({ baseURL: `${gateway}/claude`, apiKey: GATEWAY_KEY, maxRetries: 0 });
const genai = (gateway: string) => new GoogleGenAI({ apiKey: GATEWAY_KEY, httpOptions: { baseUrl: `${gateway}/gemini`, retryOptions: { attempts: 1 } } });

const chatBody = (model: string, extra: Record<string, unknown>) => ({
  model,
  messages: [{ role: 'user' as const, content: 'Say hello' }],
  tools: [{ type: 'function' as const, function: WEATHER_TOOL }],
  ...extra,
});

const responsesBody = (model: string, extra: Record<string, unknown>) => ({
  model,
  input: 'Say hello',
  tools: [{ type: 'function' as const, strict: false, ...WEATHER_TOOL }],
  ...extra,
});

const claudeBody = (model: string, extra: Record<string, unknown>) => ({
  model,
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Say hello' }],
  tools: [{ name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.parameters as Anthropic.Tool.InputSchema }],
  ...extra,
});

const geminiBody = (model: string, extra: Record<string, unknown>) => ({
  model,
  contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }],
  config: { tools: [{ functionDeclarations: [{ name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, parametersJsonSchema: WEATHER_TOOL.parameters }] }] },
  ...extra,
});

function chatAnswer(completion: OpenAI.Chat.ChatCompletion): Answer {
  const message = completion.choices[0]!.message;
  const usage = completion.usage;
  return {
    finish: completion.choices[0]?.finish_reason,
    usage: usage && { input: usage.prompt_tokens, output: usage.completion_tokens, cacheRead: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    text: message.content ?? '',
    toolCalls: (message.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ name: c.function.name, args: JSON.parse(c.function.arguments) as unknown }] : [])),
  };
}

function responsesAnswer(response: OpenAI.Responses.Response): Answer {
  const usage = response.usage;
  return {
    finish: response.status,
    usage: usage && { input: usage.input_tokens, output: usage.output_tokens, cacheRead: usage.input_tokens_details?.cached_tokens ?? 0 },
    text: response.output_text,
    toolCalls: response.output.flatMap((item) => (item.type === 'function_call' ? [{ name: item.name, args: JSON.parse(item.arguments) as unknown }] : [])),
  };
}

function claudeAnswer(message: Anthropic.Message): Answer {
  const u = message.usage;
  return {
    finish: message.stop_reason,
    usage: { input: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), output: u.output_tokens, cacheRead: u.cache_read_input_tokens ?? 0 },
    text: message.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
    toolCalls: message.content.flatMap((b) => (b.type === 'tool_use' ? [{ name: b.name, args: b.input }] : [])),
  };
}

interface GeminiChunk {
  text?: string | undefined;
  functionCalls?: Array<{ name?: string; args?: unknown }> | undefined;
  candidates?: Array<{ finishReason?: string }> | undefined;
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; cachedContentTokenCount?: number } | undefined;
}

function geminiAnswer(chunks: GeminiChunk[]): Answer {
  const last = chunks.at(-1);
  const u = last?.usageMetadata;
  return {
    finish: last?.candidates?.[0]?.finishReason,
    usage: u && { input: u.promptTokenCount ?? 0, output: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0), cacheRead: u.cachedContentTokenCount ?? 0 },
    text: chunks.map((c) => c.text ?? '').join(''),
    toolCalls: chunks.flatMap((c) => (c.functionCalls ?? []).map((f) => ({ name: f.name ?? '', args: f.args }))),
  };
}

export const SDK_DRIVERS: Record<ProtocolId, SdkDriver> = {
  'openai-chat-completions': {
    async generate(gateway, model, extra = {}) {
      const completion = await openai(`${gateway}/v1`).chat.completions.create(chatBody(model, extra));
      return chatAnswer(completion);
    },
    async stream(gateway, model, extra = {}) {
      const stream = openai(`${gateway}/v1`).chat.completions.stream({ ...chatBody(model, extra), stream_options: { include_usage: true } });
      return chatAnswer(await stream.finalChatCompletion());
    },
  },
  'openai-responses': {
    async generate(gateway, model, extra = {}) {
      return responsesAnswer(await openai(`${gateway}/openai/v1`).responses.create(responsesBody(model, extra)));
    },
    async stream(gateway, model, extra = {}) {
      return responsesAnswer(await openai(`${gateway}/openai/v1`).responses.stream(responsesBody(model, extra)).finalResponse());
    },
  },
  claude: {
    async generate(gateway, model, extra = {}) {
      return claudeAnswer(await anthropic(gateway).messages.create(claudeBody(model, extra)));
    },
    async stream(gateway, model, extra = {}) {
      return claudeAnswer(await anthropic(gateway).messages.stream(claudeBody(model, extra)).finalMessage());
    },
  },
  gemini: {
    async generate(gateway, model, extra = {}) {
      return geminiAnswer([await genai(gateway).models.generateContent(geminiBody(model, extra))]);
    },
    async stream(gateway, model, extra = {}) {
      const chunks: GeminiChunk[] = [];
      for await (const chunk of await genai(gateway).models.generateContentStream(geminiBody(model, extra))) chunks.push(chunk);
      return geminiAnswer(chunks);
    },
  },
};
