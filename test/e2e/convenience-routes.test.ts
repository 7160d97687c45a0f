// The unprefixed routes real clients reach with the most common base URLs: an OpenAI SDK with
// `baseURL: …/v1` calls /v1/responses; an Anthropic SDK (or Claude Code) with the bare host
// calls /v1/messages and /v1/messages/count_tokens. They serve the same handlers as the
// prefixed routes, and their errors come in the right protocol's envelope.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';

const ctx = useConversionGateway();

it('OpenAI SDK with baseURL /v1: responses.create', async () => {
  ctx.upstream.scenario = 'text';
  const client = new OpenAI({ baseURL: `${ctx.gateway.url}/v1`, apiKey: GATEWAY_KEY, maxRetries: 0 });
  const response = await client.responses.create({ model: 'claude.test-model', input: 'hi', store: false });
  expect(response.output_text).toBe('Hello from the upstream.');
});

it('Anthropic SDK with the bare host: messages.create and countTokens', async () => {
  ctx.upstream.scenario = 'text';
  const client = new Anthropic({ baseURL: ctx.gateway.url, apiKey: GATEWAY_KEY, maxRetries: 0 });
  const message = await client.messages.create({ model: 'chat.test-model', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
  expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from the upstream.' })]);
  const count = await client.messages.countTokens({ model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] });
  expect(count.input_tokens).toBeGreaterThan(0);
});

it('errors on the unprefixed routes use the route\'s own envelope', async () => {
  const post = (path: string) => fetch(`${ctx.gateway.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json' }, body: '{}' });
  expect(await (await post('/v1/messages')).json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  expect(await (await post('/v1/responses')).json()).toMatchObject({ error: { type: 'invalid_request_error' } });
});
