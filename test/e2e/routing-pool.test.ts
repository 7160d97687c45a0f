// Key pools, retries and session affinity through the real gateway against a scripted
// loopback upstream: which upstream key served which request, how many upstream requests a
// client request took (`x-any-api-attempts`), and that a refused key is logged without itself.
// Cooldowns are read from the clock: a test moves only `Date` forward, never waits them out.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { GATEWAY_KEY, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { OK, RESET, fixture, startScriptedUpstream, status, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';

const KEY_A = 'sk-pool-key-A-0123456789';
const KEY_B = 'sk-pool-key-B-0123456789';
const MODELS = ['rate-limited', 'refused', 'flaky', 'bad-request', 'reset-once', 'conversations', 'moves', 'claude-sessions', 'gemini-quota'];

let upstream: ScriptedUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  const models = Object.fromEntries(MODELS.map((m) => [m, { upstreamModel: m }]));
  const config: AnyApiConfig = {
    version: 1,
    providers: {
      // Each case its own provider: a pool's cooldowns belong to its provider.
      ...Object.fromEntries(MODELS.map((m) => [`p-${m}`, {
        type: m === 'claude-sessions' ? 'claude' : m === 'gemini-quota' ? 'gemini' : 'openai-chat-completions',
        baseURL: m === 'claude-sessions' || m === 'gemini-quota' ? upstream.url : `${upstream.url}/v1`,
        apiKey: [KEY_A, KEY_B],
        options: { retry: { attempts: m === 'flaky' ? 3 : 2, backoffMs: 1 } },
        models,
      }])),
    },
  } as AnyApiConfig;
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

let asked = 0;

/** A chat request; without a question of its own, each is a new conversation (affinity has nothing to keep). */
function chat(model: string, question = `Question number ${++asked}?`, turns: Array<{ role: string; content: string }> = []): Promise<Response> {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: `p-${model}.${model}`, messages: [{ role: 'user', content: question }, ...turns] }),
  });
}

async function keysOf(model: string, send: () => Promise<Response>, times: number): Promise<Array<string | undefined>> {
  const before = upstream.of(model).length;
  for (let i = 0; i < times; i++) expect((await send()).status).toBe(200);
  return upstream.of(model).slice(before).map((r) => r.key);
}

describe('key pool', () => {
  it('a key answered 429 with retry-after: 5 → the request succeeds on the other key, which alone serves until the cooldown ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    upstream.on('rate-limited', (request) => (request.key === KEY_A && upstream.of('rate-limited').length === 1 ? fixture('error-429', { 'retry-after': '5' }) : OK));
    const first = await chat('rate-limited');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-any-api-attempts')).toBe('2');
    expect(first.headers.get('x-any-api-upstream')).toBe('p-rate-limited.rate-limited');
    expect(upstream.of('rate-limited').map((r) => r.key)).toEqual([KEY_A, KEY_B]);
    expect(await keysOf('rate-limited', () => chat('rate-limited'), 4)).toEqual([KEY_B, KEY_B, KEY_B, KEY_B]);
    vi.setSystemTime(Date.now() + 5001);
    expect(await keysOf('rate-limited', () => chat('rate-limited'), 4)).toEqual(expect.arrayContaining([KEY_A, KEY_B]));
  });

  it('a key refused with 401 is set aside (the request goes on on the other key) and logged once, without the key', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    upstream.on('refused', (request) => (request.key === KEY_A ? status(401, {}, '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}') : OK));
    const answer = await chat('refused');
    expect(answer.status).toBe(200);
    expect(await keysOf('refused', () => chat('refused'), 4)).toEqual([KEY_B, KEY_B, KEY_B, KEY_B]);
    const lines = warn.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes('p-refused'));
    expect(lines).toEqual([expect.stringContaining('key #1 of 2 was refused with HTTP 401')]);
    expect(lines.join('')).not.toContain(KEY_A);
    expect(lines.join('')).not.toContain('key-A');
  });

  it('Gemini RESOURCE_EXHAUSTED sets the key aside for its RetryInfo delay', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // The fixture's RetryInfo says 7s and its header says 7: drop the header, the body must do.
    upstream.on('gemini-quota', (request) => (request.key === KEY_A && upstream.of('gemini-quota').length === 1 ? fixture('error-429', { 'retry-after': '' }) : OK));
    const ask = () => fetch(`${gateway.url}/gemini/v1beta/models/p-gemini-quota.gemini-quota:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: `Question number ${++asked}?` }] }] }),
    });
    expect((await ask()).headers.get('x-any-api-attempts')).toBe('2');
    expect(await keysOf('gemini-quota', ask, 3)).toEqual([KEY_B, KEY_B, KEY_B]);
    vi.setSystemTime(Date.now() + 7001);
    expect(await keysOf('gemini-quota', ask, 2)).toContain(KEY_A);
  });
});

describe('retries', () => {
  it('500, 500, 200 with attempts: 3 → success after three upstream requests', async () => {
    upstream.on('flaky', (_request, n) => (n <= 2 ? fixture('error-500') : OK));
    const answer = await chat('flaky');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-any-api-attempts')).toBe('3');
    expect(upstream.of('flaky')).toHaveLength(3);
  });

  it('a 400 is tried exactly once and relayed as the upstream wrote it', async () => {
    upstream.on('bad-request', () => fixture('error-400'));
    const answer = await chat('bad-request');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-any-api-attempts')).toBe('1');
    expect(upstream.of('bad-request')).toHaveLength(1);
    expect(((await answer.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('a connection reset before the first byte is retried', async () => {
    upstream.on('reset-once', (_request, n) => (n === 1 ? RESET : OK));
    const answer = await chat('reset-once');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-any-api-attempts')).toBe('2');
  });
});

describe('session affinity', () => {
  it('two conversations on a two-key pool stay on their own keys across turns', async () => {
    upstream.on('conversations', () => OK);
    const turn = (topic: string, n: number) => chat('conversations', `Tell me about ${topic}`, Array.from({ length: 2 * n }, (_, i) => ({ role: i % 2 ? 'user' : 'assistant', content: `turn ${i}` })));
    const sequence: Array<[string, string | undefined]> = [];
    const turns = { tides: 0, volcanoes: 0 };
    // An irregular order: plain round-robin would hand each conversation both keys.
    for (const topic of ['tides', 'volcanoes', 'tides', 'tides', 'volcanoes', 'volcanoes', 'tides', 'volcanoes'] as const) {
      expect((await turn(topic, turns[topic]++)).status).toBe(200);
      sequence.push([topic, upstream.of('conversations').at(-1)?.key]);
    }
    const keysFor = (topic: string) => new Set(sequence.filter(([t]) => t === topic).map(([, key]) => key));
    expect(keysFor('tides').size).toBe(1);
    expect(keysFor('volcanoes').size).toBe(1);
    expect([...keysFor('tides'), ...keysFor('volcanoes')].sort()).toEqual([KEY_A, KEY_B]);
  });

  it('a conversation moves to the other key when its key cools down, and stays there', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let limitKey: string | undefined;
    upstream.on('moves', (request) => (request.key === limitKey ? fixture('error-429', { 'retry-after': '60' }) : OK));
    await chat('moves', 'a long conversation');
    const home = upstream.of('moves').at(-1)?.key;
    limitKey = home;
    expect((await chat('moves', 'a long conversation', [{ role: 'assistant', content: 'a' }, { role: 'user', content: 'b' }])).status).toBe(200);
    const moved = upstream.of('moves').at(-1)?.key;
    expect(moved).not.toBe(home);
    limitKey = undefined;
    vi.setSystemTime(Date.now() + 61_000);
    expect(await keysOf('moves', () => chat('moves', 'a long conversation', [{ role: 'assistant', content: 'c' }, { role: 'user', content: 'd' }]), 2)).toEqual([moved, moved]);
  });

  it('Claude Code sessions are told apart by their session header', async () => {
    upstream.on('claude-sessions', () => OK);
    const ask = (session: string) => fetch(`${gateway.url}/claude/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-claude-code-session-id': session },
      // The same first message in both sessions: only the header tells them apart.
      body: JSON.stringify({ model: 'p-claude-sessions.claude-sessions', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const keys: Record<string, Set<string | undefined>> = { s1: new Set(), s2: new Set() };
    for (let i = 0; i < 3; i++) {
      for (const session of ['s1', 's2'] as const) {
        expect((await ask(session)).status).toBe(200);
        keys[session]?.add(upstream.of('claude-sessions').at(-1)?.key);
      }
    }
    expect(keys.s1?.size).toBe(1);
    expect(keys.s2?.size).toBe(1);
    expect([...(keys.s1 ?? []), ...(keys.s2 ?? [])].sort()).toEqual([KEY_A, KEY_B]);
  });
});
