// LangChain JS chat models pointed at the gateway, one per inbound protocol: ChatOpenAI (Chat
// Completions, and `useResponsesApi: true` for Responses), ChatAnthropic (Claude Messages),
// ChatGoogleGenerativeAI (Gemini). Everything goes through `invoke` / `stream`, `bindTools`
// with a `tool()` whose invocation makes the ToolMessage, and `withStructuredOutput`.
import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, type AIMessage, type AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { PROMPT, WEATHER_TOOL, type FrameworkDriver, type TextAnswer } from './framework-matrix.ts';
import { GATEWAY_KEY } from './gateway.ts';

const CHAT_MODELS: Record<ProtocolId, (gateway: string, model: string) => BaseChatModel> = {
  'openai-chat-completions': (gateway, model) =>
    new ChatOpenAI({ model, apiKey: GATEWAY_KEY, maxRetries: 0, configuration: { baseURL: `${gateway}/v1` } }),
  'openai-responses': (gateway, model) =>
    new ChatOpenAI({ model, apiKey: GATEWAY_KEY, maxRetries: 0, useResponsesApi: true, configuration: { baseURL: `${gateway}/openai/v1` } }),
  claude: (gateway, model) => new ChatAnthropic({ model, apiKey: GATEWAY_KEY, maxRetries: 0, anthropicApiUrl: `${gateway}/claude` }),
  gemini: (gateway, model) => new ChatGoogleGenerativeAI({ model, apiKey: GATEWAY_KEY, maxRetries: 0, baseUrl: `${gateway}/gemini` }),
};

const WEATHER_SCHEMA = z.object({ city: z.string(), temperature_c: z.number() });

type Runnable = Pick<BaseChatModel, 'invoke' | 'stream'>;

/** Streams a turn and merges the chunks into one message, as an agent loop does. */
async function streamed(model: Runnable, messages: BaseMessage[], chunks: AIMessageChunk[] = []): Promise<AIMessageChunk> {
  for await (const chunk of await model.stream(messages)) chunks.push(chunk);
  if (chunks.length === 0) throw new Error('the stream ended without a chunk');
  return chunks.reduce((merged, chunk) => merged.concat(chunk));
}

const answer = (message: AIMessage | AIMessageChunk): TextAnswer => ({
  text: message.text,
  usage: message.usage_metadata && { input: message.usage_metadata.input_tokens, output: message.usage_metadata.output_tokens },
});

function driver(protocol: ProtocolId, chat: (gateway: string, model: string) => BaseChatModel): FrameworkDriver {
  return {
    // ChatGoogleGenerativeAI sends functionCall / functionResponse parts without ids.
    echoesCallIds: protocol !== 'gemini',
    async text(gateway, model) {
      return answer(await chat(gateway, model).invoke([new HumanMessage(PROMPT)]));
    },
    async stream(gateway, model) {
      const chunks: AIMessageChunk[] = [];
      const result = answer(await streamed(chat(gateway, model), [new HumanMessage(PROMPT)], chunks));
      // A ChatAnthropic bug, with Anthropic itself too: merging adds message_start's output_tokens (1) to
      // message_delta's, which is already the total. Read that total, as Anthropic defines it.
      const total = chunks.findLast((c) => c.additional_kwargs.stop_reason !== undefined)?.usage_metadata;
      if (protocol === 'claude' && result.usage && total) result.usage.output = total.output_tokens;
      return result;
    },
    async toolLoop(gateway, model, { stream, weather }) {
      const weatherTool = tool(async (args: { city: string }) => weather(args), {
        name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, schema: z.object({ city: z.string() }),
      });
      const bound = chat(gateway, model).bindTools!([weatherTool]) as Runnable;
      const turn = (messages: BaseMessage[]): Promise<AIMessage | AIMessageChunk> => (stream ? streamed(bound, messages) : bound.invoke(messages));
      const messages: BaseMessage[] = [new HumanMessage(PROMPT)];
      const first = await turn(messages);
      messages.push(first);
      for (const call of first.tool_calls ?? []) messages.push(await weatherTool.invoke({ ...call, type: 'tool_call' }));
      const second = await turn(messages);
      return { text: second.text, calls: (first.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })) };
    },
    async structured(gateway, model) {
      return chat(gateway, model).withStructuredOutput(WEATHER_SCHEMA, { name: 'weather', method: 'jsonSchema' }).invoke([new HumanMessage(PROMPT)]);
    },
  };
}

export const LANGCHAIN_DRIVERS = Object.fromEntries(Object.entries(CHAT_MODELS).map(([p, c]) => [p, driver(p as ProtocolId, c)])) as Record<ProtocolId, FrameworkDriver>;
