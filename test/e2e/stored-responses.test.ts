// Stateful Responses on every upstream type, through the official `openai` SDK: a turn is stored
// when it completes, `previous_response_id` expands the stored conversation for the upstream
// (which receives the whole history in its own format), `item_reference` items resolve, and the
// stored response can be read, listed and deleted — by the gateway key that created it only.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { OTHER_KEY, QUESTION, TOOL_RESULT, UPSTREAM_PROTOCOL, expectToolRoundThroughStore, type ProviderName } from '../helpers/responses-turns.ts';

const UPSTREAMS = Object.keys(UPSTREAM_PROTOCOL) as ProviderName[];

let upstream: ConversionUpstream;
let gateway: RunningGateway;
const client = (key = GATEWAY_KEY) => new OpenAI({ baseURL: `${gateway.url}/openai/v1`, apiKey: key, maxRetries: 0 });

beforeAll(async () => {
  upstream = await startConversionUpstream();
  const config: AnyApiConfig = configFor(upstream.url);
  // A Responses upstream that keeps no state of its own: the gateway expands for it too.
  config.providers.responses!.quirks = { noPreviousResponseId: true };
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEYS: `${GATEWAY_KEY},${OTHER_KEY}` });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe.each(UPSTREAMS)('%s upstream', (provider) => {
  describe.each([false, true])('stream: %s', (stream) => {
    it('turn 2 with previous_response_id and a tool result, sent the instant turn 1 ends: the upstream receives the whole history in its own format', () =>
      expectToolRoundThroughStore(client(), upstream, provider, stream));
  });
});

describe('stored responses', () => {
  it('GET returns the stored response, input_items lists its input, DELETE removes it', async () => {
    upstream.scenario = 'text';
    const created = await client().responses.create({ model: 'claude.test-model', input: QUESTION });
    const got = await client().responses.retrieve(created.id);
    expect(got.id).toBe(created.id);
    expect(got.output_text).toBe(created.output_text);
    expect(got).toMatchObject({ store: true, previous_response_id: null });
    const items = await client().responses.inputItems.list(created.id);
    expect(items.data).toHaveLength(1);
    expect(JSON.stringify(items.data[0])).toContain(QUESTION);
    expect(await client().responses.delete(created.id)).toMatchObject({ id: created.id, deleted: true });
    await expect(client().responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('earlier turns reach a Responses upstream as they were: no ids the gateway made up on items the client sent', async () => {
    upstream.scenario = 'text';
    const first = await client().responses.create({ model: 'responses.test-model', input: QUESTION });
    const second = await client().responses.create({ model: 'responses.test-model', input: 'And tomorrow?', previous_response_id: first.id });
    // Stored as what it was, whatever the upstream's answer said of store and predecessor.
    expect(await client().responses.retrieve(second.id)).toMatchObject({ store: true, previous_response_id: first.id });
    const input = (upstream.last().body as { input: Array<Record<string, unknown>> }).input;
    expect(input[0]).toMatchObject({ role: 'user' });
    // OpenAI refuses an `id` on an input message it did not issue.
    expect(input[0]).not.toHaveProperty('id');
    // Listing still names every item, and pages by those names.
    const listed = await client().responses.inputItems.list(first.id);
    expect(listed.data[0]?.id).toEqual(expect.any(String));
  });

  it('an input array is stored as the client sent it: input_items lists those items', async () => {
    upstream.scenario = 'text';
    const input = [
      { type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text: QUESTION }] },
      { type: 'message' as const, id: 'msg_from_client', role: 'user' as const, content: 'Grüße — 你好 👋 "quoted"' },
    ];
    const created = await client().responses.create({ model: 'responses.test-model', input });
    const listed = await client().responses.inputItems.list(created.id);
    // Newest first, as OpenAI lists them by default.
    expect(listed.data).toHaveLength(2);
    expect(listed.data[0]).toMatchObject(input[1]!);
    expect(listed.data[1]).toMatchObject(input[0]!);
    // An item the client sent with an id can be referred to by it.
    await client().responses.create({ model: 'responses.test-model', input: [{ type: 'item_reference', id: 'msg_from_client' }] });
    expect((upstream.last().body as { input: unknown[] }).input).toEqual([input[1]]);
  });

  it('store: false leaves nothing to retrieve', async () => {
    upstream.scenario = 'text';
    const created = await client().responses.create({ model: 'gemini.test-model', input: QUESTION, store: false });
    await expect(client().responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('another gateway key gets 404, for GET and for previous_response_id', async () => {
    upstream.scenario = 'text';
    const created = await client().responses.create({ model: 'chat.test-model', input: QUESTION });
    await expect(client(OTHER_KEY).responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(client(OTHER_KEY).responses.create({ model: 'chat.test-model', input: 'and tomorrow?', previous_response_id: created.id }))
      .rejects.toMatchObject({ status: 404, code: 'previous_response_not_found' });
  });

  it('an unknown previous_response_id is a 404 previous_response_not_found, and nothing reaches the upstream', async () => {
    const before = upstream.requests.length;
    await expect(client().responses.create({ model: 'claude.test-model', input: 'hi', previous_response_id: 'resp_does_not_exist' }))
      .rejects.toMatchObject({ status: 404, code: 'previous_response_not_found' });
    expect(upstream.requests.length).toBe(before);
  });

  it('instructions are not inherited across previous_response_id', async () => {
    upstream.scenario = 'text';
    const first = await client().responses.create({ model: 'claude.test-model', input: QUESTION, instructions: 'Answer in French.' });
    await client().responses.create({ model: 'claude.test-model', input: 'And tomorrow?', previous_response_id: first.id });
    expect(JSON.stringify(upstream.last().body)).not.toContain('Answer in French.');
  });
});

type Json = Record<string, any>;
/** The upstream request has the assistant's tool call of step 1 as an assistant turn of its own protocol. */
const HAS_ASSISTANT_CALL = {
  chat: (body: Json) => body.messages.some((m: Json) => m.role === 'assistant' && m.tool_calls?.[0]?.function?.name === 'get_weather'),
  claude: (body: Json) => body.messages.some((m: Json) => m.role === 'assistant' && m.content.some((c: Json) => c.type === 'tool_use' && c.name === 'get_weather')),
  gemini: (body: Json) => body.contents.some((c: Json) => c.role === 'model' && c.parts.some((p: Json) => p.functionCall?.name === 'get_weather')),
};

/** Step 1's text in the parallel-calls recordings: the AI SDK sends it back as an item_reference. */
const STEP_ONE_TEXT = 'Checking three cities.';

describe.each(['chat', 'claude', 'gemini'] as const)('Vercel AI SDK .responses() with its defaults → %s upstream', (provider) => {
  it('a two-step tool loop: the second upstream request carries the assistant text of step 1 (item references resolved)', async () => {
    upstream.scenario = 'tool-calls-parallel';
    const openai = createOpenAI({ baseURL: `${gateway.url}/openai/v1`, apiKey: GATEWAY_KEY });
    const start = upstream.requests.length;
    let calls = 0;
    const result = await generateText({
      model: openai.responses(`${provider}.test-model`),
      prompt: QUESTION,
      maxRetries: 0,
      stopWhen: isStepCount(2),
      tools: {
        get_weather: tool({
          description: 'Weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async () => {
            calls += 1;
            upstream.scenario = 'text-after-tool';
            return TOOL_RESULT;
          },
        }),
      },
    });
    expect(calls).toBe(3);
    expect(result.steps).toHaveLength(2);
    const text = JSON.stringify(upstream.requests.slice(start)[1]?.body);
    expect(text).toContain(QUESTION);
    expect(text).toContain(TOOL_RESULT);
    // The SDK sent step 1's text only as {type: "item_reference", id}: the store filled it in.
    expect(text).toContain(STEP_ONE_TEXT);
  });
});
