import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-responses/index.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { fixtureFiles } from '../../helpers/fixtures.ts';
import { codec, hubRequest, ours } from './fixtures.ts';

const decode = (body: unknown, warnings = new Warnings()) => codec.decodeResponse(body, warnings);

describe('decodeResponse: our fixtures', () => {
  it('text: one message → text output, completed → stop, usage 12 + 6', () => {
    const hub = decode(ours('text.response.json'));
    expect(hub).toMatchObject({
      id: 'resp_857972beb75e685e947ceafb20ee13aea54bc9c48755c70a60',
      model: 'test-model',
      created: 1795392000,
      output: [{ type: 'text', text: 'Hello from the upstream.' }],
      finishReason: { unified: 'stop', raw: 'completed' },
      usage: { input: 12, output: 6, cacheRead: 0, reasoning: 0 },
    });
  });

  it('tool-call: function_call → tool call with call id and fc_ item id; finish tool-calls', () => {
    const hub = decode(ours('tool-call.response.json'));
    expect(hub.output).toEqual([{ type: 'tool-call', id: 'call_QAlO57FtrPSoS5j6boVpm5LH', itemId: 'fc_399fa0bff5b6591283965e648cb64eee382e9f9732773c14b4', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    const call = hub.output[0];
    expect(call?.type === 'tool-call' && JSON.parse(call.arguments)).toEqual({ city: 'Paris' });
    expect(hub.finishReason).toEqual({ unified: 'tool-calls', raw: 'completed' });
    expect(hub.usage).toMatchObject({ input: 64, output: 15 });
  });
});

describe('decodeResponse: reasoning and cache usage', () => {
  it('reasoning-summary: reasoning output (origin, id, summary, encrypted) before the text; reasoning tokens', () => {
    const hub = decode(ours('reasoning-summary.response.json'));
    expect(hub.output.map((o) => o.type)).toEqual(['reasoning', 'text']);
    expect(hub.output[0]).toMatchObject({ type: 'reasoning', origin: 'openai-responses', itemId: 'rs_0e4b7a91c35d28f6017de3b5c1f8a4d29e7b0c6a3d5f81e4b2', summary: [expect.stringMatching(/^\*\*Testing small prime factors\*\*\n\n/)], encrypted: expect.stringMatching(/^gAAAAAB/) });
    expect(hub.usage).toMatchObject({ input: 31, output: 186, reasoning: 128 });
  });

  it('usage-cache: cached tokens are inside input (hub semantics), cache writes kept', () => {
    const hub = decode(ours('usage-cache.response.json'));
    expect(hub.usage).toMatchObject({ input: 100, cacheRead: 75, cacheWrite: 0, output: 5, reasoning: 0 });
    expect(hub.usage.raw).toMatchObject({ total_tokens: 105 });
  });
});

describe('decodeResponse: lenient and complete', () => {
  it('incomplete with max_output_tokens → length even with a tool call; refusal and custom calls', () => {
    const hub = decode({
      id: 'resp_1',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [
        { type: 'message', content: [{ type: 'refusal', refusal: 'I cannot.' }] },
        { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_1', name: 'apply_patch', input: 'raw' },
        { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'hmm' }] },
      ],
    });
    expect(hub.finishReason).toEqual({ unified: 'length', raw: 'incomplete:max_output_tokens' });
    expect(hub.output).toEqual([
      { type: 'refusal', text: 'I cannot.' },
      { type: 'tool-call', id: 'call_1', itemId: 'ctc_1', name: 'apply_patch', arguments: 'raw', custom: true },
      { type: 'reasoning', origin: 'openai-responses', summary: [], text: 'hmm' },
    ]);
  });

  it('garbage and built-in items do not crash; they warn', () => {
    const warnings = new Warnings();
    const hub = decode({ output: [{ type: 'web_search_call', id: 'ws_1' }, 'nonsense', { type: 'message', content: [{ type: 'output_text', text: 'x', annotations: [{ type: 'url_citation' }] }] }] }, warnings);
    expect(hub.output).toEqual([{ type: 'text', text: 'x' }]);
    expect(hub.usage).toEqual({ input: 0, output: 0 });
    expect(warnings.list.join('\n')).toMatch(/web_search_call[\s\S]*annotations[\s\S]*no usage/);
    expect(decode(null).output).toEqual([]);
  });
});

describe('decodeResponse: conversation fixtures', () => {
  it('tool-calls-parallel: text then three calls in order, ids exact', () => {
    const hub = decode(ours('tool-calls-parallel.response.json'));
    expect(hub.output[0]).toEqual({ type: 'text', text: 'Checking three cities.' });
    const calls = hub.output.filter((o) => o.type === 'tool-call');
    expect(calls.map((c) => JSON.parse(c.arguments))).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }, { city: 'Lima' }]);
    expect(calls.every((c) => c.id.startsWith('call_') && c.itemId?.startsWith('fc_'))).toBe(true);
    expect(new Set(calls.map((c) => c.id)).size).toBe(3);
    expect(hub.finishReason.unified).toBe('tool-calls');
    expect(hub.usage).toMatchObject({ input: 80, output: 40 });
  });

  it('max-tokens: incomplete → length; empty-summary reasoning kept; 13 of 16 output tokens are reasoning', () => {
    const hub = decode(ours('max-tokens.response.json'));
    expect(hub.finishReason).toEqual({ unified: 'length', raw: 'incomplete:max_output_tokens' });
    expect(hub.output).toEqual([
      { type: 'reasoning', origin: 'openai-responses', itemId: 'rs_15dcaf4305fb782d96622ac2a483b5d878c884fa05a132ac8f', summary: [] },
      { type: 'text', text: 'Hello from the' },
    ]);
    expect(hub.usage).toMatchObject({ input: 12, output: 16, reasoning: 13 });
  });

  it('usage-cache: 75 of 100 input tokens were cache reads (input includes them)', () => {
    expect(decode(ours('usage-cache.response.json')).usage).toMatchObject({ input: 100, cacheRead: 75, cacheWrite: 0, output: 5 });
  });

  it('structured-output and text-after-tool: the text', () => {
    const json = decode(ours('structured-output.response.json')).output[0];
    expect(json?.type === 'text' && JSON.parse(json.text)).toEqual({ city: 'Paris', temperature_c: 18 });
    expect(decode(ours('text-after-tool.response.json')).output).toEqual([{ type: 'text', text: 'It is 18°C in Paris.' }]);
  });

  const cases = fixtureFiles('openai-responses', /^(?!error-).*\.response\.json$/);
  for (const file of cases) {
    it(`${file}: decode → encode (valid Response) → decode keeps output, finish reason and usage`, () => {
      const hub = decode(ours(file));
      const body = codec.encodeResponse(hub, hubRequest(), new Warnings());
      expect(validators.Response(body)).toBe(true);
      const back = decode(body);
      expect(back.output).toEqual(hub.output);
      expect(back.finishReason.unified).toBe(hub.finishReason.unified);
      const { raw: _a, ...usage } = hub.usage;
      const { raw: _b, ...backUsage } = back.usage;
      expect(backUsage).toEqual(usage);
    });
  }
});
