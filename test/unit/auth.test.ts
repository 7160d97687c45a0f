// Inbound auth as the original any-api README defines it, and never a leak of the gateway
// key to the upstream.
import { describe, expect, it } from 'vitest';
import { configFor } from '../helpers/gateway.ts';
import { envWith, inProcessApp, post } from '../helpers/in-process.ts';

const env = envWith(configFor('https://upstream.test'));
const CHAT = ['/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] }] as const;
const CLAUDE = ['/claude/v1/messages', { model: 'claude.test-model', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }] as const;
const GEMINI = ['/gemini/v1beta/models/gemini.test-model:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] }] as const;

describe('accepted key forms', () => {
  const forms: Array<[string, readonly [string, unknown], Record<string, string>, string?]> = [
    ['Authorization: Bearer', CHAT, { authorization: 'Bearer k-main' }],
    ['Authorization: <key> (no scheme)', CHAT, { authorization: 'k-main' }],
    ['x-api-key', CLAUDE, { 'x-api-key': 'k-second' }],
    ['a key from WORKER_AUTH_KEYS', CHAT, { authorization: 'Bearer k-third' }],
    ['x-goog-api-key on /gemini/', GEMINI, { 'x-goog-api-key': 'k-main' }],
    ['?key= on /gemini/', GEMINI, {}, 'k-main'],
  ];
  it.each(forms)('%s', async (_name, [path, body], headers, queryKey) => {
    const { app, sent } = inProcessApp();
    const response = await app.fetch(post(queryKey ? `${path}?key=${queryKey}` : path, body, headers), env);
    expect(response.status).toBe(200);
    const upstream = sent[0]!;
    expect(JSON.stringify([...upstream.headers])).not.toMatch(/k-main|k-second|k-third/);
    expect(upstream.url).not.toContain('key=');
  });
});

describe('a wrong or missing key is a 401 in the inbound protocol shape', () => {
  it('OpenAI envelope', async () => {
    const response = await inProcessApp().app.fetch(post(CHAT[0], CHAT[1], { authorization: 'Bearer nope' }), env);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { message: 'Invalid gateway API key.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
  });
  it('OpenAI Responses envelope', async () => {
    const response = await inProcessApp().app.fetch(post('/openai/v1/responses', { model: 'responses.test-model', input: 'hi' }), env);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
  });
  it('Anthropic envelope', async () => {
    const response = await inProcessApp().app.fetch(post(CLAUDE[0], CLAUDE[1], { 'x-api-key': 'nope' }), env);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'Invalid gateway API key.' } });
  });
  it('Gemini envelope', async () => {
    const response = await inProcessApp().app.fetch(post(GEMINI[0], GEMINI[1], { 'x-goog-api-key': 'nope' }), env);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 401, message: 'Invalid gateway API key.', status: 'UNAUTHENTICATED' } });
  });
  it('model lists are protected too', async () => {
    const response = await inProcessApp().app.fetch(new Request('http://gateway.test/v1/models'), env);
    expect(response.status).toBe(401);
  });
});

describe('Gemini key forms are refused outside /gemini/', () => {
  it.each([
    ['x-goog-api-key', CHAT[0], { 'x-goog-api-key': 'k-main' }],
    ['?key=', `${CLAUDE[0]}?key=k-main`, {}],
  ] as const)('%s on a non-Gemini path', async (_name, path, headers) => {
    const { app, sent } = inProcessApp();
    const response = await app.fetch(post(path, path.startsWith('/claude') ? CLAUDE[1] : CHAT[1], headers), env);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('only on /gemini/ paths');
    expect(sent).toHaveLength(0);
  });
});

describe('without configured keys', () => {
  const noKeys = { ANY_API_CONFIG: env.ANY_API_CONFIG };
  it('a Worker refuses every request', async () => {
    const response = await inProcessApp().app.fetch(post(CHAT[0], CHAT[1]), noKeys);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('WORKER_AUTH_KEY');
  });
});

describe('the Node runtime hashes offered keys synchronously, to the same digest', () => {
  it('nodeKeyDigest gives Web Crypto\'s SHA-256 bytes for any key, so a configured key still matches', async () => {
    const { nodeKeyDigest } = await import('../../src/runtime/node/key-digest.ts');
    const { webDigest } = await import('../../src/auth/constant-time-equal.ts');
    for (const key of ['k-main', '', 'ключ-🔑', 'x'.repeat(10_000)]) {
      const sync = nodeKeyDigest(key);
      expect(sync).toBeInstanceOf(Uint8Array);
      expect([...(sync as Uint8Array)]).toEqual([...(await webDigest(key))]);
    }
  });

  it('an app built with it accepts the right key and refuses a wrong one', async () => {
    const { nodeKeyDigest } = await import('../../src/runtime/node/key-digest.ts');
    const { createApp } = await import('../../src/app.ts');
    const { mockFetch } = await import('../../src/providers/mock/mock-fetch.ts');
    const app = createApp({ fetch: mockFetch, keyDigest: nodeKeyDigest });
    const mockEnv = { WORKER_AUTH_KEY: 'k-main' };
    const body = { model: 'mock.echo', messages: [{ role: 'user', content: 'hi' }] };
    expect((await app.fetch(post('/v1/chat/completions', body, { authorization: 'Bearer k-main' }), mockEnv)).status).toBe(200);
    expect((await app.fetch(post('/v1/chat/completions', body, { authorization: 'Bearer k-wrong' }), mockEnv)).status).toBe(401);
  });
});
