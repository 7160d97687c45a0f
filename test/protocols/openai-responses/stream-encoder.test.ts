// Hub events → Responses SSE: spec shape (generated ResponseStreamEvent validator), order,
// sequence numbers and output_index, the final response equal to encodeResponse for the same
// answer, errors, and the two strict readers: openai-node `responses.stream()` and a replica of
// Codex's parser.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { encodeResponse } from '../../../src/protocols/openai-responses/encode-response.ts';
import { openaiResponsesStreamCodec } from '../../../src/protocols/openai-responses/stream-codec.ts';
import { formatSse } from '../../../src/stream/sse.ts';
import { freezeClock } from '../../helpers/frozen-clock.ts';
import { sseText } from '../../helpers/hub-stream.ts';
import { hubResponse } from './fixtures.ts';
import { encode, expectResponsesFrames, REQUEST, type ResponsesEvent, warnings } from './stream-helpers.ts';

/** A whole hub answer as the hub events a reducer would emit for it. */
function eventsOf(response: HubResponse): HubEvent[] {
  const events: HubEvent[] = [{ type: 'response-start', id: response.id, model: response.model, created: response.created }];
  response.output.forEach((out, i) => {
    const block = `b${i}`;
    if (out.type === 'text' || out.type === 'refusal') {
      events.push({ type: 'text-start', block }, { type: 'text-delta', block, delta: out.text.slice(0, 3) }, { type: 'text-delta', block, delta: out.text.slice(3) }, { type: 'text-end', block });
    } else if (out.type === 'tool-call') {
      events.push({ type: 'tool-call-start', block, id: out.id, name: out.name, ...(out.custom ? { custom: true } : {}), ...(out.itemId ? { itemId: out.itemId } : {}) });
      events.push({ type: 'tool-call-delta', block, delta: out.arguments.slice(0, 5) }, { type: 'tool-call-delta', block, delta: out.arguments.slice(5) });
      events.push({ type: 'tool-call-end', block, ...(out.signature ? { signature: out.signature } : {}) });
    } else {
      events.push({ type: 'reasoning-start', block, origin: out.origin, ...(out.itemId ? { itemId: out.itemId } : {}), ...(out.redacted ? { redacted: true } : {}) });
      for (const summary of out.summary ?? []) events.push({ type: 'reasoning-delta', block, delta: summary, kind: 'summary' });
      if (out.text) events.push({ type: 'reasoning-delta', block, delta: out.text, kind: 'text' });
      events.push({ type: 'reasoning-end', block, ...(out.encrypted ? { encrypted: out.encrypted } : {}), ...(out.signature ? { signature: out.signature } : {}) });
    }
  });
  events.push({ type: 'usage', usage: response.usage }, { type: 'finish', finishReason: response.finishReason });
  return events;
}

const calls = [
  { type: 'tool-call' as const, id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
  { type: 'tool-call' as const, id: 'call_b', name: 'get_weather', arguments: '{"city":"Tokyo"}', itemId: 'fc_upstream1' },
];

const ANSWERS: Record<string, HubResponse> = {
  text: hubResponse(),
  'text then parallel tool calls': hubResponse({ output: [{ type: 'text', text: 'Checking two cities.' }, ...calls], finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { input: 80, output: 40, cacheRead: 20 } }),
  'own reasoning (summary, raw text, encrypted) then a call': hubResponse({
    id: 'resp_abc',
    output: [{ type: 'reasoning', origin: 'openai-responses', itemId: 'rs_1', summary: ['Thinking about it.'], text: 'raw thoughts', encrypted: 'gAAAA-enc' }, calls[0]!],
    finishReason: { unified: 'tool-calls', raw: 'completed' },
    usage: { input: 10, output: 30, reasoning: 20 },
  }),
  'Claude thinking (signed) then text': hubResponse({ output: [{ type: 'reasoning', origin: 'claude', text: 'Let me think.', signature: 'sig' }, { type: 'text', text: 'Answer.' }] }),
  'Claude redacted thinking': hubResponse({ output: [{ type: 'reasoning', origin: 'claude', redacted: true, encrypted: 'opaque' }, { type: 'text', text: 'Answer.' }] }),
  'Gemini thought summary and a signed call': hubResponse({
    id: 'gemini-resp-1',
    output: [{ type: 'reasoning', origin: 'gemini', summary: ['Planning.'] }, { ...calls[0]!, signature: { origin: 'gemini', value: 'c2ln' } }],
    finishReason: { unified: 'tool-calls', raw: 'STOP' },
  }),
  'custom tool call (apply_patch)': hubResponse({ output: [{ type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: '*** Begin Patch\n*** End Patch', custom: true }], finishReason: { unified: 'tool-calls' } }),
  'cut by the output limit': hubResponse({ output: [{ type: 'text', text: 'Hello from the' }], finishReason: { unified: 'length', raw: 'max_tokens' }, usage: { input: 12, output: 3 } }),
  'content filter': hubResponse({ output: [{ type: 'text', text: 'I cannot' }], finishReason: { unified: 'content-filter', raw: 'SAFETY' } }),
  'upstream error finish': hubResponse({ output: [{ type: 'text', text: 'Partial' }], finishReason: { unified: 'error', raw: 'MALFORMED_RESPONSE' } }),
  'two text blocks share one message': hubResponse({ output: [{ type: 'text', text: 'First part. ' }, { type: 'text', text: 'Second part.' }] }),
  'empty text adds nothing': hubResponse({ output: [{ type: 'text', text: '' }, calls[0]!], finishReason: { unified: 'tool-calls' } }),
};

const finalOf = (events: readonly ResponsesEvent[]) => events.at(-1)?.response as Record<string, unknown>;
freezeClock();

describe('every answer: spec-valid frames, and the final response equals encodeResponse', () => {
  it.each(Object.keys(ANSWERS))('%s', (name) => {
    const answer = ANSWERS[name]!;
    const events = expectResponsesFrames(encode(eventsOf(answer)));
    const whole = encodeResponse(answer, REQUEST, warnings());
    expect(finalOf(events)).toEqual(whole);
    // Each output_item.done carries exactly the item of the final output (Codex reads calls from there).
    expect(events.filter((e) => e.type === 'response.output_item.done').map((e) => e.item)).toEqual(whole.output);
    expect(events.at(-1)?.type).toBe({ completed: 'response.completed', incomplete: 'response.incomplete', failed: 'response.failed' }[String(whole.status)]);
  });
});

describe('event order and content', () => {
  it('text: the exact lifecycle', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS.text!)));
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const created = events[0]?.response as Record<string, unknown>;
    expect(created).toMatchObject({ id: 'resp_msg_01XYZ', object: 'response', status: 'in_progress', output: [], usage: null, model: 'test-model' });
    expect(events[2]?.item).toEqual({ type: 'message', id: 'msg_msg01XYZ_0', status: 'in_progress', role: 'assistant', content: [] });
    expect(events[3]).toMatchObject({ item_id: 'msg_msg01XYZ_0', output_index: 0, content_index: 0, part: { type: 'output_text', text: '' } });
    expect(finalOf(events).usage).toEqual({ input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 18 });
  });

  it('function calls: added with empty arguments, argument deltas, .done with name and arguments, the full item on output_item.done', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['text then parallel tool calls']!)));
    const forCall = events.filter((e) => e.output_index === 2);
    expect(forCall.map((e) => e.type)).toEqual([
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
    ]);
    expect(forCall[0]?.item).toEqual({ type: 'function_call', id: 'fc_upstream1', call_id: 'call_b', name: 'get_weather', arguments: '', status: 'in_progress' });
    expect(forCall[3]).toMatchObject({ item_id: 'fc_upstream1', name: 'get_weather', arguments: '{"city":"Tokyo"}' });
    expect(forCall[4]?.item).toEqual({ type: 'function_call', id: 'fc_upstream1', call_id: 'call_b', name: 'get_weather', arguments: '{"city":"Tokyo"}', status: 'completed' });
    // The message is finished before the first call is added.
    const types = events.map((e) => e.type);
    expect(types.indexOf('response.output_item.done')).toBeLessThan(types.lastIndexOf('response.output_item.added'));
  });

  it('own reasoning: summary part, reasoning_text content part, encrypted_content on output_item.done only', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['own reasoning (summary, raw text, encrypted) then a call']!)));
    const reasoning = events.filter((e) => e.output_index === 0);
    expect(reasoning.map((e) => e.type)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.content_part.added',
      'response.reasoning_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.reasoning_text.done',
      'response.content_part.done',
      'response.output_item.done',
    ]);
    expect(reasoning[0]?.item).toEqual({ type: 'reasoning', id: 'rs_1', summary: [] });
    expect(reasoning[2]).toMatchObject({ item_id: 'rs_1', summary_index: 0, delta: 'Thinking about it.' });
    expect(reasoning.at(-1)?.item).toEqual({ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thinking about it.' }], content: [{ type: 'reasoning_text', text: 'raw thoughts' }], encrypted_content: 'gAAAA-enc' });
  });

  it('foreign reasoning: its text as one summary part, no signature or encrypted content', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['Claude thinking (signed) then text']!)));
    expect(events.find((e) => e.type === 'response.reasoning_summary_text.delta')).toMatchObject({ summary_index: 0, delta: 'Let me think.' });
    expect(events.find((e) => e.type === 'response.output_item.done')?.item).toEqual({ type: 'reasoning', id: 'rs_msg01XYZ_0', summary: [{ type: 'summary_text', text: 'Let me think.' }] });
    expect(events.some((e) => e.type === 'response.reasoning_text.delta')).toBe(false);
  });

  it('custom tool: custom_tool_call_input deltas and .done, a ctc_ item', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['custom tool call (apply_patch)']!)));
    expect(events.slice(2, -1).map((e) => e.type)).toEqual([
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
    ]);
    expect(events.at(-2)?.item).toEqual({ type: 'custom_tool_call', id: 'ctc_msg01XYZ_0', call_id: 'call_p', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch', status: 'completed' });
  });

  it('output limit: response.incomplete with incomplete_details, the message marked incomplete', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['cut by the output limit']!)));
    expect(events.at(-1)?.type).toBe('response.incomplete');
    expect(finalOf(events)).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(events.at(-2)?.item).toMatchObject({ type: 'message', status: 'incomplete' });
  });

  it('two text blocks: one message, content parts 0 and 1', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['two text blocks share one message']!)));
    expect(events.filter((e) => e.type === 'response.content_part.added').map((e) => [e.output_index, e.content_index])).toEqual([[0, 0], [0, 1]]);
    expect(events.filter((e) => e.type === 'response.output_item.added')).toHaveLength(1);
  });

  it('keep-alive is an SSE comment', () => {
    expect(formatSse(openaiResponsesStreamCodec.keepAlive)).toBe(': keep-alive\n\n');
  });
});

describe('errors', () => {
  const partial: HubEvent[] = [
    { type: 'response-start', id: 'resp_x', model: 'test-model', created: 1 },
    { type: 'text-start', block: 't' },
    { type: 'text-delta', block: 't', delta: 'Hello' },
  ];

  it('after output: error (flat, as the spec has it) then response.failed with the partial item; nothing after', () => {
    const events = expectResponsesFrames(encode([...partial, { type: 'error', status: 500, message: 'boom' }, { type: 'text-delta', block: 't', delta: 'late' }]));
    expect(events.slice(-2).map((e) => e.type)).toEqual(['error', 'response.failed']);
    expect(events.at(-2)).toEqual({ type: 'error', sequence_number: events.length - 2, code: 'server_error', message: 'boom', param: null });
    expect(finalOf(events)).toMatchObject({ id: 'resp_x', status: 'failed', error: { code: 'server_error', message: 'boom' }, output: [{ type: 'message', status: 'in_progress', content: [{ text: 'Hello' }] }] });
  });

  it.each([
    [429, undefined, 'rate_limit_exceeded'],
    [529, 'overloaded_error', 'server_is_overloaded'],
    [503, 'UNAVAILABLE', 'server_is_overloaded'],
    [429, 'insufficient_quota', 'insufficient_quota'],
    [400, 'context_length_exceeded', 'context_length_exceeded'],
    [400, undefined, 'invalid_request_error'],
    [502, undefined, 'server_error'],
  ])('status %i code %s → code %s (what Codex acts on)', (status, code, expected) => {
    const events = expectResponsesFrames(encode([partial[0]!, { type: 'error', status, message: 'm', ...(code ? { code } : {}) }]));
    expect(events.at(-2)).toMatchObject({ type: 'error', code: expected });
    expect(finalOf(events).error).toEqual({ code: expected, message: 'm' });
  });

  it('an error inside a tool call reports the call so far as in progress', () => {
    const events = expectResponsesFrames(encode([
      partial[0]!,
      { type: 'tool-call-start', block: 'c', id: 'call_1', name: 'f' },
      { type: 'tool-call-delta', block: 'c', delta: '{"a"' },
      { type: 'error', status: 502, message: 'upstream stream ended early' },
    ]));
    expect(finalOf(events).output).toEqual([{ type: 'function_call', id: 'fc_x_0', call_id: 'call_1', name: 'f', arguments: '{"a"', status: 'in_progress' }]);
  });
});

/** `parsed` / `parsed_arguments` are the SDK's own additions (structured-output parsing), not wire fields. */
const withoutSdkParsing = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'parsed' || key === 'parsed_arguments' ? undefined : v)));

/** SSE bytes served to the official SDK through a stubbed fetch. */
function sdkClient(body: string): OpenAI {
  return new OpenAI({ apiKey: 'test', baseURL: 'http://gateway.test/v1', maxRetries: 0, fetch: () => Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } })) });
}

describe('openai-node responses.stream() consumes the stream', () => {
  it.each(Object.keys(ANSWERS))('%s: its final response equals the non-stream body', async (name) => {
    const answer = ANSWERS[name]!;
    const final = await sdkClient(sseText(encode(eventsOf(answer)))).responses.stream({ model: 'test-model', input: 'hi' }).finalResponse();
    const whole = encodeResponse(answer, REQUEST, warnings());
    expect(final.id).toBe(whole.id);
    expect(final.status).toBe(whole.status);
    expect(withoutSdkParsing(final.output)).toEqual(whole.output);
    expect(final.usage).toEqual(whole.usage);
    expect(final.output_text).toBe(answer.output.map((o) => (o.type === 'text' ? o.text : '')).join(''));
  });

  it('an error after output rejects (not a clean finish)', async () => {
    const frames = encode([
      { type: 'response-start', id: 'resp_x', model: 'test-model', created: 1 },
      { type: 'text-start', block: 't' },
      { type: 'text-delta', block: 't', delta: 'Hello' },
      { type: 'error', status: 503, message: 'overloaded' },
    ]);
    await expect(sdkClient(sseText(frames)).responses.stream({ model: 'test-model', input: 'hi' }).finalResponse()).rejects.toThrow(/overloaded/);
  });
});

/**
 * What codex-rs/codex-api/src/sse/responses.rs does with a stream:
 * items from output_item.done, text from output_text.delta, summaries need summary_index,
 * response.completed must carry id and usage with input/output/total tokens; response.failed
 * is an error carrying its code.
 */
function codexReplica(events: readonly ResponsesEvent[]) {
  const items: unknown[] = [];
  let text = '';
  for (const event of events) {
    switch (event.type) {
      case 'response.output_item.done':
        items.push(event.item);
        break;
      case 'response.output_text.delta':
        text += String(event.delta);
        break;
      case 'response.reasoning_summary_text.delta':
        if (typeof event.summary_index !== 'number') throw new Error('summary_index missing');
        break;
      case 'response.failed': {
        const error = (event.response as { error?: { code?: string } }).error;
        throw new Error(`failed: ${error?.code}`);
      }
      case 'response.completed': {
        const response = event.response as { id?: string; usage?: Record<string, unknown> };
        if (!response.id) throw new Error('completed without id');
        for (const field of ['input_tokens', 'output_tokens', 'total_tokens']) if (typeof response.usage?.[field] !== 'number') throw new Error(`usage.${field} missing`);
        return { id: response.id, items, text };
      }
    }
  }
  throw new Error('stream closed before response.completed');
}

describe('a Codex parser replica consumes the stream', () => {
  it('takes the calls from output_item.done', () => {
    const events = expectResponsesFrames(encode(eventsOf(ANSWERS['text then parallel tool calls']!)));
    const result = codexReplica(events);
    expect(result.text).toBe('Checking two cities.');
    expect(result.items.filter((i) => (i as { type: string }).type === 'function_call')).toEqual([
      { type: 'function_call', id: 'fc_msg01XYZ_1', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
      { type: 'function_call', id: 'fc_upstream1', call_id: 'call_b', name: 'get_weather', arguments: '{"city":"Tokyo"}', status: 'completed' },
    ]);
  });

  it('gets the retryable code on an overload', () => {
    const events = expectResponsesFrames(encode([{ type: 'response-start', id: 'r', model: 'm', created: 1 }, { type: 'error', status: 529, message: 'Overloaded', code: 'overloaded_error' }]));
    expect(() => codexReplica(events)).toThrow('failed: server_is_overloaded');
  });
});
