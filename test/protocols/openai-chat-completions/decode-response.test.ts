// Upstream chat.completion bodies (our fixtures, dialects) → hub response.
import { describe, expect, it } from 'vitest';
import { readFixtureJson } from '../../helpers/fixtures.ts';
import { decodeResponse } from './helpers.ts';

const P = 'openai-chat-completions';

describe('decodeResponse: our fixtures', () => {
  it('text: text output, stop, usage 12 + 6; deployment metadata is not a warning', () => {
    const { hub, warnings } = decodeResponse(readFixtureJson(P, 'text.response.json'));
    expect(hub).toMatchObject({
      id: 'chatcmpl-LLjTwr6ZQLikIubkNcFk2VUaIsdmk',
      model: 'test-model',
      created: 1795392000,
      output: [{ type: 'text', text: 'Hello from the upstream.' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { input: 12, output: 6, cacheRead: 0, reasoning: 0 },
    });
    expect(hub.usage.raw).toMatchObject({ total_tokens: 18 });
    expect(warnings).toEqual([]);
  });

  it('tool-call: id, name and parsed arguments; tool_calls finish; usage 64 + 15', () => {
    const { hub } = decodeResponse(readFixtureJson(P, 'tool-call.response.json'));
    expect(hub.output).toEqual([{ type: 'tool-call', id: 'call_2Xty2Xa6BZNbrKIRaGSxoHYL', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(JSON.parse(hub.output[0]?.type === 'tool-call' ? hub.output[0].arguments : '')).toEqual({ city: 'Paris' });
    expect(hub.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(hub.usage).toMatchObject({ input: 64, output: 15 });
  });
});

describe('decodeResponse: usage, hidden reasoning and plain answers', () => {
  it('usage-cache: prompt_tokens already includes the cached tokens (input 100, cacheRead 75, cacheWrite 0)', () => {
    const { hub } = decodeResponse(readFixtureJson(P, 'usage-cache.response.json'));
    expect(hub.usage).toMatchObject({ input: 100, output: 5, cacheRead: 75, cacheWrite: 0, reasoning: 0 });
  });

  it('reasoning-hidden: reasoning is hidden by OpenAI; completion_tokens includes the reasoning tokens', () => {
    const { hub } = decodeResponse(readFixtureJson(P, 'reasoning-hidden.response.json'));
    expect(hub.output.map((o) => o.type)).toEqual(['text']);
    expect(hub.usage).toMatchObject({ input: 48, output: 1366, reasoning: 1280 });
  });

  it('tool-calls-parallel: every call id is the upstream one, in order', () => {
    const { hub } = decodeResponse(readFixtureJson(P, 'tool-calls-parallel.response.json'));
    const ids = (readFixtureJson<{ choices: { message: { tool_calls: { id: string }[] } }[] }>(P, 'tool-calls-parallel.response.json').choices[0]?.message.tool_calls ?? []).map((c) => c.id);
    expect(ids).toHaveLength(3);
    expect(hub.output.flatMap((o) => (o.type === 'tool-call' ? [o.id] : []))).toEqual(ids);
    expect(hub.finishReason.unified).toBe('tool-calls');
  });

  it.each(['image-url-input', 'audio-input', 'structured-output', 'text-stop-sequence', 'text-after-tool', 'text'])('%s: one text output and a stop', (name) => {
    const { hub, warnings } = decodeResponse(readFixtureJson(P, `${name}.response.json`));
    expect(hub.output).toEqual([{ type: 'text', text: expect.any(String) }]);
    expect(hub.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(warnings).toEqual([]);
  });
});

describe('decodeResponse: dialects and edge cases', () => {
  const answer = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', ...extra }] as Record<string, unknown>[],
  });

  it.each([
    ['reasoning_content', { reasoning_content: 'deep thought', content: 'answer' }],
    ['reasoning', { reasoning: 'deep thought', content: 'answer' }],
  ])('%s → a reasoning output first', (_name, message) => {
    expect(decodeResponse(answer(message)).hub.output).toEqual([
      { type: 'reasoning', origin: 'openai-chat-completions', text: 'deep thought' },
      { type: 'text', text: 'answer' },
    ]);
  });

  it('reasoning_details → reasoning outputs keeping signature and encrypted data', () => {
    const { hub } = decodeResponse(
      answer({
        content: 'answer',
        reasoning: 'step',
        reasoning_details: [
          { type: 'reasoning.text', text: 'step', signature: 'EqQB' },
          { type: 'reasoning.summary', summary: 'short' },
          { type: 'reasoning.encrypted', data: 'gAAAA' },
        ],
      }),
    );
    expect(hub.output).toEqual([
      { type: 'reasoning', origin: 'openai-chat-completions', text: 'step', signature: 'EqQB' },
      { type: 'reasoning', origin: 'openai-chat-completions', summary: ['short'] },
      { type: 'reasoning', origin: 'openai-chat-completions', encrypted: 'gAAAA' },
      { type: 'text', text: 'answer' },
    ]);
  });

  it('refusal and custom tool calls', () => {
    const { hub } = decodeResponse(
      answer({ content: null, refusal: 'I cannot help with that.', tool_calls: [{ id: 'call_c', type: 'custom', custom: { name: 'apply_patch', input: 'diff' } }] }),
    );
    expect(hub.output).toEqual([
      { type: 'refusal', text: 'I cannot help with that.' },
      { type: 'tool-call', id: 'call_c', name: 'apply_patch', arguments: 'diff', custom: true },
    ]);
  });

  it('the tool-call invariant: stop with calls → tool-calls; tool_calls with none → stop (raw kept)', () => {
    const withCall = answer({ content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] });
    expect(decodeResponse(withCall).hub.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
    const noCall = answer({ content: 'hi' }, { finish_reason: 'tool_calls' });
    expect(decodeResponse(noCall).hub.finishReason).toEqual({ unified: 'stop', raw: 'tool_calls' });
  });

  it('extra choices, annotations and logprobs are dropped with warnings', () => {
    const body = answer({ content: 'a', annotations: [{ type: 'url_citation', url_citation: {} }] }, { logprobs: { content: [] } });
    body.choices.push({ index: 1, message: { role: 'assistant', content: 'b' }, finish_reason: 'stop' });
    const { hub, warnings } = decodeResponse(body);
    expect(hub.output).toEqual([{ type: 'text', text: 'a' }]);
    expect(warnings.map((w) => w.split(':')[0]).sort()).toEqual(['annotations', 'choices[1..]', 'logprobs']);
  });

  it('is lenient: an empty or odd body never throws', () => {
    expect(decodeResponse({}).hub).toMatchObject({ id: '', output: [], finishReason: { unified: 'other' }, usage: { input: 0, output: 0 } });
    expect(decodeResponse('not json').hub.output).toEqual([]);
    expect(decodeResponse({ choices: [{ message: { content: [{ type: 'text', text: 'x' }], tool_calls: [{ function: { name: 'f' } }] }, finish_reason: 'eos' }] }).hub).toMatchObject({
      output: [{ type: 'text', text: 'x' }, { type: 'tool-call', name: 'f', arguments: '', id: expect.stringMatching(/^call_/) }],
      finishReason: { unified: 'tool-calls', raw: 'eos' },
    });
  });

  it('DeepSeek prompt_cache_hit_tokens stand in for cached_tokens', () => {
    const { hub } = decodeResponse({ ...answer({ content: 'a' }), usage: { prompt_tokens: 100, completion_tokens: 5, prompt_cache_hit_tokens: 75, prompt_cache_miss_tokens: 25 } });
    expect(hub.usage).toMatchObject({ input: 100, output: 5, cacheRead: 75 });
  });
});
