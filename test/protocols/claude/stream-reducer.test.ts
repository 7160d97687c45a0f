// Claude upstream SSE → hub events: every stream fixture keeps the hub rules and gives the same
// answer as the non-streamed decodeResponse (of the matching JSON fixture, and of what the
// Anthropic SDK accumulates from the very same bytes); errors, truncation and noise.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { claudeCodec } from '../../../src/protocols/claude/codec.ts';
import { claudeStreamCodec } from '../../../src/protocols/claude/stream-codec.ts';
import { statusOfClaudeErrorType } from '../../../src/protocols/claude/map-stream-error.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import type { SseMessage } from '../../../src/stream/sse-parser.ts';
import { fixtureFiles, readFixture, readFixtureJson } from '../../helpers/fixtures.ts';
import { expectHubRules, sseMessages } from '../../helpers/hub-stream.ts';
import { accumulate, REQUEST, sdkFinalMessage, userView } from './stream-helpers.ts';

function reduce(messages: Iterable<SseMessage>): HubEvent[] {
  return runReducer(claudeStreamCodec.reducer(REQUEST), messages);
}

function decode(body: unknown) {
  return claudeCodec.decodeResponse(body, new Warnings());
}

const PAIRS = {
  'stream-text': 'text', 'stream-tool-call': 'tool-call', 'stream-tool-calls-parallel': 'tool-calls-parallel',
  'stream-reasoning': 'reasoning', 'stream-reasoning-tool-call': 'reasoning-tool-call',
  'stream-text-after-tool': 'text-after-tool', 'stream-usage-cache': 'usage-cache',
  'stream-redacted-thinking': 'redacted-thinking',
} as const;

/** Streams with a test of their own below: a streamed refusal has no block, unlike its JSON twin. */
const OWN_TESTS = ['stream-refusal'];

describe('claude stream reducer: our fixtures', () => {
  it('every stream fixture is covered here', () => {
    const names = fixtureFiles('claude', /^stream-.*\.response\.sse$/).map((f) => f.replace('.response.sse', ''));
    expect(names.filter((n) => !n.startsWith('stream-error-')).sort()).toEqual([...Object.keys(PAIRS), ...OWN_TESTS].sort());
  });

  it.each(fixtureFiles('claude', /^stream-error-.*\.response\.sse$/))('%s ends in one error with the status of overloaded_error', (file) => {
    const events = reduce(sseMessages(readFixture('claude', file)));
    expectHubRules(events);
    expect(events.at(-1)).toEqual({ type: 'error', status: 529, message: 'Overloaded', code: 'overloaded_error' });
  });

  it.each(Object.entries(PAIRS))('%s gives what decodeResponse gives for %s.response.json', async (streamName, jsonName) => {
    const raw = readFixture('claude', `${streamName}.response.sse`);
    const events = reduce(sseMessages(raw));
    expectHubRules(events);
    const streamed = accumulate(events);
    const expected = decode(readFixtureJson('claude', `${jsonName}.response.json`));
    // The two fixtures were written apart, so call ids differ; everything else must agree.
    const withoutIds = (v: ReturnType<typeof userView>) => ({ ...v, output: v.output.map((o) => (o.type === 'tool-call' ? { ...o, id: '' } : o)) });
    expect(withoutIds(userView(streamed))).toEqual(withoutIds(userView(expected)));
    // And exactly what the SDK accumulates from the same bytes, ids included.
    expect(userView(streamed)).toEqual(userView(decode(await sdkFinalMessage(raw))));
    expect(streamed.id).toMatch(/^msg_/);
    expect(streamed.model).toBe('test-model');
  });

  it('tool arguments are the exact fragment text, the empty first fragment dropped', () => {
    const events = reduce(sseMessages(readFixture('claude', 'stream-tool-call.response.sse')));
    expect(events.filter((e) => e.type === 'tool-call-delta').map((e) => e.type === 'tool-call-delta' && e.delta)).toEqual(['{"ci', 'ty": "Pa', 'ris"}']);
    expect(events.find((e) => e.type === 'tool-call-start')).toMatchObject({ id: 'toolu_01oT5HZZjj1uDYwzURN6PuB8', name: 'get_weather' });
  });

  it('arguments split at any position (inside escapes and multi-byte characters) reassemble exactly', () => {
    const args = '{"path": "a\\"b\\\\c", "note": "é 😀 \\u00e9", "n": [1, 2.5, null]}';
    const msg = (data: object): SseMessage => ({ event: (data as { type: string }).type, data: JSON.stringify(data) });
    for (let cut = 0; cut <= args.length; cut++) {
      const events = reduce([
        msg({ type: 'message_start', message: { id: 'msg_1', model: 'm', usage: { input_tokens: 1, output_tokens: 1 } } }),
        msg({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } }),
        ...['', args.slice(0, cut), args.slice(cut)].map((partial_json) => msg({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json } })),
        msg({ type: 'content_block_stop', index: 0 }),
        msg({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } }),
        msg({ type: 'message_stop' }),
      ]);
      expect(accumulate(events).output).toEqual([{ type: 'tool-call', id: 'toolu_1', name: 'f', arguments: args }]);
    }
    expect(JSON.parse(args)).toEqual({ path: 'a"b\\c', note: 'é 😀 é', n: [1, 2.5, null] });
  });

  it('usage: message_start is sent on at once, message_delta replaces it with the cumulative output', () => {
    const events = reduce(sseMessages(readFixture('claude', 'stream-text.response.sse')));
    const usages = events.flatMap((e) => (e.type === 'usage' ? [[e.usage.input, e.usage.output]] : []));
    expect(usages).toEqual([[12, 1], [12, 6]]);
    expect(events.findIndex((e) => e.type === 'usage')).toBe(1);
  });

  it('stream-error-after-output: the text so far comes out before the error, its block left open', () => {
    const events = reduce(sseMessages(readFixture('claude', 'stream-error-after-output.response.sse')));
    expect(events.map((e) => e.type)).toEqual(['response-start', 'usage', 'text-start', 'text-delta', 'text-delta', 'error']);
  });
});

describe('claude stream reducer: broken and noisy upstreams', () => {
  const text = sseMessages(readFixture('claude', 'stream-text.response.sse'));

  it('a stream cut before message_stop ends in a 502 error, wherever it is cut', () => {
    for (let cut = 0; cut < text.length; cut++) {
      const events = reduce(text.slice(0, cut));
      expect(events.at(-1)).toEqual({ type: 'error', status: 502, message: 'upstream stream ended early' });
      expect(events.some((e) => e.type === 'finish')).toBe(false);
      if (cut > 0) expectHubRules(events);
    }
  });

  it('unknown events, unknown deltas, unparseable data and pings are skipped', () => {
    const noisy: SseMessage[] = [
      ...text.slice(0, 2),
      { event: 'ping', data: '{"type": "ping"}' },
      { event: 'future_event', data: '{"type":"future_event","x":1}' },
      { data: 'not json at all' },
      { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"future_delta","x":1}}' },
      { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location"}}}' },
      ...text.slice(2),
    ];
    expect(accumulate(reduce(noisy))).toEqual(accumulate(reduce(text)));
  });

  it('nothing after message_stop or an error is emitted', () => {
    const after = reduce([...text, ...text]);
    expect(after.filter((e) => e.type === 'finish')).toHaveLength(1);
    expect(after.at(-1)?.type).toBe('finish');
    const error = { event: 'error', data: '{"type":"error","error":{"type":"api_error","message":"Internal server error"}}' };
    expect(reduce([error, ...text])).toEqual([{ type: 'error', status: 500, message: 'Internal server error', code: 'api_error' }]);
  });

  it('error types map to statuses through the Anthropic table, read backwards', () => {
    const statuses = ['overloaded_error', 'rate_limit_error', 'api_error', 'invalid_request_error', 'timeout_error', 'authentication_error', 'request_too_large', 'unheard_of_error', 'unheard_of_request_error'].map(statusOfClaudeErrorType);
    expect(statuses).toEqual([529, 429, 500, 400, 504, 401, 413, 500, 400]);
    expect(reduce([{ event: 'error', data: 'upstream exploded' }])).toEqual([{ type: 'error', status: 500, message: 'upstream exploded' }]);
  });

  it('server-tool blocks and their deltas are skipped; indexes after them still line up', () => {
    const msg = (data: object): SseMessage => ({ event: (data as { type: string }).type, data: `${JSON.stringify(data)}   ` });
    const events = reduce([
      msg({ type: 'message_start', message: { id: 'msg_1', model: 'm', content: [], usage: { input_tokens: 5, output_tokens: 1 } } }),
      msg({ type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }),
      msg({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } }),
      msg({ type: 'content_block_stop', index: 0 }),
      msg({ type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] } }),
      msg({ type: 'content_block_stop', index: 1 }),
      msg({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b64_Y2FsbDox', name: 'f', input: {} } }),
      msg({ type: 'content_block_stop', index: 2 }),
      msg({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9, input_tokens: null } }),
      msg({ type: 'message_stop' }),
    ]);
    expectHubRules(events);
    // The encoded id comes back as the id the client knows; a call without input deltas has `{}`.
    expect(accumulate(events).output).toEqual([{ type: 'tool-call', id: 'call:1', name: 'f', arguments: '{}' }]);
    expect(accumulate(events).usage).toMatchObject({ input: 5, output: 9 });
  });

  it('message_delta usage may repeat input and cache counts; they merge with message_start', () => {
    const msg = (data: object): SseMessage => ({ event: (data as { type: string }).type, data: JSON.stringify(data) });
    const events = reduce([
      msg({ type: 'message_start', message: { id: 'msg_1', model: 'm', content: [], usage: { input_tokens: 25, cache_read_input_tokens: 75, output_tokens: 1 } } }),
      msg({ type: 'message_delta', delta: { stop_reason: 'stop_sequence', stop_sequence: '###' }, usage: { output_tokens: 5, cache_creation_input_tokens: 10 } }),
      msg({ type: 'message_stop' }),
    ]);
    expect(accumulate(events)).toMatchObject({ usage: { input: 110, output: 5, cacheRead: 75, cacheWrite: 10 }, finish: { unified: 'stop', raw: 'stop_sequence' }, stopSequence: '###' });
  });

  it('content before message_start still gets a response-start first', () => {
    const events = reduce(text.filter((m) => m.event !== 'message_start'));
    expectHubRules(events);
    expect(events[0]).toMatchObject({ type: 'response-start', model: REQUEST.model });
  });
});

describe('claude stream reducer: thinking, redacted thinking and refusal streams', () => {
  it.each(['stream-text', 'stream-reasoning', 'stream-redacted-thinking', 'stream-tool-call'])('%s equals decodeResponse of what the SDK accumulates', async (name) => {
    const raw = readFixture('claude', `${name}.response.sse`);
    const events = reduce(sseMessages(raw));
    expectHubRules(events);
    expect(userView(accumulate(events))).toEqual(userView(decode(await sdkFinalMessage(raw))));
  });

  it('stream-reasoning: thinking text and its one signature, then the answer', () => {
    const output = accumulate(reduce(sseMessages(readFixture('claude', 'stream-reasoning.response.sse')))).output;
    expect(output.map((o) => o.type)).toEqual(['reasoning', 'text']);
    expect(output[0]).toMatchObject({ origin: 'claude', text: 'The user wants a greeting. I will say hello.', signature: expect.stringMatching(/^ElYKRggLGAIqQDLP/) });
  });

  it('stream-redacted-thinking: a redacted block arrives whole as encrypted data', () => {
    const output = accumulate(reduce(sseMessages(readFixture('claude', 'stream-redacted-thinking.response.sse')))).output;
    const { content } = readFixtureJson<{ content: { data?: string }[] }>('claude', 'redacted-thinking.response.json');
    expect(output.slice(0, 2)).toEqual([
      { type: 'reasoning', origin: 'claude', redacted: true, encrypted: content[0]?.data },
      { type: 'text', text: "I can't act on that phrase, but I'm glad to help with a normal question." },
    ]);
  });

  it('stream-refusal: the explanation in message_delta stop_details reaches the client as text, with a content-filter finish that keeps the raw reason', () => {
    const events = reduce(sseMessages(readFixture('claude', 'stream-refusal.response.sse')));
    expectHubRules(events);
    const explanation = 'This request was blocked because it asks for help with malicious software.';
    // The hub has no refusal event (as for Chat and Responses streamed refusals): the text is what survives.
    expect(accumulate(events)).toMatchObject({ output: [{ type: 'text', text: explanation }], finish: { unified: 'content-filter', raw: 'refusal' }, usage: { input: 23, output: 4 } });
  });
});
