// The embedded default config demonstrates every protocol pair with no network and no keys:
// each inbound protocol's official SDK against `mock.echo` and every `mock-<type>.echo` (a
// provider of that real type answered in-process), streaming and not, reads a native answer
// that echoes its own prompt. Every SSE answer tells caches and proxies not to hold it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEFAULT_CONFIG } from '../../src/config/default-config.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { post } from '../helpers/in-process.ts';
import { SDK_DRIVERS } from '../helpers/sdk-clients.ts';

/** The default config's provider speaking each upstream protocol. */
const MOCK_PROVIDER: Record<ProtocolId, string> = {
  'openai-chat-completions': 'mock-chat',
  'openai-responses': 'mock-responses',
  claude: 'mock-claude',
  gemini: 'mock-gemini',
};

/** Each protocol's own word for "finished normally". */
const STOP: Record<ProtocolId, string> = { 'openai-chat-completions': 'stop', 'openai-responses': 'completed', claude: 'end_turn', gemini: 'STOP' };

const PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.map((upstream) => [inbound, upstream] as const));

it('the default config serves one mock-<type>.echo of every upstream type, in-process', () => {
  for (const type of PROTOCOL_IDS) {
    expect(DEFAULT_CONFIG.providers[MOCK_PROVIDER[type]]).toMatchObject({ type, models: { echo: {} } });
  }
});

describe('SDKs against the embedded default config (no ANY_API_CONFIG)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => { gateway = await startGateway({}, { allowUnauthenticated: true }); });
  afterAll(() => gateway.close());

  describe.each(PAIRS)('%s client → %s upstream', (inbound, upstream) => {
    const model = `${MOCK_PROVIDER[upstream]}.echo`;
    const prompt = `hello from ${inbound} to ${upstream}`;

    it.each(['generate', 'stream'] as const)('%s: a native answer echoing the prompt, with usage', async (mode) => {
      const answer = await SDK_DRIVERS[inbound][mode](gateway.url, model, { prompt });
      expect(answer.text).toBe(`Echo: ${prompt}`);
      expect(answer.toolCalls).toEqual([]);
      expect(answer.finish).toBe(STOP[inbound]);
      expect(answer.usage?.output).toBeGreaterThan(0);
    });
  });
});

/** A streaming request of each inbound protocol for `model`. */
function streamRequest(inbound: ProtocolId, model: string): Request {
  const messages = [{ role: 'user', content: 'hello' }];
  switch (inbound) {
    case 'openai-chat-completions': return post('/v1/chat/completions', { model, stream: true, messages });
    case 'openai-responses': return post('/openai/v1/responses', { model, stream: true, input: 'hello' });
    case 'claude': return post('/claude/v1/messages', { model, max_tokens: 64, stream: true, messages });
    case 'gemini': return post(`/gemini/v1beta/models/${model}:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] });
  }
}

describe('SSE answers carry cache-control: no-cache and x-accel-buffering: no', () => {
  const app = createApp({ allowUnauthenticated: true });
  const models = ['mock.echo', ...PROTOCOL_IDS.map((type) => `${MOCK_PROVIDER[type]}.echo`)];

  it.each(PROTOCOL_IDS.flatMap((inbound) => models.map((model) => [inbound, model] as const)))('%s stream from %s', async (inbound, model) => {
    const response = await app.fetch(streamRequest(inbound, model), {});
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(text).toContain('Echo');
  });
});

it('Responses compaction against mock-responses.echo is emulated by the gateway (the mock has no compaction endpoint)', async () => {
  const app = createApp({ allowUnauthenticated: true });
  const response = await app.fetch(post('/openai/v1/responses/compact', { model: 'mock-responses.echo', input: 'hello' }), { ANY_API_SECRET: 'a-test-secret-that-is-long-enough-0123456789' });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(JSON.parse(text)).toMatchObject({ object: 'response.compaction', output: expect.arrayContaining([expect.objectContaining({ type: 'compaction' })]) });
});

it('a configured provider of a real type on http://mock.invalid is answered in-process, never over the network', async () => {
  const app = createApp({ allowUnauthenticated: true, fetch: () => Promise.reject(new Error('the network was used')) });
  const config = { version: 1, providers: { demo: { type: 'gemini', baseURL: 'http://mock.invalid/v1beta', models: { m: { upstreamModel: 'mock-echo' } } } } };
  const response = await app.fetch(post('/v1/chat/completions', { model: 'demo.m', messages: [{ role: 'user', content: 'hello' }] }), { ANY_API_CONFIG: JSON.stringify(config) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(JSON.parse(text)).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'Echo: hello' } }] });
});
