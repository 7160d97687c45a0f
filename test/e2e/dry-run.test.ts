// POST /_any-api/dry-run: the request the gateway would send upstream, computed by the real
// route with only the network call left out — so it must equal what a real call sends.
import { describe, expect, it } from 'vitest';
import { configFor, PROVIDER_ID, UPSTREAM_KEYS } from '../helpers/gateway.ts';
import { envWith, inProcessApp, post, type SentUpstream } from '../helpers/in-process.ts';
import { dryRunCase, type DryRunAnswer } from '../helpers/dry-run-cases.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import type { AnyApiConfig } from '../../src/config/config-types.ts';

const PROTOCOLS: ProtocolId[] = ['claude', 'openai-chat-completions', 'openai-responses', 'gemini'];
const KEY = { 'x-api-key': 'k-main' };
const UPSTREAM = 'http://upstream.test';

/** Headers that differ between two requests by design (each request has its own id). */
function comparable(headers: Record<string, string>): Record<string, string> {
  const { 'x-request-id': _id, ...rest } = headers;
  return rest;
}

async function dryRun(app: ReturnType<typeof inProcessApp>['app'], config: AnyApiConfig, request: unknown, headers: Record<string, string> = KEY) {
  const response = await app.fetch(post('/_any-api/dry-run', request, headers), envWith(config));
  return { status: response.status, text: await response.text() };
}

describe('dry run equals the real upstream request', () => {
  for (const inbound of PROTOCOLS) {
    for (const upstream of PROTOCOLS) {
      const model = `${PROVIDER_ID[upstream]}.gpt-5.2`;
      it(`${inbound} in, ${upstream} upstream`, async () => {
        const config = configFor(UPSTREAM);
        const { app, sent } = inProcessApp();
        const sample = dryRunCase(inbound, model);
        const dry = await dryRun(app, config, sample);
        expect(dry.status).toBe(200);
        expect(sent).toHaveLength(0); // nothing left the gateway
        const answer = JSON.parse(dry.text) as DryRunAnswer;

        const real = await app.fetch(post(sample.path, sample.body, KEY), envWith(config));
        expect(real.status).toBe(200);
        const received = sent[0] as SentUpstream;
        expect(answer.upstream?.url).toBe(received.url);
        expect(answer.upstream?.body).toEqual(received.body);
        const secretHeader = { 'openai-chat-completions': 'authorization', 'openai-responses': 'authorization', claude: 'x-api-key', gemini: 'x-goog-api-key' }[upstream];
        const receivedHeaders = Object.fromEntries(received.headers);
        expect(comparable(answer.upstream?.headers ?? {})).toEqual({ ...comparable(receivedHeaders), [secretHeader]: '[redacted]' });
        // The request's warnings are the ones the real call reported first (the answer may add its own).
        const realWarnings = real.headers.get('x-any-api-warnings') ?? '';
        expect(realWarnings.startsWith(answer.warnings.join('; '))).toBe(true);
        if (inbound === 'claude' && upstream.startsWith('openai')) expect(answer.warnings.join('; ')).toContain('top_k');
        expect(dry.text).not.toContain(UPSTREAM_KEYS[upstream]);
      });
    }
  }
});

describe('dry run', () => {
  it('reports what the conversion drops: Claude top_k to a Chat upstream', async () => {
    const { app } = inProcessApp();
    const answer = JSON.parse((await dryRun(app, configFor(UPSTREAM), dryRunCase('claude', 'chat.test-model'))).text) as DryRunAnswer;
    expect(answer.upstream?.url).toBe(`${UPSTREAM}/v1/chat/completions`);
    expect(answer.upstream?.body).toMatchObject({ model: 'test-model', max_completion_tokens: 256 });
    expect(answer.warnings.some((w) => w.includes('top_k'))).toBe(true);
  });

  it('passes a same-protocol body through with only the model edited in place', async () => {
    const { app, sent } = inProcessApp();
    const sample = dryRunCase('claude-pass-through', 'claude.gpt-5.2');
    const answer = JSON.parse((await dryRun(app, configFor(UPSTREAM), sample)).text) as DryRunAnswer;
    expect(answer.upstream?.body).toEqual({ ...sample.body, model: 'gpt-5.2-upstream' });
    expect(sent).toHaveLength(0);
  });

  it('redacts every secret: auth headers, a configured header holding the key, a key query parameter', async () => {
    const config = configFor(`${UPSTREAM}/v1beta?key=${UPSTREAM_KEYS.gemini}`);
    const gemini = config.providers.gemini;
    if (gemini) gemini.options = { headers: { 'x-extra-credential': `Token ${UPSTREAM_KEYS.gemini}`, 'x-team': 'blue' } };
    const { app } = inProcessApp();
    const { text } = await dryRun(app, config, dryRunCase('openai-chat-completions', 'gemini.test-model'));
    const answer = JSON.parse(text) as DryRunAnswer;
    expect(answer.upstream?.headers).toMatchObject({ 'x-goog-api-key': '[redacted]', 'x-extra-credential': '[redacted]', 'x-team': 'blue' });
    expect(new URL(answer.upstream?.url ?? '').searchParams.get('key')).toBe('[redacted]');
    expect(text).not.toContain(UPSTREAM_KEYS.gemini);
  });

  it('shows a streaming request as the stream it would ask for, and a locally estimated count as no upstream call', async () => {
    const { app, sent } = inProcessApp();
    const config = configFor(UPSTREAM);
    const sample = dryRunCase('openai-chat-completions', 'claude.test-model');
    const streamed = JSON.parse((await dryRun(app, config, { ...sample, body: { ...sample.body, stream: true } })).text) as DryRunAnswer;
    expect(streamed.upstream?.headers.accept).toBe('text/event-stream');
    expect(streamed.upstream?.body).toMatchObject({ stream: true });
    const count = await dryRun(app, config, { path: '/claude/v1/messages/count_tokens', body: { model: 'chat.test-model', messages: [{ role: 'user', content: 'Hi' }] } });
    expect(count.status).toBe(200);
    expect(JSON.parse(count.text)).toMatchObject({ upstream: null });
    expect(sent).toHaveLength(0);
  });

  it('needs the gateway key like every route (401 without it)', async () => {
    const { app, sent } = inProcessApp();
    const { status, text } = await dryRun(app, configFor(UPSTREAM), dryRunCase('claude', 'chat.test-model'), {});
    expect(status).toBe(401);
    expect(text).not.toContain('upstream');
    expect(sent).toHaveLength(0);
  });

  it("answers a bad request with the inbound route's own error", async () => {
    const { app } = inProcessApp();
    const config = configFor(UPSTREAM);
    const unknownModel = await dryRun(app, config, dryRunCase('claude', 'nowhere.model'));
    expect(unknownModel.status).toBe(404);
    expect(JSON.parse(unknownModel.text)).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });

    const badJson = await dryRun(app, config, { path: '/gemini/v1beta/models/chat.test-model:generateContent', body: '{"contents": [' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });

    const invalid = await dryRun(app, config, { path: '/v1/chat/completions', body: { model: 'chat.test-model', messages: 'not a list' } });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages' } });

    const noRoute = await dryRun(app, config, { path: '/claude/v1/nothing', body: {} });
    expect(noRoute.status).toBe(404);
    expect(JSON.parse(noRoute.text)).toMatchObject({ type: 'error' });
  });

  it('refuses a request without a path on this gateway', async () => {
    const { app } = inProcessApp();
    for (const path of [undefined, 'v1/messages', '//elsewhere.test/v1/messages', '/_any-api/dry-run']) {
      const { status } = await dryRun(app, configFor(UPSTREAM), { path, body: {} });
      expect(status).toBe(400);
    }
  });
});
