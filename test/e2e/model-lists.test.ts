// Model lists as clients ask for them: Claude Code's `GET /v1/models?limit=1000` (and the
// /claude/ form) answers at once, without a redirect, with the display names and token limits
// the config gives; the Gemini list and model carry the same as displayName / token limits.
// Aliases are listed in every shape with their first configured target's details, so Claude
// Code and Gemini CLI can pick them; an alias that leads to no configured model is not listed.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';

let gateway: RunningGateway;
beforeAll(async () => {
  const config = configFor('http://127.0.0.1:9');
  config.providers.claude!.models['test-model'] = { upstreamModel: 'test-model', displayName: 'Test Sonnet', maxInputTokens: 200_000, maxOutputTokens: 64_000 };
  config.aliases = {
    'claude-*': ['claude.test-model', 'chat.test-model'],
    'gemini-2.5-pro': ['nowhere.model', 'gemini.test-model'],
    'ghost': 'nowhere.model',
  };
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
});
afterAll(() => gateway.close());

const get = (path: string) => fetch(`${gateway.url}${path}`, { headers: { 'x-api-key': GATEWAY_KEY, 'x-goog-api-key': GATEWAY_KEY }, redirect: 'manual' });

it.each(['/v1/models?limit=1000', '/claude/v1/models?limit=1000'])('%s: 200, no redirect, every model', async (path) => {
  const response = await get(path);
  expect(response.status).toBe(200);
  const list = (await response.json()) as { data: Array<{ id: string }> };
  expect(list.data.map((m) => m.id)).toContain('claude.test-model');
  expect(list.data.length).toBe(10);
});

it('the OpenAI list names each alias, owned by its first configured target\'s provider', async () => {
  const list = (await (await get('/v1/models')).json()) as { data: Array<{ id: string; owned_by: string }> };
  expect(list.data.slice(-2)).toEqual([
    { id: 'claude-*', object: 'model', created: 0, owned_by: 'claude' },
    { id: 'gemini-2.5-pro', object: 'model', created: 0, owned_by: 'gemini' },
  ]);
  expect(list.data.map((m) => m.id)).not.toContain('ghost');
});

it('the Claude list carries display_name and token limits where the config gives them', async () => {
  const models = await new Anthropic({ baseURL: `${gateway.url}/claude`, apiKey: GATEWAY_KEY, maxRetries: 0 }).models.list({ limit: 1000 });
  const listed = models.data.find((m) => m.id === 'claude.test-model') as unknown as Record<string, unknown>;
  expect(listed).toMatchObject({ type: 'model', display_name: 'Test Sonnet', max_input_tokens: 200_000, max_tokens: 64_000 });
  const plain = models.data.find((m) => m.id === 'chat.test-model') as unknown as Record<string, unknown>;
  expect(plain.display_name).toBe('chat.test-model');
  expect(plain).not.toHaveProperty('max_input_tokens');
});

it('the Gemini list and model carry displayName and token limits', async () => {
  const one = (await (await get('/gemini/v1beta/models/claude.test-model')).json()) as Record<string, unknown>;
  expect(one).toMatchObject({ name: 'models/claude.test-model', displayName: 'Test Sonnet', inputTokenLimit: 200_000, outputTokenLimit: 64_000 });
  const list = (await (await get('/gemini/v1beta/models')).json()) as { models: Array<Record<string, unknown>> };
  expect(list.models.find((m) => m.name === 'models/claude.test-model')).toMatchObject({ displayName: 'Test Sonnet' });
});

it('the Claude list shows an alias with its first target\'s display name and token limits', async () => {
  const models = await new Anthropic({ baseURL: `${gateway.url}/claude`, apiKey: GATEWAY_KEY, maxRetries: 0 }).models.list({ limit: 1000 });
  const alias = models.data.find((m) => m.id === 'claude-*') as unknown as Record<string, unknown>;
  expect(alias).toMatchObject({ type: 'model', display_name: 'Test Sonnet', max_input_tokens: 200_000, max_tokens: 64_000, owned_by: 'claude' });
  const plain = models.data.find((m) => m.id === 'gemini-2.5-pro') as unknown as Record<string, unknown>;
  expect(plain.display_name).toBe('gemini-2.5-pro');
});

it('the Gemini list has the aliases, and a Gemini model path resolves one under the name asked for', async () => {
  const list = (await (await get('/gemini/v1beta/models')).json()) as { models: Array<Record<string, unknown>> };
  expect(list.models.map((m) => m.name)).toEqual(expect.arrayContaining(['models/claude-*', 'models/gemini-2.5-pro']));
  const byPrefix = await get('/gemini/v1beta/models/claude-opus-4-5');
  expect(byPrefix.status).toBe(200);
  expect(await byPrefix.json()).toMatchObject({ name: 'models/claude-opus-4-5', displayName: 'Test Sonnet', inputTokenLimit: 200_000 });
  expect(await (await get('/gemini/v1beta/models/gemini-2.5-pro')).json()).toMatchObject({ name: 'models/gemini-2.5-pro', displayName: 'gemini-2.5-pro' });
  expect((await get('/gemini/v1beta/models/ghost')).status).toBe(404);
});
