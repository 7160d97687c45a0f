// The pass-through cases against REAL workerd (`wrangler dev --local`), so code that only works
// on Node fails CI: the Worker entry, built by wrangler as it would be for deploy, in front of
// a loopback mock upstream that replies with recorded fixtures.
// Run with `npm run test:workerd` (vitest project "workerd").
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { FIXTURES, sseData, upstreamReply } from '../helpers/fixtures.ts';
import { envWith, inProcessApp, post as inProcessPost } from '../helpers/in-process.ts';
import { GATEWAY_KEY, UPSTREAM_KEYS, configFor } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream, type RecordedRequest } from '../helpers/mock-upstream.ts';
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TEXT = 'Hello from the upstream.';
const DELTAS = ['Hello', ' from the', ' upstream.'];
const UNMODELLED = { nested: [1, 2] };

type Json = any;

interface Case {
  protocol: ProtocolId;
  path: string;
  /** Where the protocol asks for a stream in the path; otherwise `stream: true` goes in the body. */
  streamPath?: string;
  body: Record<string, unknown>;
  /** The protocol's key header: clients send the gateway key in it, the upstream gets its own. */
  keyHeader: (key: string) => Record<string, string>;
  text: (body: Json) => unknown;
  delta: (event: Json) => unknown;
  /** The protocol's own envelope for a 401. */
  unauthorized: Json;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const OPENAI_401 = { error: { type: 'invalid_request_error', code: 'invalid_api_key' } };
const PROMPT = 'Say hello in five words.';
const messages = [{ role: 'user', content: PROMPT }];

const CASES: Case[] = [
  { protocol: 'openai-chat-completions', path: '/v1/chat/completions', body: { model: 'chat.test-model', messages },
    keyHeader: bearer, unauthorized: OPENAI_401,
    text: (b) => b.choices[0].message.content, delta: (e) => e.choices[0]?.delta?.content },
  { protocol: 'openai-responses', path: '/openai/v1/responses', body: { model: 'responses.test-model', input: PROMPT },
    keyHeader: bearer, unauthorized: OPENAI_401,
    text: (b) => b.output.flatMap((item: Json) => item.content ?? []).find((c: Json) => c.type === 'output_text')?.text,
    delta: (e) => (e.type === 'response.output_text.delta' ? e.delta : undefined) },
  { protocol: 'claude', path: '/claude/v1/messages', body: { model: 'claude.test-model', max_tokens: 256, messages },
    keyHeader: (key) => ({ 'x-api-key': key }), unauthorized: { type: 'error', error: { type: 'authentication_error' } },
    text: (b) => b.content[0].text, delta: (e) => (e.type === 'content_block_delta' ? e.delta.text : undefined) },
  { protocol: 'gemini', path: '/gemini/v1beta/models/gemini.test-model:generateContent',
    streamPath: '/gemini/v1beta/models/gemini.test-model:streamGenerateContent?alt=sse',
    body: { contents: [{ role: 'user', parts: [{ text: PROMPT }] }] },
    keyHeader: (key) => ({ 'x-goog-api-key': key }), unauthorized: { error: { code: 401, status: 'UNAUTHENTICATED' } },
    text: (b) => b.candidates[0].content.parts[0].text, delta: (e) => e.candidates?.[0]?.content?.parts?.[0]?.text },
];

/** Which protocol an upstream path belongs to (as the gateway builds it from configFor's baseURLs). */
function protocolOfUpstreamPath(path: string): ProtocolId {
  if (path.endsWith('/chat/completions')) return 'openai-chat-completions';
  return path.endsWith('/responses') ? 'openai-responses' : path.endsWith('/messages') ? 'claude' : 'gemini';
}

let upstream: MockUpstream;
let worker: WranglerDev | undefined;
let gateway = '';

beforeAll(async () => {
  upstream = await startMockUpstream((request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const stream = body.stream === true || request.path.endsWith(':streamGenerateContent');
    const fixture = typeof body.x_fixture === 'string' ? body.x_fixture : stream ? 'stream-text' : 'text';
    return upstreamReply(protocolOfUpstreamPath(request.path), fixture);
  });
  worker = await startWranglerDev({
    name: 'any-api-workerd-smoke',
    main: join(ROOT, 'src', 'runtime', 'worker.ts'),
    toml: [
      '[vars]',
      `ANY_API_CONFIG = ${JSON.stringify(JSON.stringify(configFor(upstream.url)))}`,
      `WORKER_AUTH_KEY = ${JSON.stringify(GATEWAY_KEY)}`,
    ].join('\n'),
    readyPath: '/v1/models',
    readyHeaders: bearer(GATEWAY_KEY),
  });
  gateway = worker.url;
});

afterAll(async () => {
  if (process.env.SHOW_WRANGLER_OUTPUT) console.log(worker?.output()); // debugging aid
  await worker?.stop();
  await upstream?.close();
});

describe.each(CASES)('$protocol on workerd', (c) => {
  const call = async (opts: { stream?: boolean; key?: string; extra?: Record<string, unknown> } = {}) => {
    const stream = opts.stream ?? false;
    const before = upstream.requests.length;
    const response = await fetch(`${gateway}${stream ? (c.streamPath ?? c.path) : c.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...c.keyHeader(opts.key ?? GATEWAY_KEY) },
      body: JSON.stringify({ ...c.body, ...(stream && !c.streamPath && { stream: true }), ...opts.extra }),
    });
    const text = await response.text();
    return { response, text, sent: upstream.requests.slice(before) as RecordedRequest[] };
  };

  it('non-stream: 200 with the upstream text', async () => {
    const { response, text } = await call();
    expect(response.status, text).toBe(200);
    expect(c.text(JSON.parse(text))).toBe(TEXT);
  });

  it('stream: text/event-stream carrying the three text deltas', async () => {
    const { response, text } = await call({ stream: true });
    expect(response.status, text).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Caches and buffering proxies must pass events through as they come.
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(sseData(text).map(c.delta).filter((d) => typeof d === 'string' && d !== '')).toEqual(DELTAS);
  });

  it('upstream gets its own model and key, never the gateway key, and unmodelled fields intact', async () => {
    const { response, text, sent } = await call({ extra: { x_future_field: UNMODELLED } });
    expect(response.status, text).toBe(200);
    expect(sent).toHaveLength(1);
    const [request] = sent as [RecordedRequest];
    const body = request.body as Record<string, unknown>;
    if (c.protocol === 'gemini') expect(request.path).toBe('/v1beta/models/test-model:generateContent');
    else expect(body.model).toBe('test-model');
    expect(body.x_future_field).toEqual(UNMODELLED);
    const [[name, value]] = Object.entries(c.keyHeader(UPSTREAM_KEYS[c.protocol])) as [[string, string]];
    expect(request.headers[name]).toBe(value);
    expect(JSON.stringify(request.headers) + request.text).not.toContain(GATEWAY_KEY);
  });

  it('a wrong gateway key gets 401 in the protocol envelope, upstream untouched', async () => {
    const { response, text, sent } = await call({ key: 'not-the-gateway-key' });
    expect(response.status).toBe(401);
    expect(JSON.parse(text)).toMatchObject(c.unauthorized);
    expect(sent).toHaveLength(0);
  });

  it('an upstream 429 arrives as 429', async () => {
    const { response, text, sent } = await call({ extra: { x_fixture: 'error-429' } });
    expect(response.status, text).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(text).toBe(upstreamReply(c.protocol, 'error-429').body);
    expect(sent).toHaveLength(1);
  });
});


// Conversion exercises what pass-through does not: TextDecoderStream, eventsource-parser, the
// stream reducers and encoders, crypto.randomUUID, and the tokenizer's dynamic import.
describe('conversion on workerd', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(GATEWAY_KEY) }, body: JSON.stringify(body) });

  it('Chat client → Claude upstream, non-stream and stream', async () => {
    const whole = await post('/v1/chat/completions', { model: 'claude.test-model', messages });
    expect(whole.status).toBe(200);
    expect(((await whole.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe(TEXT);
    const streamed = await post('/v1/chat/completions', { model: 'claude.test-model', messages, stream: true });
    const deltas = sseData(await streamed.text()).map((e) => (e as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '');
    expect(deltas.join('')).toBe(TEXT);
  });

  it('Claude client → Gemini upstream, stream', async () => {
    const streamed = await post('/claude/v1/messages', { model: 'gemini.test-model', max_tokens: 64, messages, stream: true });
    expect(streamed.headers.get('cache-control')).toBe('no-cache');
    expect(streamed.headers.get('x-accel-buffering')).toBe('no');
    const text = await streamed.text();
    expect(text).toContain('event: message_stop');
    expect(sseData(text).map((e) => (e as { delta?: { text?: string } }).delta?.text ?? '').join('')).toBe(TEXT);
  });

  it('count_tokens for a Chat upstream is estimated with the tokenizer', async () => {
    const counted = await post('/claude/v1/messages/count_tokens', { model: 'chat.test-model', system: 'Be brief.', messages });
    expect(counted.headers.get('x-any-api-token-count')).toBe('estimate');
    expect(((await counted.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(3);
  });

  // The Worker loads its tokenizer from a module of its own (the rank file, on first use); the
  // count must be exactly Node's, on text in many scripts, emoji and spelled special tokens.
  it('the estimate equals the Node gateway\'s for the same request', async () => {
    const body: unknown = JSON.parse(readFileSync(join(FIXTURES, 'tokenizer', 'claude-count-request.json'), 'utf8'));
    const onWorkerd = await post('/claude/v1/messages/count_tokens', body);
    expect(onWorkerd.status).toBe(200);
    expect(onWorkerd.headers.get('x-any-api-token-count')).toBe('estimate');
    const { app } = inProcessApp();
    const onNode = await app.fetch(inProcessPost('/claude/v1/messages/count_tokens', body, { 'x-api-key': 'k-main' }), envWith(configFor('https://upstream.test')));
    expect(onNode.headers.get('x-any-api-token-count')).toBe('estimate');
    const nodeCount = ((await onNode.json()) as { input_tokens: number }).input_tokens;
    expect(nodeCount).toBeGreaterThan(100);
    expect(((await onWorkerd.json()) as { input_tokens: number }).input_tokens).toBe(nodeCount);
  });
});

// The status page and the dry run from the Worker bundle: the page is a string in a module,
// and the dry run stops before any upstream call on workerd as on Node.
describe('status page and dry run on workerd', () => {
  it('serves GET / without a key, and a dry run shows the converted request without calling the upstream', async () => {
    const page = await fetch(`${gateway}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/_any-api/status.js"></script>');
    const before = upstream.requests.length;
    const dry = await fetch(`${gateway}/_any-api/dry-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(GATEWAY_KEY) },
      body: JSON.stringify({ path: '/claude/v1/messages', body: { model: 'chat.test-model', max_tokens: 64, messages } }),
    });
    const text = await dry.text();
    expect(dry.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ upstream: { url: `${upstream.url}/v1/chat/completions`, headers: { authorization: '[redacted]' }, body: { model: 'test-model', max_completion_tokens: 64 } } });
    expect(text).not.toContain(UPSTREAM_KEYS['openai-chat-completions']);
    expect(upstream.requests.length).toBe(before);
  });
});
