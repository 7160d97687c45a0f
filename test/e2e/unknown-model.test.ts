// A model the config does not have is refused in the client's own envelope, with the status it
// always had (400 when the name is not `<provider>.<model>`, 404 when it names nothing configured),
// and a message that quotes the model exactly as the client sent it — as a JSON string, so a
// stray space, quote or control character shows — on every route, body or URL path.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendThrough } from '../helpers/send-through.ts';

const ROUTES = {
  chat: (model: string) => ({ path: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: 'hi' }] } }),
  responses: (model: string) => ({ path: '/openai/v1/responses', body: { model, input: 'hi' } }),
  claude: (model: string) => ({ path: '/claude/v1/messages', body: { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] } }),
  gemini: (model: string) => ({ path: `/gemini/v1beta/models/${encodeURIComponent(model)}:generateContent`, body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } }),
};

const MODELS: Array<[model: string, status: number]> = [
  ['chat.no-such-model', 404],
  ['nobody.test-model', 404],
  ['no-dot-model', 400],
  [' chat.test-model', 404],
  ['chat.test-model ', 404],
  ['chat.test-model\u0000', 404],
  ['chat.say "hi"', 404],
  ['claude.Test-Model', 404],
];

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(Object.keys(ROUTES) as Array<keyof typeof ROUTES>)('%s route', (route) => {
  it.each(MODELS)('%j → %i, the message quoting it as sent', async (model, status) => {
    const { path, body } = ROUTES[route](model);
    const { response, json, upstream } = await sendThrough(path, body);
    expect(upstream).toBeUndefined();
    expect(response.status).toBe(status);
    expect(String(json.error?.message)).toContain(JSON.stringify(model));
  });
});
