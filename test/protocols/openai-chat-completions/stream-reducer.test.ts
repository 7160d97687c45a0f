// A Chat upstream's SSE → hub events: fixtures against their non-streamed twins, the end rules
// (finish held for the usage chunk, [DONE] or EOF after finish_reason, truncation), in-band
// errors, skipped noise, tool-call shapes and the reasoning dialects.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import { parseSse, reducerStream } from '../../helpers/web-streams.ts';
import { readFixture, readFixtureJson } from '../../helpers/fixtures.ts';
import { accumulate } from '../../helpers/hub-stream.ts';
import { decodeResponse, hubRequest } from './helpers.ts';
import { callsOf, chunk, expectHubRules, reduce, sse, streamCodec, textOf, usageChunk, usageWithoutRaw } from './stream-helpers.ts';

const P = 'openai-chat-completions';

describe('stream reducer: our fixtures equal their non-streamed twins', () => {
  it.each([
    ['stream-text', 'text'],
    ['stream-tool-call', 'tool-call'],
    ['stream-tool-calls-parallel', 'tool-calls-parallel'],
  ])('%s ↔ %s: text, tool calls, finish and usage', (stream, twin) => {
    const events = reduce(readFixture(P, `${stream}.response.sse`));
    expectHubRules(events);
    const got = accumulate(events);
    const { hub } = decodeResponse(readFixtureJson(P, `${twin}.response.json`));
    expect(textOf(got.output)).toBe(textOf(hub.output));
    expect(callsOf(got.output)).toEqual(callsOf(hub.output));
    expect(got.output.map((o) => o.type)).toEqual(hub.output.map((o) => o.type));
    expect(got.finishReason).toEqual(hub.finishReason);
    expect(usageWithoutRaw(got.usage)).toEqual(usageWithoutRaw(hub.usage));
    expect(got.model).toBe('test-model');
    expect(got.id).toMatch(/^chatcmpl-/);
  });

  it('stream-text: the exact event sequence (finish after the usage chunk)', () => {
    const events = reduce(readFixture(P, 'stream-text.response.sse'));
    expect(events.map((e) => e.type)).toEqual(['response-start', 'text-start', 'text-delta', 'text-delta', 'text-delta', 'text-end', 'usage', 'finish']);
    expect(events[0]).toEqual({ type: 'response-start', id: 'chatcmpl-EOSFHYPNxldN8s9WpnwKplr347a7t', model: 'test-model', created: 1795392060 });
  });

  it('stream-tool-calls-parallel: text then three sequential call blocks with the upstream ids', () => {
    const events = reduce(readFixture(P, 'stream-tool-calls-parallel.response.sse'));
    const starts = events.filter((e) => e.type === 'tool-call-start');
    expect(starts.map((e) => e.id)).toEqual(['call_cqw5Gmfq0SVAVQmkmZ1vxySZ', 'call_Iq1DKm3uObwtk6qHIzCRyIp9', 'call_Jj3yOhE8FG7EHiyFjCTYrBvE']);
    expect(callsOf(accumulate(events).output).map((c) => JSON.parse(c.arguments) as unknown)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }, { city: 'Lima' }]);
  });

  it('stream-error-after-output: the text so far, then one error (server_error → 500), no finish', () => {
    const events = reduce(readFixture(P, 'stream-error-after-output.response.sse'));
    expectHubRules(events);
    expect(events.map((e) => e.type)).toEqual(['response-start', 'text-start', 'text-delta', 'text-delta', 'error']);
    expect(events.at(-1)).toEqual({ type: 'error', status: 500, message: expect.stringMatching(/^The server had an error/) });
  });

  it('the production path (parseSse + reducerStream) gives the same events as the arrays', async () => {
    const raw = readFixture(P, 'stream-tool-calls-parallel.response.sse');
    const body = new Response(raw).body;
    if (!body) throw new Error('no body');
    const events: HubEvent[] = [];
    const reader = parseSse(body).pipeThrough(reducerStream(streamCodec.reducer(hubRequest({ stream: true })))).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) events.push(r.value);
    // Made-up values aside (none here), both paths agree event for event.
    expect(events).toEqual(reduce(raw));
  });
});

describe('stream reducer: whole streams', () => {
  it('stream-text: text, stop, usage 12 + 6', () => {
    const events = reduce(readFixture(P, 'stream-text.response.sse'));
    expectHubRules(events);
    const got = accumulate(events);
    expect(textOf(got.output)).toBe('Hello from the upstream.');
    expect(got.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(got.usage).toMatchObject({ input: 12, output: 6, cacheRead: 0, reasoning: 0 });
  });

  it('stream-tool-call: one call get_weather {"city":"Paris"} reassembled exactly', () => {
    const events = reduce(readFixture(P, 'stream-tool-call.response.sse'));
    expectHubRules(events);
    const [call] = callsOf(accumulate(events).output);
    expect(call?.name).toBe('get_weather');
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: 'Paris' });
  });

  it('stream-text-no-usage without its [DONE] (no usage asked for; Chat-compatible servers that just close): complete at EOF after finish_reason', () => {
    const raw = readFixture(P, 'stream-text-no-usage.response.sse');
    const withoutDone = raw.replace('data: [DONE]\n\n', '');
    expect(withoutDone).not.toBe(raw);
    const events = reduce(withoutDone);
    expectHubRules(events);
    expect(events.some((e) => e.type === 'usage')).toBe(false);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } });
    expect(textOf(accumulate(events).output)).toMatch(/^Sourdough needs only flour, water and salt\..{100,}covered pot\.$/);
  });
});

describe('stream reducer: how a stream ends', () => {
  const text = [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({}, 'stop'), usageChunk(5, 1)];

  it('EOF after finish_reason and usage, without [DONE] (many Chat-compatible servers): complete', () => {
    const events = reduce(sse(...text));
    expectHubRules(events);
    expect(events.slice(-2)).toEqual([{ type: 'usage', usage: expect.objectContaining({ input: 5, output: 1 }) }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } }]);
  });

  it('EOF after finish_reason without usage: complete, no usage event', () => {
    const events = reduce(sse(...text.slice(0, 3)));
    expect(events.map((e) => e.type)).toEqual(['response-start', 'text-start', 'text-delta', 'text-end', 'finish']);
  });

  it('EOF with neither [DONE] nor finish_reason: truncated → error 502, never a finish', () => {
    const events = reduce(sse(...text.slice(0, 2)));
    expectHubRules(events);
    expect(events.at(-1)).toEqual({ type: 'error', status: 502, message: 'upstream stream ended early' });
    expect(reduce(readFixture(P, 'stream-tool-call.response.sse').split('\n\n').slice(0, 3).join('\n\n')).at(-1)).toMatchObject({ type: 'error', status: 502 });
  });

  it('an empty body: response-start (made up from the request) then the truncation error', () => {
    const events = reduce('', hubRequest({ model: 'asked-model', stream: true }));
    expect(events).toEqual([
      { type: 'response-start', id: expect.stringMatching(/^chatcmpl-/), model: 'asked-model', created: expect.any(Number) },
      { type: 'error', status: 502, message: 'upstream stream ended early' },
    ]);
  });

  it('[DONE] ends the answer even without finish_reason; nothing after it counts', () => {
    const events = reduce(sse(chunk({ content: 'Hi' }), '[DONE]', chunk({ content: 'late' }), chunk({}, 'length')));
    expectHubRules(events);
    expect(textOf(accumulate(events).output)).toBe('Hi');
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'other' } });
  });

  it('the finish waits for the usage chunk and carries the non-stream table values (length)', () => {
    const events = reduce(sse(chunk({ content: 'Hello from the' }), chunk({}, 'length'), usageChunk(12, 3), '[DONE]'));
    expect(events.slice(-2).map((e) => e.type)).toEqual(['usage', 'finish']);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'length', raw: 'length' } });
  });

  it('usage with cache and reasoning details goes through the non-stream converter', () => {
    const usage = { prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_tokens_details: { cached_tokens: 75 }, completion_tokens_details: { reasoning_tokens: 2 } };
    const events = reduce(sse(chunk({ content: 'Cached hello.' }), chunk({}, 'stop'), { ...usageChunk(0, 0), usage }, '[DONE]'));
    expect(accumulate(events).usage).toEqual({ input: 100, output: 5, cacheRead: 75, reasoning: 2, raw: usage });
  });

  it('a chunk without id/model/created: made up (model from the request)', () => {
    const events = reduce(sse({ choices: [{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }] }, '[DONE]'), hubRequest({ model: 'asked', stream: true }));
    expect(events[0]).toEqual({ type: 'response-start', id: expect.stringMatching(/^chatcmpl-[0-9a-f]{32}$/), model: 'asked', created: expect.any(Number) });
  });

  it('choices other than index 0 (n > 1) are not followed', () => {
    const other = { ...chunk({}), choices: [{ index: 1, delta: { content: 'second' }, finish_reason: null }, { index: 0, delta: { content: 'first' }, finish_reason: null }] };
    const events = reduce(sse(other, chunk({}, 'stop'), '[DONE]'));
    expect(textOf(accumulate(events).output)).toBe('first');
  });
});

describe('stream reducer: noise is skipped, not fatal', () => {
  it('unparseable data, non-chunk objects, unknown event names and comments change nothing', () => {
    const clean = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({}, 'stop'), usageChunk(5, 1), '[DONE]');
    const noisy = [
      ': OPENROUTER PROCESSING\n\n',
      'data: not json\n\n',
      sse(chunk({ role: 'assistant', content: '' })),
      'event: ping\ndata: {"type":"ping"}\n\n',
      'data: {"type":"heartbeat"}\n\n',
      sse(chunk({ content: 'Hi' })),
      'data: 42\n\n',
      'event: codex.rate_limits\ndata: {"primary":{"used_percent":1}}\n\n',
      sse(chunk({}, 'stop'), usageChunk(5, 1), '[DONE]'),
    ].join('');
    expect(reduce(noisy)).toEqual(reduce(clean));
  });

  it("Azure's first chunk (choices [], prompt_filter_results, empty id/model, created 0) does not name the answer", () => {
    const azure = { id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] };
    const events = reduce(sse(azure, chunk({ role: 'assistant', content: 'Hi' }), chunk({}, 'stop'), '[DONE]'));
    expect(events[0]).toEqual({ type: 'response-start', id: 'chatcmpl-t', model: 'm', created: 1700000000 });
  });

  it('CRLF framing and keep-alive comments', () => {
    const raw = sse(chunk({ content: 'Hi' }), chunk({}, 'stop'), '[DONE]').replace(/\n/g, '\r\n');
    expect(textOf(accumulate(reduce(`: keep-alive\r\n\r\n${raw}`)).output)).toBe('Hi');
  });
});

describe('stream reducer: in-band errors → one hub error with an HTTP status', () => {
  const before = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }));
  it.each([
    [{ error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, 429, 'rate_limit_exceeded'],
    [{ error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }, 429, 'insufficient_quota'],
    [{ error: { message: 'busy', type: 'server_error', param: null, code: 'server_is_overloaded' } }, 503, 'server_is_overloaded'],
    [{ error: { message: 'Overloaded', type: 'overloaded_error' } }, 503, undefined],
    [{ error: { message: 'bad', type: 'invalid_request_error', param: 'messages', code: null } }, 400, undefined],
    [{ error: { message: 'too long', type: 'invalid_request_error', code: 'context_length_exceeded' } }, 400, 'context_length_exceeded'],
    // OpenRouter: the HTTP status as a numeric code, beside a chunk envelope and finish_reason "error".
    [{ ...chunk({ content: '' }, 'error'), error: { code: 502, message: 'Provider returned error' } }, 502, '502'],
    [{ error: { message: 'something new', type: 'brand_new_type' } }, 500, undefined],
    [{ error: 'plain text error' }, 500, undefined],
  ])('%j → status %i', (body, status, code) => {
    const events = reduce(before + sse(body, chunk({ content: 'after' }), '[DONE]'));
    expectHubRules(events);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', status, message: expect.any(String) });
    expect(last?.type === 'error' ? last.code : 'none').toBe(code);
    expect(textOf(accumulate(events).output)).toBe('Hi');
  });

  it('`event: error` (openai-node throws on it too), also with unparseable data', () => {
    expect(reduce(before + 'event: error\ndata: {"message":"Overloaded","type":"overloaded_error"}\n\n').at(-1)).toMatchObject({ type: 'error', status: 503, message: 'Overloaded' });
    expect(reduce(before + 'event: error\ndata: upstream went away\n\n').at(-1)).toMatchObject({ type: 'error', status: 500, message: 'upstream went away' });
  });

  it('an error as the very first event still follows response-start (the read-ahead sees no output before it)', () => {
    const events = reduce(sse({ error: { message: 'Rate limit', type: 'requests', code: 'rate_limit_exceeded' } }));
    expect(events.map((e) => e.type)).toEqual(['response-start', 'error']);
  });
});
