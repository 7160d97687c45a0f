// Stateful Responses through the official `openai` SDK, the same on Node and on workerd: one
// turn (streamed or not), and the two-turn tool round whose second turn names the first by
// `previous_response_id` and must reach the upstream as the whole conversation, in its own format.
import type OpenAI from 'openai';
import { expect } from 'vitest';
import type { ConversionUpstream } from './conversion-upstream.ts';

export const OTHER_KEY = 'gw-test-other-key-98765';
export const QUESTION = 'What is the weather in Paris?';
export const TOOL_RESULT = '18C and sunny';
export const WEATHER = { type: 'function' as const, name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false };
/** The configFor() providers, by the protocol their upstream speaks. */
export const UPSTREAM_PROTOCOL = { chat: 'openai-chat-completions', claude: 'claude', gemini: 'gemini', responses: 'openai-responses' } as const;
export type ProviderName = keyof typeof UPSTREAM_PROTOCOL;

/** One turn, streamed or not; the final Response either way. */
export async function turn(client: OpenAI, params: OpenAI.Responses.ResponseCreateParamsNonStreaming, stream: boolean): Promise<OpenAI.Responses.Response> {
  if (!stream) return client.responses.create(params);
  let final: OpenAI.Responses.Response | undefined;
  for await (const event of await client.responses.create({ ...params, stream: true })) {
    if (event.type === 'response.completed') final = event.response;
  }
  if (!final) throw new Error('the stream had no response.completed');
  return final;
}

/**
 * Turn 1 asks and gets a tool call; turn 2 — sent the instant turn 1 ended, with only
 * `previous_response_id` and the tool result — must reach the upstream as one request holding
 * the question, the call and its result, and no `previous_response_id`.
 */
export async function expectToolRoundThroughStore(client: OpenAI, upstream: ConversionUpstream, provider: ProviderName, stream: boolean): Promise<void> {
  upstream.scenario = 'tool-call';
  const first = await turn(client, { model: `${provider}.test-model`, input: QUESTION, tools: [WEATHER] }, stream);
  const call = first.output.find((item) => item.type === 'function_call');
  expect(call).toBeDefined();
  upstream.scenario = 'text-after-tool';
  const before = upstream.requests.length;
  const second = await turn(client, {
    model: `${provider}.test-model`,
    previous_response_id: first.id,
    input: [{ type: 'function_call_output', call_id: call?.type === 'function_call' ? call.call_id : '', output: TOOL_RESULT }],
    tools: [WEATHER],
  }, stream);
  expect(second.previous_response_id).toBe(first.id);
  expect(upstream.requests).toHaveLength(before + 1);
  const sent = upstream.last();
  expect(sent.protocol).toBe(UPSTREAM_PROTOCOL[provider]);
  const text = JSON.stringify(sent.body);
  expect(text).toContain(QUESTION);
  expect(text).toContain('get_weather');
  expect(text).toContain(TOOL_RESULT);
  // The upstream got the conversation, never a reference it cannot resolve.
  expect(text).not.toContain('previous_response_id');
}
