// Responses upstream SSE → hub events: our fixtures against their non-stream twins and
// against their own `response.completed`, errors, truncation, unknown events,
// and the lenient paths (no deltas, no added item, only the final response).
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import { decodeResponse } from '../../../src/protocols/openai-responses/decode-response.ts';
import type { SseMessage } from '../../../src/stream/sse-parser.ts';
import { fixtureFiles, readFixture } from '../../helpers/fixtures.ts';
import { sseMessages } from '../../helpers/hub-stream.ts';
import { ours } from './fixtures.ts';
import { type Accumulated, accumulate, asAccumulated, content, expectHubRules, reduce, warnings } from './stream-helpers.ts';

const fixture = (name: string) => sseMessages(readFixture('openai-responses', `${name}.response.sse`));
const json = (value: unknown): SseMessage => ({ data: JSON.stringify(value) });
/** The final response of a message list, as decodeResponse reads it. */
const completedOf = (messages: readonly SseMessage[]) => {
  const last = messages.map((m) => JSON.parse(m.data) as { type: string; response?: unknown }).findLast((e) => e.type === 'response.completed' || e.type === 'response.incomplete');
  return decodeResponse(last?.response, warnings());
};

describe('our fixtures', () => {
  it.each([
    ['stream-text', 'text'],
    ['stream-tool-call', 'tool-call'],
    ['stream-tool-calls-parallel', 'tool-calls-parallel'],
  ])('%s gives the hub events of %s.response.json', (stream, whole) => {
    const events = reduce(fixture(stream));
    expectHubRules(events);
    expect(content(accumulate(events))).toEqual(content(asAccumulated(decodeResponse(ours(`${whole}.response.json`), warnings()))));
    // Against its own final response, ids included.
    expect(accumulate(events)).toEqual(asAccumulated(completedOf(fixture(stream))));
  });

  it('stream-text: response-start from response.created, text in three deltas', () => {
    const events = reduce(fixture('stream-text'));
    expect(events[0]).toEqual({ type: 'response-start', id: 'resp_7901b73929a7552bcdf8e76e7d9abfc6cfbf38ea3aba3b7820', model: 'test-model', created: 1795392060 });
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta)).toEqual(['Hello', ' from the', ' upstream.']);
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { input: 12, output: 6, cacheRead: 0, reasoning: 0, raw: { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 18 } } },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'completed' } },
    ]);
  });

  it('stream-tool-calls-parallel: one text block, then three tool blocks in order, finish tool-calls', () => {
    const events = reduce(fixture('stream-tool-calls-parallel'));
    expect(events.filter((e) => e.type.endsWith('-start') && e.type !== 'response-start').map((e) => e.type)).toEqual(['text-start', 'tool-call-start', 'tool-call-start', 'tool-call-start']);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' } });
  });

  it('stream-error-after-output ends in one error (the response.failed after it is ignored)', () => {
    const events = reduce(fixture('stream-error-after-output'));
    expectHubRules(events);
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta)).toEqual(['Hello', ' from the']);
    expect(events.at(-1)).toMatchObject({ type: 'error', status: 500, code: 'server_error', message: expect.stringContaining('An error occurred') });
  });

  it.each(['stream-text', 'stream-tool-call', 'stream-tool-calls-parallel'])('%s cut before response.completed ends in a 502 error, not a finish', (name) => {
    const messages = fixture(name);
    for (const cut of [0, 1, 3, messages.length - 1]) {
      const events = reduce(messages.slice(0, cut));
      expectHubRules(events);
      expect(events.at(-1)).toEqual({ type: 'error', status: 502, message: 'upstream stream ended early' });
    }
  });

  it('skips unknown event types, unparseable data and [DONE]', () => {
    const messages = fixture('stream-tool-call');
    const noisy = [
      ...messages.slice(0, 3),
      { event: 'codex.rate_limits', data: '{"type":"codex.rate_limits","primary":{"used_percent":5}}' },
      { data: 'not json' },
      json({ type: 'response.output_text.annotation.added', item_id: 'x', output_index: 0 }),
      ...messages.slice(3),
      { data: '[DONE]' },
    ];
    expect(reduce(noisy)).toEqual(reduce(messages));
  });
});

describe('lenient paths: a call or a text is never lost', () => {
  const created = json({ type: 'response.created', response: { id: 'resp_1', model: 'm', created_at: 1, output: [] } });
  const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '' };
  const done = { ...call, arguments: '{"city":"Paris"}', status: 'completed' };
  const completed = (output: unknown[]) => json({ type: 'response.completed', response: { id: 'resp_1', status: 'completed', output, usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 } } });
  const calls = (events: HubEvent[]) => accumulate(events).output;

  it('arguments from function_call_arguments.done when no deltas came (one delta)', () => {
    const events = reduce([
      created,
      json({ type: 'response.output_item.added', output_index: 0, item: call }),
      json({ type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 0, arguments: '{"city":"Paris"}' }),
      json({ type: 'response.output_item.done', output_index: 0, item: done }),
      completed([done]),
    ]);
    expectHubRules(events);
    expect(events.filter((e) => e.type === 'tool-call-delta')).toEqual([{ type: 'tool-call-delta', block: 'b0', delta: '{"city":"Paris"}' }]);
    expect(calls(events)).toEqual([{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', itemId: 'fc_1' }]);
  });

  it('arguments from output_item.done when neither deltas nor .done came', () => {
    const events = reduce([created, json({ type: 'response.output_item.added', output_index: 0, item: call }), json({ type: 'response.output_item.done', output_index: 0, item: done }), completed([done])]);
    expect(calls(events)).toEqual([{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', itemId: 'fc_1' }]);
  });

  it('an item seen only in output_item.done, or only in response.completed ("fake streaming")', () => {
    const text = { type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text: 'Hi.' }] };
    const onlyDone = reduce([created, json({ type: 'response.output_item.done', output_index: 0, item: done }), completed([done])]);
    const onlyCompleted = reduce([created, completed([text, done])]);
    expectHubRules(onlyDone);
    expectHubRules(onlyCompleted);
    expect(calls(onlyDone)).toEqual(calls(reduce([created, json({ type: 'response.output_item.added', output_index: 0, item: call }), json({ type: 'response.output_item.done', output_index: 0, item: done }), completed([done])])));
    expect(calls(onlyCompleted)).toEqual([{ type: 'text', text: 'Hi.' }, { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', itemId: 'fc_1' }]);
    expect(onlyCompleted.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' } });
  });

  it('a text delta with no announced message opens one; an empty message makes no block', () => {
    const events = reduce([
      created,
      json({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_0', role: 'assistant', content: [] } }),
      json({ type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_0', role: 'assistant', content: [{ type: 'output_text', text: '' }] } }),
      json({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hi' }),
      completed([]),
    ]);
    expectHubRules(events);
    expect(events.filter((e) => e.type === 'text-start')).toHaveLength(1);
    expect(calls(events)).toEqual([{ type: 'text', text: 'Hi' }]);
  });

  it('several content parts of one message make one text block; a refusal part comes as text', () => {
    const events = reduce([
      created,
      json({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_0', role: 'assistant', content: [] } }),
      json({ type: 'response.output_text.delta', item_id: 'msg_0', output_index: 0, content_index: 0, delta: 'A' }),
      json({ type: 'response.output_text.delta', item_id: 'msg_0', output_index: 0, content_index: 1, delta: 'B' }),
      json({ type: 'response.refusal.delta', item_id: 'msg_0', output_index: 0, content_index: 2, delta: 'No.' }),
      completed([]),
    ]);
    expect(calls(events)).toEqual([{ type: 'text', text: 'ABNo.' }]);
  });

  it('a custom tool call (Codex apply_patch) streams its raw input', () => {
    const custom = { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_p', name: 'apply_patch', input: '' };
    const events = reduce([
      created,
      json({ type: 'response.output_item.added', output_index: 0, item: custom }),
      json({ type: 'response.custom_tool_call_input.delta', item_id: 'ctc_1', output_index: 0, delta: '*** Begin' }),
      json({ type: 'response.custom_tool_call_input.delta', item_id: 'ctc_1', output_index: 0, delta: ' Patch' }),
      json({ type: 'response.custom_tool_call_input.done', item_id: 'ctc_1', output_index: 0, input: '*** Begin Patch' }),
      completed([{ ...custom, input: '*** Begin Patch' }]),
    ]);
    expectHubRules(events);
    expect(calls(events)).toEqual([{ type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: '*** Begin Patch', custom: true, itemId: 'ctc_1' }]);
  });
});

describe('reasoning', () => {
  const created = json({ type: 'response.created', response: { id: 'resp_r', model: 'm', created_at: 1, output: [] } });
  const rs = (extra: Record<string, unknown>) => ({ type: 'reasoning', id: 'rs_1', summary: [], ...extra });

  it('summary parts (kind summary) joined by a blank line, raw text (kind text), encrypted_content from output_item.done', () => {
    const events = reduce([
      created,
      json({ type: 'response.output_item.added', output_index: 0, item: rs({ encrypted_content: 'EARLY' }) }),
      json({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'One' }),
      json({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 1, delta: 'Two' }),
      json({ type: 'response.reasoning_text.delta', item_id: 'rs_1', output_index: 0, content_index: 0, delta: 'raw' }),
      json({ type: 'response.output_item.done', output_index: 0, item: rs({ encrypted_content: 'FINAL' }) }),
      json({ type: 'response.completed', response: { id: 'resp_r', status: 'completed', output: [], usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3, output_tokens_details: { reasoning_tokens: 2 } } } }),
    ]);
    expectHubRules(events);
    expect(events.filter((e) => e.type.startsWith('reasoning'))).toEqual([
      { type: 'reasoning-start', block: 'b0', origin: 'openai-responses', itemId: 'rs_1' },
      { type: 'reasoning-delta', block: 'b0', delta: 'One', kind: 'summary' },
      { type: 'reasoning-delta', block: 'b0', delta: '\n\n', kind: 'summary' },
      { type: 'reasoning-delta', block: 'b0', delta: 'Two', kind: 'summary' },
      { type: 'reasoning-delta', block: 'b0', delta: 'raw', kind: 'text' },
      { type: 'reasoning-end', block: 'b0', encrypted: 'FINAL' },
    ]);
  });

  it('summary and text from output_item.done when no deltas came', () => {
    const events = reduce([
      created,
      json({ type: 'response.output_item.added', output_index: 0, item: rs({}) }),
      json({ type: 'response.output_item.done', output_index: 0, item: rs({ summary: [{ type: 'summary_text', text: 'A' }, { type: 'summary_text', text: 'B' }], content: [{ type: 'reasoning_text', text: 'r' }] }) }),
      json({ type: 'response.completed', response: { id: 'resp_r', status: 'completed', output: [] } }),
    ]);
    expect(accumulate(events).output).toEqual([{ type: 'reasoning', origin: 'openai-responses', itemId: 'rs_1', summary: ['A\n\nB'], text: 'r' }]);
  });
});

describe('endings and errors', () => {
  const created = json({ type: 'response.created', response: { id: 'resp_e', model: 'm', created_at: 1, output: [] } });

  it.each([
    ['max_output_tokens', { unified: 'length', raw: 'incomplete:max_output_tokens' }],
    ['content_filter', { unified: 'content-filter', raw: 'incomplete:content_filter' }],
  ])('response.incomplete (%s) → usage, then finish %o', (reason, finishReason) => {
    const events = reduce([created, json({ type: 'response.incomplete', response: { id: 'resp_e', status: 'incomplete', incomplete_details: { reason }, output: [], usage: { input_tokens: 12, output_tokens: 16, total_tokens: 28 } } })]);
    expectHubRules(events);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['usage', 'finish']);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason });
  });

  it('a completed response without usage reports 0 tokens, as decodeResponse does', () => {
    const events = reduce([created, json({ type: 'response.completed', response: { id: 'resp_e', status: 'completed', output: [] } })]);
    expect(events.find((e) => e.type === 'usage')).toEqual({ type: 'usage', usage: { input: 0, output: 0 } });
  });

  it.each([
    [{ type: 'error', code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 7s.', param: null }, 429, 'rate_limit_exceeded'],
    [{ type: 'error', error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota', param: null } }, 429, 'insufficient_quota'],
    [{ type: 'error', code: 'server_is_overloaded', message: 'busy', param: null }, 503, 'server_is_overloaded'],
    [{ type: 'error', code: 'context_length_exceeded', message: 'too long', param: null }, 400, 'context_length_exceeded'],
    [{ type: 'error', code: 'invalid_image_url', message: 'bad image', param: null }, 400, 'invalid_image_url'],
    [{ type: 'error', code: 'something_new', message: 'odd', param: null }, 500, 'something_new'],
  ])('error event %o → status %i', (event, status, code) => {
    const events = reduce([created, json(event), json({ type: 'response.failed', response: { id: 'resp_e', status: 'failed', error: { code: 'other', message: 'x' } } })]);
    expectHubRules(events);
    expect(events.at(-1)).toMatchObject({ type: 'error', status, code });
  });

  it('response.failed alone is the error; an error as the very first event still comes after response-start', () => {
    expect(reduce([created, json({ type: 'response.failed', response: { id: 'resp_e', status: 'failed', error: { code: 'server_error', message: 'boom' } } })]).at(-1)).toEqual({ type: 'error', status: 500, message: 'boom', code: 'server_error' });
    const first = reduce([json({ type: 'error', code: 'server_error', message: 'boom' })]);
    expectHubRules(first);
    expect(first.map((e) => e.type)).toEqual(['response-start', 'error']);
  });

  it('nothing follows the finish', () => {
    const events = reduce([created, json({ type: 'response.completed', response: { id: 'resp_e', output: [] } }), json({ type: 'error', message: 'late' })]);
    expect(events.at(-1)?.type).toBe('finish');
  });
});

const withoutEncrypted = (acc: Accumulated): Accumulated => ({
  ...acc,
  output: acc.output.map((o) => {
    if (o.type !== 'reasoning') return o;
    expect(o.encrypted === undefined || o.encrypted.startsWith('gAAAA')).toBe(true);
    const { encrypted: _encrypted, ...rest } = o;
    return rest;
  }),
});

describe('every stream fixture equals its own final response', () => {
  const files = fixtureFiles('openai-responses', /^stream-.*\.response\.sse$/);

  it.each(files)('%s', (file) => {
    const messages = sseMessages(readFixture('openai-responses', file));
    const events = reduce(messages);
    expectHubRules(events);
    if (events.at(-1)?.type === 'error') {
      expect(file).toContain('error');
      return;
    }
    // A reasoning item's encrypted blob differs between output_item.added and .done: compared apart.
    expect(withoutEncrypted(accumulate(events))).toEqual(withoutEncrypted(asAccumulated(completedOf(messages))));
  });

  it('stream-reasoning-tool-call: the encrypted_content of output_item.done, not of added', () => {
    const messages = fixture('stream-reasoning-tool-call');
    const parsed = messages.map((m) => JSON.parse(m.data) as { type: string; item?: { type: string; encrypted_content?: string } });
    const added = parsed.find((e) => e.type === 'response.output_item.added' && e.item?.type === 'reasoning')?.item?.encrypted_content;
    const done = parsed.find((e) => e.type === 'response.output_item.done' && e.item?.type === 'reasoning')?.item?.encrypted_content;
    expect(added).not.toBe(done);
    expect(reduce(messages).find((e) => e.type === 'reasoning-end')).toMatchObject({ encrypted: done });
  });

  it('stream-error-quota: one 429 error', () => {
    const events = reduce(fixture('stream-error-quota'));
    expect(events.filter((e) => e.type === 'error')).toEqual([{ type: 'error', status: 429, code: 'insufficient_quota', message: expect.stringContaining('exceeded your current quota') }]);
  });
});
