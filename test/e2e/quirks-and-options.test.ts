// Every quirk and option in the config changes the upstream request as the README documents —
// on the same-protocol pass-through and on a conversion alike — and nothing changes when it
// is not configured.
import { describe, expect, it } from 'vitest';
import type { AnyApiConfig, ProviderConfig } from '../../src/config/config-types.ts';
import { configFor } from '../helpers/gateway.ts';
import { envWith } from '../helpers/in-process.ts';
import { sendThrough } from '../helpers/send-through.ts';

function envWithProvider(id: 'chat' | 'responses' | 'claude' | 'gemini', change: (provider: ProviderConfig) => void) {
  const config: AnyApiConfig = configFor('https://upstream.test');
  change(config.providers[id]!);
  return envWith(config);
}

const LONG = 'You are a careful assistant. '.repeat(20);
const responsesBody = { model: 'responses.test-model', instructions: LONG, input: 'hi' };
const chatBody = { model: 'responses.test-model', messages: [{ role: 'system', content: LONG }, { role: 'user', content: 'hi' }] };

describe('quirks.noInstructions', () => {
  const env = envWithProvider('responses', (p) => { p.quirks = { noInstructions: true }; });
  it.each([
    ['Responses pass-through', '/openai/v1/responses', responsesBody],
    ['Chat → Responses conversion', '/v1/chat/completions', chatBody],
  ])('%s: instructions become a leading developer message', async (_name, path, body) => {
    const { upstream, warnings } = await sendThrough(path, body, { env });
    expect(upstream.instructions).toBeUndefined();
    expect(upstream.input[0]).toEqual({ role: 'developer', content: LONG });
    expect(JSON.stringify(upstream.input.at(-1))).toContain('hi');
    expect(warnings).toContain('noInstructions');
  });
  it('without the quirk, instructions stay where they are', async () => {
    const { upstream } = await sendThrough('/openai/v1/responses', responsesBody);
    expect(upstream.instructions).toBe(LONG);
  });
});

describe('quirks.noPreviousResponseId', () => {
  it('a request using previous_response_id gets a clear 400 and reaches no upstream', async () => {
    const env = envWithProvider('responses', (p) => { p.quirks = { noPreviousResponseId: true }; });
    const { response, json, upstream } = await sendThrough('/openai/v1/responses', { ...responsesBody, previous_response_id: 'resp_1' }, { env });
    expect(response.status).toBe(400);
    expect(json.error).toMatchObject({ param: 'previous_response_id', message: expect.stringContaining('whole conversation') });
    expect(upstream).toBeUndefined();
  });
});

describe('options.reasoningEffort (model level over provider level) is the default effort', () => {
  const env = envWithProvider('chat', (p) => {
    p.options = { reasoningEffort: 'low' };
    p.models['test-model']!.options = { reasoningEffort: 'high' };
  });
  it('pass-through: set when the client chose none', async () => {
    const { upstream } = await sendThrough('/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] }, { env });
    expect(upstream.reasoning_effort).toBe('high');
  });
  it('pass-through: the client\'s own effort wins', async () => {
    const { upstream } = await sendThrough('/v1/chat/completions', { model: 'chat.test-model', reasoning_effort: 'minimal', messages: [{ role: 'user', content: 'hi' }] }, { env });
    expect(upstream.reasoning_effort).toBe('minimal');
  });
  it('conversion: Claude client → Chat upstream gets the default', async () => {
    const { upstream } = await sendThrough('/claude/v1/messages', { model: 'chat.test-model', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }, { env });
    expect(upstream.reasoning_effort).toBe('high');
  });
  it('not configured: no effort is injected', async () => {
    const { upstream } = await sendThrough('/v1/chat/completions', { model: 'chat.test-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(upstream.reasoning_effort).toBeUndefined();
  });
});

describe('options.maxInstructionsChars truncates only when configured, with a warning', () => {
  const env = envWithProvider('responses', (p) => { p.options = { maxInstructionsChars: 40 }; });
  it.each([
    ['Responses pass-through', '/openai/v1/responses', responsesBody],
    ['Chat → Responses conversion', '/v1/chat/completions', chatBody],
  ])('%s', async (_name, path, body) => {
    const { upstream, warnings } = await sendThrough(path, body, { env });
    expect(upstream.instructions).toBe(LONG.slice(0, 40));
    expect(warnings).toContain(`truncated from ${LONG.length} to 40`);
  });
  it('not configured: a 20,000-character prompt arrives whole', async () => {
    const huge = 'x'.repeat(20_000);
    const { upstream, warnings } = await sendThrough('/openai/v1/responses', { ...responsesBody, instructions: huge });
    expect(upstream.instructions).toBe(huge);
    expect(warnings).toBe('');
  });
});

describe('options.maxTokens is the output limit where the target requires one', () => {
  const body = { model: 'claude.test-model', messages: [{ role: 'user', content: 'hi' }] };
  it('configured: Chat client without a limit → Claude max_tokens from the config', async () => {
    const env = envWithProvider('claude', (p) => { p.options = { maxTokens: 1234 }; });
    expect((await sendThrough('/v1/chat/completions', body, { env })).upstream.max_tokens).toBe(1234);
  });
  it('not configured: 4096, and a warning says so', async () => {
    const { upstream, warnings } = await sendThrough('/v1/chat/completions', body);
    expect(upstream.max_tokens).toBe(4096);
    expect(warnings).toContain('maxTokens');
  });
  it('the client\'s own limit wins', async () => {
    expect((await sendThrough('/v1/chat/completions', { ...body, max_completion_tokens: 77 })).upstream.max_tokens).toBe(77);
  });
});

describe('options.headers', () => {
  it('are sent on every upstream request, beside the provider\'s own auth', async () => {
    const env = envWithProvider('gemini', (p) => { p.options = { headers: { 'x-team': 'search' } }; });
    const { upstreamHeaders } = await sendThrough('/v1/chat/completions', { model: 'gemini.test-model', messages: [{ role: 'user', content: 'hi' }] }, { env });
    expect(upstreamHeaders?.get('x-team')).toBe('search');
    expect(upstreamHeaders?.get('x-goog-api-key')).toBeTruthy();
  });
});
