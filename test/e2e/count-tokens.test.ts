// count_tokens for every upstream type, from each inbound protocol that has a counting route:
// the upstream's own counting endpoint answers where it has one (the client gets exactly its
// count); an OpenAI Chat upstream has none, so a local tokenizer estimates, counting the
// system prompt and tools too. Never an inference call.
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import * as claudeSchemas from '../../generated/claude/index.ts';
import * as geminiSchemas from '../../generated/gemini/index.ts';
import * as responsesSchemas from '../../generated/openai-responses/index.ts';
import { createApp } from '../../src/app.ts';
import { nodeO200kTokenizer } from '../../src/runtime/node/o200k-tokenizer.ts';
import { configFor } from '../helpers/gateway.ts';
import { envWith, post } from '../helpers/in-process.ts';

const SYSTEM = 'You are a meticulous assistant who explains every step of the work in detail.';
const TOOL = { name: 'get_weather', description: 'Weather for a city, with temperature and wind', schema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] } };

const ROUTES = {
  claude: {
    path: '/claude/v1/messages/count_tokens',
    body: (model: string, full: boolean) => ({ model, messages: [{ role: 'user', content: 'What is the weather in Paris?' }], ...(full ? { system: SYSTEM, tools: [{ name: TOOL.name, description: TOOL.description, input_schema: TOOL.schema }] } : {}) }),
    read: (json: any) => json.input_tokens as number,
  },
  gemini: {
    path: '/gemini/v1beta/models/MODEL:countTokens',
    body: (_model: string, full: boolean) => ({
      generateContentRequest: {
        contents: [{ role: 'user', parts: [{ text: 'What is the weather in Paris?' }] }],
        ...(full ? { systemInstruction: { parts: [{ text: SYSTEM }] }, tools: [{ functionDeclarations: [{ name: TOOL.name, description: TOOL.description, parametersJsonSchema: TOOL.schema }] }] } : {}),
      },
    }),
    read: (json: any) => json.totalTokens as number,
  },
  responses: {
    path: '/openai/v1/responses/input_tokens',
    body: (model: string, full: boolean) => ({ model, input: 'What is the weather in Paris?', ...(full ? { instructions: SYSTEM, tools: [{ type: 'function', name: TOOL.name, description: TOOL.description, parameters: TOOL.schema, strict: false }] } : {}) }),
    read: (json: any) => json.input_tokens as number,
  },
} as const;

/** Each counting upstream answers 1234 in its own shape, after checking the request it got. */
const UPSTREAM_COUNT: Record<string, { path: RegExp; valid: (body: unknown) => boolean; answer: unknown }> = {
  claude: { path: /\/v1\/messages\/count_tokens$/, valid: claudeSchemas.validators.CountTokensRequest, answer: { input_tokens: 1234 } },
  gemini: { path: /\/v1beta\/models\/test-model:countTokens$/, valid: geminiSchemas.validators.CountTokensRequest, answer: { totalTokens: 1234 } },
  responses: { path: /\/v1\/responses\/input_tokens$/, valid: responsesSchemas.validators.InputTokensRequest, answer: { object: 'response.input_tokens', input_tokens: 1234 } },
};

function gateway(options: { tokenizer?: boolean } = {}) {
  const calls: string[] = [];
  const app = createApp({
    ...(options.tokenizer === false ? {} : { tokenizer: nodeO200kTokenizer }),
    fetch: async (request) => {
      const path = new URL(request.url).pathname;
      calls.push(path);
      const body: unknown = await request.json();
      const counter = Object.values(UPSTREAM_COUNT).find((c) => c.path.test(path));
      if (!counter) return Response.json({ error: { message: `not a counting endpoint: ${path}` } }, { status: 500 });
      if (!counter.valid(body)) return Response.json({ error: { message: `invalid count request: ${JSON.stringify(body)}` } }, { status: 400 });
      return Response.json(counter.answer);
    },
  });
  return { app, calls, env: envWith(configFor('https://upstream.test')) };
}

const CASES = Object.entries(ROUTES).flatMap(([inbound, route]) => ['chat', 'responses', 'claude', 'gemini'].map((provider) => [inbound, provider, route] as const));

describe.each(CASES)('%s count_tokens → %s upstream', (_inbound, provider, route) => {
  const model = `${provider}.test-model`;
  const send = async (full: boolean) => {
    const { app, calls, env } = gateway();
    const response = await app.fetch(post(route.path.replace('MODEL', model), route.body(model, full), { authorization: 'Bearer k-main' }), env);
    const json: unknown = await response.json();
    expect(response.status, JSON.stringify(json)).toBe(200);
    return { count: route.read(json), calls, source: response.headers.get('x-any-api-token-count') };
  };

  if (provider === 'chat') {
    it('is estimated locally, counts system prompt and tools, and calls no upstream', async () => {
      const bare = await send(false);
      const full = await send(true);
      expect(bare.count).toBeGreaterThan(5);
      expect(full.count).toBeGreaterThan(bare.count + 20);
      expect(full.calls).toEqual([]);
      expect(full.source).toBe('estimate');
    });
  } else {
    it('is the upstream\'s own count, from its counting endpoint', async () => {
      const { count, calls, source } = await send(true);
      expect(count).toBe(1234);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatch(UPSTREAM_COUNT[provider]!.path);
      expect(source).toBe('upstream');
    });
  }
});

it('the Anthropic SDK\'s messages.countTokens works against any upstream type', async () => {
  const { app, env } = gateway();
  const client = new Anthropic({ baseURL: 'http://gateway.test/claude', apiKey: 'k-main', maxRetries: 0, fetch: (input, init) => app.fetch(new Request(input, init), env) });
  for (const provider of ['gemini', 'chat']) {
    const counted = await client.messages.countTokens({ model: `${provider}.test-model`, system: SYSTEM, messages: [{ role: 'user', content: 'hi' }] });
    expect(counted.input_tokens).toBeGreaterThan(0);
  }
});

it('a gateway built without a tokenizer says it cannot estimate (501), and still relays upstream counts', async () => {
  const { app, calls, env } = gateway({ tokenizer: false });
  const body = { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] };
  const estimated = await app.fetch(post('/claude/v1/messages/count_tokens', body, { authorization: 'Bearer k-main' }), env);
  expect(estimated.status).toBe(501);
  expect(JSON.stringify(await estimated.json())).toContain('no tokenizer');
  expect(calls).toEqual([]);
  const relayed = await app.fetch(post('/claude/v1/messages/count_tokens', { ...body, model: 'gemini.test-model' }, { authorization: 'Bearer k-main' }), env);
  expect(relayed.status).toBe(200);
});
