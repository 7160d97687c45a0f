// The Vercel AI SDK pointed at the gateway, one provider package per inbound protocol:
// `@ai-sdk/openai` chat (Chat Completions) and responses (Responses, `store: false`),
// `@ai-sdk/anthropic` (Claude Messages), `@ai-sdk/google` (Gemini). Everything goes through
// `generateText` / `streamText`, tools with `execute` and `stopWhen`, `Output.object`.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { Output, generateText, isStepCount, streamText, tool, type LanguageModel } from 'ai';
import { z } from 'zod';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { PROMPT, WEATHER_TOOL, type FrameworkDriver, type ToolLoopAnswer } from './framework-matrix.ts';
import { GATEWAY_KEY } from './gateway.ts';

type ProviderOptions = NonNullable<Parameters<typeof generateText>[0]['providerOptions']>;

interface AiSdkClient {
  model(gateway: string, model: string): LanguageModel;
  /** Per-call provider options this client always sends (and, for structured output, more). */
  providerOptions?: ProviderOptions;
  structuredOptions?: ProviderOptions;
}

const CLIENTS: Record<ProtocolId, AiSdkClient> = {
  'openai-chat-completions': {
    model: (gateway, model) => createOpenAI({ baseURL: `${gateway}/v1`, apiKey: GATEWAY_KEY }).chat(model),
  },
  'openai-responses': {
    model: (gateway, model) => createOpenAI({ baseURL: `${gateway}/openai/v1`, apiKey: GATEWAY_KEY }).responses(model),
    providerOptions: { openai: { store: false } },
  },
  claude: {
    model: (gateway, model) => createAnthropic({ baseURL: `${gateway}/claude/v1`, apiKey: GATEWAY_KEY })(model),
    // Native structured output (`output_config.format`), not the JSON-tool fallback the SDK picks for unknown models.
    structuredOptions: { anthropic: { structuredOutputMode: 'outputFormat' } },
  },
  gemini: {
    model: (gateway, model) => createGoogleGenerativeAI({ baseURL: `${gateway}/gemini/v1beta`, apiKey: GATEWAY_KEY })(model),
  },
};

const WEATHER_SCHEMA = z.object({ city: z.string(), temperature_c: z.number() });

/** Reads a streamText result to the end; an error part fails the call instead of passing silently. */
async function drain(result: { stream: AsyncIterable<{ type: string; error?: unknown }> }): Promise<void> {
  for await (const part of result.stream) if (part.type === 'error') throw part.error;
}

function driver(client: AiSdkClient): FrameworkDriver {
  const base = (gateway: string, model: string) => ({
    model: client.model(gateway, model), prompt: PROMPT, maxRetries: 0, providerOptions: client.providerOptions,
  });
  return {
    echoesCallIds: true,
    async text(gateway, model) {
      const { text, usage } = await generateText(base(gateway, model));
      return { text, usage: { input: usage.inputTokens, output: usage.outputTokens } };
    },
    async stream(gateway, model) {
      const result = streamText(base(gateway, model));
      await drain(result);
      const [text, usage] = await Promise.all([result.text, result.usage]);
      return { text, usage: { input: usage.inputTokens, output: usage.outputTokens } };
    },
    async toolLoop(gateway, model, { stream, weather }) {
      const options = {
        ...base(gateway, model),
        tools: {
          [WEATHER_TOOL.name]: tool({ description: WEATHER_TOOL.description, inputSchema: z.object({ city: z.string() }), execute: async (args) => weather(args) }),
        },
        stopWhen: isStepCount(2),
      };
      let steps: Awaited<ReturnType<typeof generateText>>['steps'];
      let text: string;
      if (stream) {
        const result = streamText(options);
        await drain(result);
        [steps, text] = await Promise.all([result.steps, result.text]);
      } else {
        ({ steps, text } = await generateText(options));
      }
      const calls: ToolLoopAnswer['calls'] = steps.flatMap((s) => s.toolCalls.map((c) => ({ name: c.toolName, args: c.input })));
      return { text, calls };
    },
    async structured(gateway, model) {
      const { output } = await generateText({
        ...base(gateway, model),
        output: Output.object({ schema: WEATHER_SCHEMA, name: 'weather' }),
        providerOptions: { ...client.providerOptions, ...client.structuredOptions },
      });
      return output;
    },
  };
}

export const AI_SDK_DRIVERS = Object.fromEntries(Object.entries(CLIENTS).map(([p, c]) => [p, driver(c)])) as Record<ProtocolId, FrameworkDriver>;
