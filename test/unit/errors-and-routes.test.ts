// Bad input gets a clear error in the inbound protocol's own shape and status; routes,
// methods, CORS, model lists, and what happens when the upstream misbehaves.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { joinUrl } from '../../src/upstream/join-url.ts';
import { upstreamReply } from '../helpers/fixtures.ts';
import { configFor } from '../helpers/gateway.ts';
import { envWith, inProcessApp, post } from '../helpers/in-process.ts';

const env = envWith(configFor('https://upstream.test'));
const auth = { authorization: 'Bearer k-main' };

describe('request errors, in each protocol envelope', () => {
  const bodies = {
    chat: ['/v1/chat/completions', { error: { type: 'invalid_request_error' } }],
    claude: ['/claude/v1/messages', { type: 'error', error: { type: 'invalid_request_error' } }],
    gemini: ['/gemini/v1beta/models/gemini.test-model:generateContent', { error: { code: 400, status: 'INVALID_ARGUMENT' } }],
  } as const;

  it.each(Object.entries(bodies))('%s: malformed JSON → 400', async (_name, [path, shape]) => {
    const request = new Request(`http://gateway.test${path}`, { method: 'POST', headers: auth, body: '{"model": ' });
    const response = await inProcessApp().app.fetch(request, env);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject(shape);
    expect(JSON.stringify(body)).toContain('not valid JSON');
  });

  it('a body failing the schema → 400 naming the JSON path (and OpenAI param)', async () => {
    const response = await inProcessApp().app.fetch(post('/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: [{ type: 'text' }] }] }, auth), env);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: 'Invalid request body: /messages/0/content/0/text: Expected required property', type: 'invalid_request_error', param: 'messages[0].content[0].text', code: null },
    });
  });

  it('an unknown model → 404 that says how model names are formed', async () => {
    const response = await inProcessApp().app.fetch(post('/claude/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] }, auth), env);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('"<provider>.<model>"');
    const unknown = await inProcessApp().app.fetch(post('/gemini/v1beta/models/nope.x:generateContent', { contents: [] }, auth), env);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('an oversized body → 413', async () => {
    const big = post('/claude/v1/messages', { model: 'claude.test-model', max_tokens: 5, messages: [{ role: 'user', content: 'x'.repeat(2000) }] }, auth);
    const response = await inProcessApp().app.fetch(big, { ...env, MAX_BODY_BYTES: '1000' });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('unknown path → 404, wrong method → 405 with Allow, in the path protocol shape', async () => {
    const { app } = inProcessApp();
    const notFound = await app.fetch(new Request('http://gateway.test/claude/v1/nothing', { headers: auth }), env);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const wrongMethod = await app.fetch(new Request('http://gateway.test/v1/chat/completions', { headers: auth }), env);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const geminiMethod = await app.fetch(post('/gemini/v1beta/models/gemini.test-model:embedContent', {}, auth), env);
    expect(await geminiMethod.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('a misconfigured gateway says so (500) without leaking config values', async () => {
    const response = await inProcessApp().app.fetch(post('/v1/chat/completions', {}, auth), { ...env, ANY_API_CONFIG: '{"version":2,"providers":{"a":{"type":"claude","apiKey":"sk-zzz","models":{}}}}' });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('/version');
    expect(text).not.toContain('sk-zzz');
  });
});

describe('CORS', () => {
  it('answers preflight without auth', async () => {
    const response = await inProcessApp().app.fetch(new Request('http://gateway.test/v1/chat/completions', { method: 'OPTIONS', headers: { 'access-control-request-headers': 'authorization' } }), env);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('model lists come from the config', () => {
  const app = inProcessApp().app;
  const fetchApp = (input: string | URL | Request, init?: RequestInit) => app.fetch(new Request(input, init), env);

  it('OpenAI SDK models.list() on /v1/models and /claude/v1/models', async () => {
    for (const base of ['http://gateway.test/v1', 'http://gateway.test/claude/v1']) {
      const client = new OpenAI({ baseURL: base, apiKey: 'k-main', fetch: fetchApp, maxRetries: 0 });
      const ids = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toContain('chat.gpt-5.2');
      expect(ids).toHaveLength(8);
    }
  });

  it('Anthropic SDK models.list() on /claude/v1/models', async () => {
    const client = new Anthropic({ baseURL: 'http://gateway.test/claude', apiKey: 'k-main', fetch: fetchApp, maxRetries: 0 });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gemini.test-model');
  });

  it('Gemini shape on /gemini/v1beta/models and models/{id}', async () => {
    const list = (await (await fetchApp('http://gateway.test/gemini/v1beta/models', { headers: { 'x-goog-api-key': 'k-main' } })).json()) as { models: Array<{ name: string }> };
    expect(list.models.map((m) => m.name)).toContain('models/claude.gpt-5.2');
    const one = await fetchApp('http://gateway.test/gemini/v1beta/models/claude.gpt-5.2?key=k-main');
    expect(await one.json()).toMatchObject({ name: 'models/claude.gpt-5.2', supportedGenerationMethods: expect.arrayContaining(['generateContent']) });
  });
});

describe('upstream calls', () => {
  it('join base URLs with or without a version segment, never /v1/v1', () => {
    expect(joinUrl('https://api.openai.com', 'v1', '/responses')).toBe('https://api.openai.com/v1/responses');
    expect(joinUrl('https://api.openai.com/v1/', 'v1', '/responses')).toBe('https://api.openai.com/v1/responses');
    expect(joinUrl('https://www.right.codes/codex', 'v1', '/responses')).toBe('https://www.right.codes/codex/v1/responses');
    expect(joinUrl('https://generativelanguage.googleapis.com/v1beta', 'v1beta', '/models/m:countTokens')).toBe('https://generativelanguage.googleapis.com/v1beta/models/m:countTokens');
  });

  it('route a model id with dots after the provider to the right upstream model', async () => {
    const { app, sent } = inProcessApp();
    await app.fetch(post('/v1/chat/completions', { model: 'chat.gpt-5.2', messages: [{ role: 'user', content: 'hi' }] }, auth), env);
    expect(sent[0]?.url).toBe('https://upstream.test/v1/chat/completions');
    expect(sent[0]?.body).toMatchObject({ model: 'gpt-5.2-upstream' });
  });

  it('an upstream that echoes its key in an error never shows it to the client', async () => {
    const { app } = inProcessApp(() => Response.json({ error: { message: 'Incorrect API key provided: sk-upstream-chat-secret-1', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, { status: 401 }));
    const response = await app.fetch(post('/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] }, auth), env);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('sk-upstream-chat-secret-1');
  });

  it('a non-JSON upstream error still arrives in the inbound envelope with its status', async () => {
    const { app } = inProcessApp(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const response = await app.fetch(post('/claude/v1/messages', { model: 'claude.test-model', max_tokens: 5, messages: [] }, auth), env);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'api_error', message: expect.stringContaining('HTTP 502') } });
  });

  it('an unreachable upstream → 502, a silent one → 504', async () => {
    const unreachable = createApp({ fetch: () => Promise.reject(new TypeError('connect ECONNREFUSED 10.0.0.1:443')) });
    const refused = await unreachable.fetch(post('/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] }, auth), env);
    expect(refused.status).toBe(502);
    expect(await refused.text()).not.toContain('10.0.0.1');
    const silent = createApp({ fetch: (request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))) });
    const config = configFor('https://upstream.test');
    config.providers.chat!.options = { timeoutMs: 50 };
    const timedOut = await silent.fetch(post('/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] }, auth), envWith(config));
    expect(timedOut.status).toBe(504);
  });

  it.each([
    ['/claude/v1/messages/count_tokens', { model: 'claude.test-model', messages: [{ role: 'user', content: 'hi' }] }, 'https://upstream.test/v1/messages/count_tokens'],
    ['/gemini/v1beta/models/gemini.test-model:countTokens', { contents: [{ parts: [{ text: 'hi' }] }] }, 'https://upstream.test/v1beta/models/test-model:countTokens'],
    ['/openai/v1/responses/input_tokens', { model: 'responses.test-model', input: 'hi' }, 'https://upstream.test/v1/responses/input_tokens'],
  ])('%s reaches the upstream\'s own counting endpoint', async (path, body, upstreamUrl) => {
    const { app, sent } = inProcessApp(() => Response.json({ input_tokens: 3 }));
    const response = await app.fetch(post(path, body, auth), env);
    expect(response.status).toBe(200);
    expect(sent[0]?.url).toBe(upstreamUrl);
  });

  it('Gemini streamGenerateContent without alt=sse from another upstream is one JSON array, as Gemini sends it', async () => {
    const { app } = inProcessApp(() => new Response(upstreamReply('openai-chat-completions', 'stream-text').body, { headers: { 'content-type': 'text/event-stream' } }));
    const response = await app.fetch(post('/gemini/v1beta/models/chat.test-model:streamGenerateContent', { contents: [{ parts: [{ text: 'hi' }] }] }, auth), env);
    expect(response.status).toBe(200);
    const chunks = (await response.json()) as Array<{ candidates?: Array<{ content?: { parts?: Array<{ text?: string }> } }> }>;
    expect(chunks.map((c) => c.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '').join('')).toBe('Hello from the upstream.');
  });
});
