// Streamed tool-call shapes seen from Chat-compatible servers and the three reasoning
// dialects: every shape reassembles into the exact argument text, N calls → N
// sequential blocks, reasoning → reasoning blocks of origin openai-chat-completions.
import { describe, expect, it } from 'vitest';
import { accumulate } from '../../helpers/hub-stream.ts';
import { callsOf, chunk, expectHubRules, reduce, sse, textOf, usageChunk } from './stream-helpers.ts';

const call = (index: number | undefined, fields: Record<string, unknown>) => ({ ...(index === undefined ? {} : { index }), ...fields });
const tools = (...calls: Record<string, unknown>[]) => chunk({ tool_calls: calls });
const end = [chunk({}, 'tool_calls'), usageChunk(10, 5), '[DONE]'] as const;

function calls(...chunks: Array<Record<string, unknown> | string>) {
  const events = reduce(sse(...chunks));
  expectHubRules(events);
  return { events, out: accumulate(events) };
}

describe('stream reducer: tool-call shapes', () => {
  it('empty first fragment (OpenAI): id, type, name and arguments "" first, then fragments with the index only', () => {
    const { out, events } = calls(
      chunk({ role: 'assistant', content: null, tool_calls: [call(0, { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } })] }),
      tools(call(0, { function: { arguments: '{"' } })),
      tools(call(0, { function: { arguments: 'city":"Paris"}' } })),
      ...end,
    );
    expect(out.output).toEqual([{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(out.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    // No empty delta for the empty first fragment.
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(2);
  });

  it('several complete calls in one chunk → one block each, in order', () => {
    const { out } = calls(
      tools(
        call(0, { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }),
        call(1, { id: 'call_b', type: 'function', function: { name: 'g', arguments: '{"b":2}' } }),
      ),
      ...end,
    );
    expect(out.output).toEqual([
      { type: 'tool-call', id: 'call_a', name: 'f', arguments: '{"a":1}' },
      { type: 'tool-call', id: 'call_b', name: 'g', arguments: '{"b":2}' },
    ]);
  });

  it('text and a tool call in one chunk: the text block ends before the call starts', () => {
    const { out, events } = calls(
      chunk({ content: 'Let me check.', tool_calls: [call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } })] }),
      ...end,
    );
    expect(events.map((e) => e.type).slice(1, 7)).toEqual(['text-start', 'text-delta', 'text-end', 'tool-call-start', 'tool-call-delta', 'tool-call-end']);
    expect(textOf(out.output)).toBe('Let me check.');
    expect(callsOf(out.output)).toEqual([{ name: 'f', arguments: '{}' }]);
  });

  it('the name bundled with the first argument fragment', () => {
    const { out } = calls(
      tools(call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"ci' } })),
      tools(call(0, { function: { arguments: 'ty":"Lima"}' } })),
      ...end,
    );
    expect(callsOf(out.output)).toEqual([{ name: 'f', arguments: '{"ci' + 'ty":"Lima"}' }]);
  });

  it('id, type and name repeated on every continuation chunk (GLM, some proxies): one call, no duplicate name', () => {
    const { out } = calls(
      tools(call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } })),
      tools(call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"x":' } })),
      tools(call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '1}' } })),
      tools(call(1, { id: 'call_2', type: 'function', function: { name: 'g', arguments: '{}' } })),
      tools(call(1, { id: 'call_2', type: 'function', function: { name: 'g', arguments: '' } })),
      ...end,
    );
    expect(out.output).toEqual([
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"x":1}' },
      { type: 'tool-call', id: 'call_2', name: 'g', arguments: '{}' },
    ]);
  });

  it('every call at index 0, told apart by its id', () => {
    const { out } = calls(
      tools(call(0, { id: 'call_a', function: { name: 'f', arguments: '{"a":1}' } })),
      tools(call(0, { id: 'call_b', function: { name: 'f', arguments: '{"b":2}' } })),
      ...end,
    );
    expect(out.output.map((o) => (o.type === 'tool-call' ? [o.id, o.arguments] : []))).toEqual([['call_a', '{"a":1}'], ['call_b', '{"b":2}']]);
  });

  it('no index and no id: continuations go to the open call; a missing id is made up', () => {
    const { out } = calls(
      tools(call(undefined, { function: { name: 'f', arguments: '{"a"' } })),
      tools(call(undefined, { function: { arguments: ':1}' } })),
      ...end,
    );
    expect(out.output).toEqual([{ type: 'tool-call', id: expect.stringMatching(/^call_/), name: 'f', arguments: '{"a":1}' }]);
  });

  it('arguments before the name: held until the name comes', () => {
    const { out } = calls(
      tools(call(0, { id: 'call_1', function: { arguments: '{"a"' } })),
      tools(call(0, { function: { name: 'f', arguments: ':1}' } })),
      ...end,
    );
    expect(out.output).toEqual([{ type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"a":1}' }]);
  });

  it('a finish_reason of stop with calls is tool-calls; tool_calls with none is stop (the non-stream invariant)', () => {
    expect(calls(tools(call(0, { id: 'c', function: { name: 'f', arguments: '{}' } })), chunk({}, 'stop'), '[DONE]').out.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
    expect(calls(chunk({ content: 'x' }), chunk({}, 'tool_calls'), '[DONE]').out.finishReason).toEqual({ unified: 'stop', raw: 'tool_calls' });
  });

  it('interleaved fragments of two calls cannot become sequential blocks: an error, never a call with lost arguments', () => {
    const events = reduce(sse(
      tools(call(0, { id: 'a', function: { name: 'f', arguments: '{"a"' } })),
      tools(call(1, { id: 'b', function: { name: 'g', arguments: '{"b"' } })),
      tools(call(0, { function: { arguments: ':1}' } })),
      ...end,
    ));
    expectHubRules(events);
    expect(events.at(-1)).toMatchObject({ type: 'error', status: 502 });
  });

  it('legacy delta.function_call streams as one call', () => {
    const { out } = calls(chunk({ function_call: { name: 'f', arguments: '' } }), chunk({ function_call: { arguments: '{"a":1}' } }), chunk({}, 'function_call'), '[DONE]');
    expect(out.output).toEqual([{ type: 'tool-call', id: expect.any(String), name: 'f', arguments: '{"a":1}' }]);
    expect(out.finishReason).toEqual({ unified: 'tool-calls', raw: 'function_call' });
  });

  it('a custom (free-form) tool call: input fragments, custom flag', () => {
    const { out } = calls(
      tools(call(0, { id: 'call_p', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin' } })),
      tools(call(0, { custom: { input: ' Patch' } })),
      ...end,
    );
    expect(out.output).toEqual([{ type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: '*** Begin Patch', custom: true }]);
  });
});

describe('stream reducer: refusal and content parts', () => {
  it('a streamed refusal reaches the hub as text (the hub has no refusal event)', () => {
    const { out } = calls(chunk({ role: 'assistant', content: null, refusal: '' }), chunk({ refusal: "I can't" }), chunk({}, 'stop'), '[DONE]');
    expect(textOf(out.output)).toBe("I can't");
  });

  it('content as an array of text parts (some Chat-compatible servers)', () => {
    const { out } = calls(chunk({ content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }), chunk({}, 'stop'), '[DONE]');
    expect(textOf(out.output)).toBe('ab');
  });
});

describe('stream reducer: reasoning dialects', () => {
  it.each(['reasoning_content', 'reasoning'])('delta.%s → one reasoning block (origin openai-chat-completions) before the text', (field) => {
    const { out, events } = calls(chunk({ [field]: 'Think' }), chunk({ [field]: 'ing.' }), chunk({ content: 'Answer' }), chunk({}, 'stop'), '[DONE]');
    expect(out.output).toEqual([{ type: 'reasoning', origin: 'openai-chat-completions', text: 'Thinking.' }, { type: 'text', text: 'Answer' }]);
    expect(events.filter((e) => e.type === 'reasoning-delta').every((e) => e.type === 'reasoning-delta' && e.kind === 'text')).toBe(true);
  });

  it('reasoning and reasoning_content both sent (some vLLM builds): the text once', () => {
    const { out } = calls(chunk({ reasoning: 'Hm', reasoning_content: 'Hm' }), chunk({}, 'stop'), '[DONE]');
    expect(out.output).toEqual([{ type: 'reasoning', origin: 'openai-chat-completions', text: 'Hm' }]);
  });

  it('OpenRouter reasoning_details beside `reasoning`: details win; a signature and encrypted data reach reasoning-end', () => {
    const { out, events } = calls(
      chunk({ reasoning: 'Let', reasoning_details: [{ type: 'reasoning.text', text: 'Let', format: 'anthropic-claude-v1', index: 0 }] }),
      chunk({ reasoning: ' me', reasoning_details: [{ type: 'reasoning.text', text: ' me', index: 0 }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.text', text: '', signature: 'sig==', index: 0 }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'enc==', index: 1 }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.summary', summary: 'Summary', index: 2 }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.unknown', index: 3 }] }),
      chunk({ content: 'Done' }),
      chunk({}, 'stop'),
      '[DONE]',
    );
    expect(out.output).toEqual([
      { type: 'reasoning', origin: 'openai-chat-completions', text: 'Let me', signature: 'sig==' },
      { type: 'reasoning', origin: 'openai-chat-completions', encrypted: 'enc==' },
      { type: 'reasoning', origin: 'openai-chat-completions', summary: ['Summary'] },
      { type: 'text', text: 'Done' },
    ]);
    expect(events.find((e) => e.type === 'reasoning-delta' && e.kind === 'summary')).toBeDefined();
  });
});
