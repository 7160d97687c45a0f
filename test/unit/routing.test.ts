// The routing building blocks on their own: key pool picking and cooldowns, the upstream's
// retry-after in its three spellings, the retry policy, session-affinity memory and what
// identifies a conversation in each protocol.
import { describe, expect, it } from 'vitest';
import { Affinity } from '../../src/routing/affinity.ts';
import { conversationKey } from '../../src/routing/conversation-key.ts';
import { KeyPool } from '../../src/routing/key-pool.ts';
import { isResourceExhausted, retryAfterHeaderMs, upstreamRetryAfterMs } from '../../src/routing/retry-after.ts';
import { backoffMs, isRetryable, retryPolicy } from '../../src/routing/retry-policy.ts';
import { readFixtureJson } from '../helpers/fixtures.ts';

const headers = (entries: Record<string, string>) => new Headers(entries);
const NOW = 1_800_000_000_000;

describe('KeyPool', () => {
  it('round-robin hands out each usable key in turn', () => {
    const pool = new KeyPool(['a', 'b', 'c']);
    expect([0, 1, 2, 3].map(() => pool.pick('round-robin', undefined, undefined, NOW))).toEqual([0, 1, 2, 0]);
  });

  it('fill-first keeps to the first usable key', () => {
    const pool = new KeyPool(['a', 'b']);
    expect([pool.pick('fill-first', undefined, undefined, NOW), pool.pick('fill-first', undefined, undefined, NOW)]).toEqual([0, 0]);
    pool.coolDown(0, 1000, 429, NOW);
    expect(pool.pick('fill-first', undefined, undefined, NOW)).toBe(1);
    expect(pool.pick('fill-first', undefined, undefined, NOW + 1000)).toBe(0);
  });

  it('skips a cooling key until its cooldown ends, and says when none is usable', () => {
    const pool = new KeyPool(['a', 'b']);
    pool.coolDown(0, 5000, 429, NOW);
    expect([1, 2, 3].map(() => pool.pick('round-robin', undefined, undefined, NOW + 4999))).toEqual([1, 1, 1]);
    pool.coolDown(1, 2000, 529, NOW);
    expect(pool.pick('round-robin', undefined, undefined, NOW + 1000)).toBeUndefined();
    expect(pool.readyIn(NOW + 1000)).toBe(1000);
    expect(pool.soonest()).toBe(1);
    expect(pool.coolingStatus()).toBe(529);
  });

  it('prefers the bound key while it is usable, and avoids the key that just failed while another is usable', () => {
    const pool = new KeyPool(['a', 'b', 'c']);
    expect(pool.pick('round-robin', 2, undefined, NOW)).toBe(2);
    expect(pool.pick('round-robin', 2, 2, NOW)).not.toBe(2);
    pool.coolDown(0, 1000, 429, NOW);
    pool.coolDown(1, 1000, 429, NOW);
    expect(pool.pick('round-robin', undefined, 2, NOW)).toBe(2);
  });

  it('keeps the longer of two cooldowns and reports only the first setting-aside', () => {
    const pool = new KeyPool(['a']);
    expect(pool.coolDown(0, 600_000, 401, NOW)).toBe(true);
    expect(pool.coolDown(0, 1000, 429, NOW + 1)).toBe(false);
    expect(pool.readyIn(NOW)).toBe(600_000);
    expect(pool.coolingStatus()).toBe(401);
  });
});

describe('retry-after', () => {
  it('reads delta-seconds, an HTTP date, retry-after-ms and Gemini RetryInfo', () => {
    expect(retryAfterHeaderMs('5', NOW)).toBe(5000);
    expect(retryAfterHeaderMs(new Date(NOW + 3000).toUTCString(), NOW)).toBe(3000);
    expect(upstreamRetryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), undefined, NOW)).toBe(250);
    expect(upstreamRetryAfterMs(headers({}), readFixtureJson('gemini', 'error-429.response.json'), NOW)).toBe(7000);
    expect(isResourceExhausted(readFixtureJson('gemini', 'error-429.response.json'))).toBe(true);
    expect(isResourceExhausted(readFixtureJson('claude', 'error-429.response.json'))).toBe(false);
  });

  it('treats what it cannot read, or a wait of more than a day, as not said', () => {
    expect(retryAfterHeaderMs(null, NOW)).toBeUndefined();
    expect(retryAfterHeaderMs('soon', NOW)).toBeUndefined();
    expect(retryAfterHeaderMs('-3', NOW)).toBeUndefined();
    expect(retryAfterHeaderMs(String(7 * 24 * 3600), NOW)).toBeUndefined();
    expect(upstreamRetryAfterMs(headers({}), { error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: 'later' }] } }, NOW)).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('has the documented defaults and never retries a request the upstream judged wrong', () => {
    const policy = retryPolicy(undefined);
    expect(policy.attempts).toBe(2);
    expect([408, 409, 429, 500, 502, 503, 504, 529].every((s) => isRetryable(policy, s))).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some((s) => isRetryable(policy, s))).toBe(false);
    expect(isRetryable(retryPolicy({ on: [400, 404, 413, 422, 418] }), 400)).toBe(false);
    expect(isRetryable(retryPolicy({ on: [418] }), 418)).toBe(true);
  });

  it('backs off exponentially with jitter, capped, and obeys a short retry-after but not a long one', () => {
    const policy = retryPolicy({ backoffMs: 100, maxBackoffMs: 1000 });
    expect(backoffMs(policy, 2, undefined, () => 0)).toBe(50);
    expect(backoffMs(policy, 2, undefined, () => 1)).toBe(100);
    expect(backoffMs(policy, 3, undefined, () => 1)).toBe(200);
    expect(backoffMs(policy, 10, undefined, () => 1)).toBe(1000);
    expect(backoffMs(policy, 2, 700)).toBe(700);
    expect(backoffMs(policy, 2, 5000)).toBeUndefined();
  });
});

describe('Affinity', () => {
  it('remembers the target and key per provider, forgets after its TTL, and drops the least recently used past its bound', () => {
    const affinity = new Affinity(2, 1000);
    affinity.bind('c1', 'openai.gpt', 'openai', 1, NOW);
    affinity.bind('c2', 'openai.gpt', 'openai', 0, NOW);
    expect(affinity.get('c1', NOW + 10)?.keys.get('openai')).toBe(1);
    affinity.bind('c3', 'claude.sonnet', 'claude', 0, NOW + 20);
    expect(affinity.get('c2', NOW + 30)).toBeUndefined();
    expect(affinity.get('c1', NOW + 30)?.target).toBe('openai.gpt');
    expect(affinity.size).toBe(2);
    expect(affinity.get('c3', NOW + 20 + 1001)).toBeUndefined();
  });
});

describe('conversationKey', () => {
  const none = headers({});
  it('uses, in order, the Claude Code session header, prompt_cache_key, previous_response_id, metadata.user_id', () => {
    const body = { prompt_cache_key: 'pc', previous_response_id: 'resp_1', metadata: { user_id: 'u' }, messages: [{ role: 'user', content: 'hi' }] };
    expect(conversationKey(headers({ 'x-claude-code-session-id': 's1' }), body)).toBe('session:s1');
    expect(conversationKey(none, body)).toBe('cache:pc');
    expect(conversationKey(none, { ...body, prompt_cache_key: undefined })).toBe('previous:resp_1');
    expect(conversationKey(none, { metadata: { user_id: 'u' }, messages: [] })).toBe('user:u');
  });

  it('else hashes the first user message, the same on every turn of a conversation, in every protocol', () => {
    const turn1 = { messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'first question' }] };
    const turn2 = { messages: [...turn1.messages, { role: 'assistant', content: 'answer' }, { role: 'user', content: 'second' }] };
    expect(conversationKey(none, turn1)).toBe(conversationKey(none, turn2));
    expect(conversationKey(none, turn1)).not.toBe(conversationKey(none, { messages: [{ role: 'user', content: 'another topic' }] }));
    const gemini = { contents: [{ parts: [{ text: 'q' }] }, { role: 'model', parts: [{ text: 'a' }] }] };
    expect(conversationKey(none, gemini)).toMatch(/^first:[0-9a-f]{16}$/);
    expect(conversationKey(none, { input: 'plain text' })).toMatch(/^first:/);
    expect(conversationKey(none, { input: [{ role: 'user', content: 'q' }] })).toMatch(/^first:/);
    expect(conversationKey(none, { tools: [] })).toBeUndefined();
  });
});
