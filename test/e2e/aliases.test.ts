// Clients that send their own model names work unmodified through aliases: Claude Code's
// `claude-…` on /v1/messages, Gemini CLI's `gemini-…` in the Gemini URL path (generate,
// stream, count), an OpenAI SDK's `gpt-…` — each reaches the aliased model's upstream with that
// model's upstream id and the provider's key (a pool's first key that is set).
import { beforeEach, afterEach, expect, it, vi } from 'vitest';
import { readFixture } from '../helpers/fixtures.ts';
import { envWith, inProcessApp, minimalAnswer, post, type SentUpstream } from '../helpers/in-process.ts';
import { routingConfig } from '../helpers/routing-config.ts';

const env = envWith(routingConfig(), { ANTHROPIC_KEY_B: 'sk-ant-pool-b', GEMINI_KEY: 'AIza-team' });
const AUTH = { authorization: 'Bearer k-main' };
const GEMINI_BODY = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

beforeEach(() => {
  // The fixture's deliberate dead links are warned about when the config is first loaded.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const GEMINI_STREAM = readFixture('gemini', 'stream-text.response.sse');
const answer = (sent: SentUpstream) =>
  sent.url.includes(':streamGenerateContent') ? new Response(GEMINI_STREAM, { headers: { 'content-type': 'text/event-stream' } }) : minimalAnswer(sent);

async function send(path: string, body: unknown) {
  const { app, sent } = inProcessApp(answer);
  const response = await app.fetch(post(path, body, AUTH), env);
  await response.arrayBuffer();
  return { status: response.status, sent };
}

it('Claude Code: a dated claude-… name goes to the claude-* alias\'s first model, with the first key of the pool that is set', async () => {
  const { status, sent } = await send('/v1/messages', { model: 'claude-sonnet-4-5-20250929', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
  expect(status).toBe(200);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.url).toBe('https://api.anthropic.com/v1/messages');
  expect(sent[0]?.body).toMatchObject({ model: 'claude-sonnet-4-5' });
  expect(sent[0]?.headers.get('x-api-key')).toBe('sk-ant-pool-b');
});

it.each([
  ['generateContent', 'gemini-2.5-pro', 'gemini-2.5-pro-team:generateContent'],
  ['streamGenerateContent', 'gemini-3-pro-preview', 'gemini-2.5-pro-team:streamGenerateContent'],
  ['countTokens', 'gemini-2.5-flash', 'gemini-2.5-flash-team:countTokens'],
])('Gemini CLI: :%s on models/%s resolves the alias in the URL path', async (method, name, upstreamPath) => {
  const { status, sent } = await send(`/gemini/v1beta/models/${name}:${method}`, GEMINI_BODY);
  expect(sent[0]?.url).toContain(`https://generativelanguage.googleapis.com/v1beta/models/${upstreamPath}`);
  expect(sent[0]?.headers.get('x-goog-api-key')).toBe('AIza-team');
  expect(status).toBe(200);
});

it('an OpenAI client\'s gpt-… name skips the alias\'s unknown first target and is converted for the Responses upstream', async () => {
  const { status, sent } = await send('/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  expect(status).toBe(200);
  expect(sent[0]?.url).toBe('https://api.openai.com/v1/responses');
  expect(sent[0]?.body).toMatchObject({ model: 'gpt-5' });
  expect(sent[0]?.headers.get('authorization')).toBe('Bearer sk-team-one');
});

it('an alias that leads nowhere is a 404 in the client\'s envelope, and nothing is sent upstream', async () => {
  const { app, sent } = inProcessApp();
  const response = await app.fetch(post('/v1/messages', { model: 'broken', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }, AUTH), env);
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: expect.stringContaining('"broken"') } });
  expect(sent).toEqual([]);
});
