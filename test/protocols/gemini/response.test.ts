// Gemini response ⇔ hub: fixtures through decodeResponse, the finish-reason tables, usage
// semantics, encodeResponse against the generated validator, and round trips.
import { describe, expect, it } from 'vitest';
import { validators, type Schemas } from '../../../generated/gemini/index.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubOutput, HubResponse, UnifiedFinishReason } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { geminiCodec } from '../../../src/protocols/gemini/codec.ts';
import { FROM_GEMINI, TO_GEMINI, mapGeminiFinishReason, toGeminiFinishReason, type GeminiFinishReason } from '../../../src/protocols/gemini/map-finish-reason.ts';
import { readFixtureJson } from './gemini-fixtures.ts';

const decode = (body: unknown, warnings = new Warnings()) => geminiCodec.decodeResponse(body, warnings);
const REQUEST: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: false };
function encode(response: HubResponse, warnings = new Warnings()): Schemas['GenerateContentResponse'] {
  const body = geminiCodec.encodeResponse(response, REQUEST, warnings);
  if (!validators.GenerateContentResponse(body)) throw new Error('encodeResponse output fails the GenerateContentResponse validator');
  return body;
}
const calls = (output: HubOutput[]) => output.filter((o) => o.type === 'tool-call');

describe('decodeResponse: our fixtures', () => {
  it('text', () => {
    const hub = decode(readFixtureJson('gemini', 'text.response.json'));
    expect(hub).toMatchObject({ id: 'nieaiuj91CC720AfZzE7vV8', model: 'test-model', output: [{ type: 'text', text: 'Hello from the upstream.' }], finishReason: { unified: 'stop', raw: 'STOP' } });
    expect(hub.usage).toMatchObject({ input: 12, output: 6 });
    expect(hub.usage.cacheRead).toBeUndefined();
  });

  it('tool call: generated id, parsed args, signature, STOP → tool-calls, thoughts counted in output', () => {
    const hub = decode(readFixtureJson('gemini', 'tool-call.response.json'));
    const [call] = calls(hub.output);
    expect(call).toMatchObject({ name: 'get_weather', signature: { origin: 'gemini', value: expect.stringMatching(/^EpwCCpkCAf63P\+9H/) } });
    expect(call?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: 'Paris' });
    expect(hub.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(hub.usage).toMatchObject({ input: 64, output: 63, reasoning: 48 });
  });
});

describe('decodeResponse: ids, signatures, thoughts, cache, safety, media', () => {
  it('parallel calls without ids get distinct ids; avgLogprobs is dropped with a warning', () => {
    const warnings = new Warnings();
    const hub = decode(readFixtureJson('gemini', 'tool-calls-two-tools.response.json'), warnings);
    const found = calls(hub.output);
    expect(found.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([['get_weather', { city: 'Lima' }], ['get_local_time', { city: 'Lima', format: '24h' }]]);
    expect(new Set(found.map((c) => c.id)).size).toBe(2);
    expect(hub.finishReason.unified).toBe('tool-calls');
    expect(warnings.list.some((w) => w.startsWith('candidates[0].avgLogprobs'))).toBe(true);
  });

  it('gemini-3 tool calls: only the first carries a signature', () => {
    const found = calls(decode(readFixtureJson('gemini', 'tool-calls-signed-first.response.json')).output);
    expect(found.map((c) => c.signature !== undefined)).toEqual([true, false, false]);
  });

  it('thinking: thought text, then the signature, then the answer; usage 12 in, 10 + 30 out', () => {
    const hub = decode(readFixtureJson('gemini', 'reasoning.response.json'));
    expect(hub.output.map((o) => o.type)).toEqual(['reasoning', 'reasoning', 'text']);
    expect(hub.output[0]).toMatchObject({ origin: 'gemini', text: 'The user wants a greeting. I will say hello.' });
    expect(hub.output[1]).toEqual({ type: 'reasoning', origin: 'gemini', signature: expect.stringMatching(/^ElkKVwGWmZzT/) });
    expect(hub.usage).toMatchObject({ input: 12, output: 40, reasoning: 30 });
  });

  it('cached content: input includes the cache read', () => {
    expect(decode(readFixtureJson('gemini', 'usage-cache.response.json')).usage).toMatchObject({ input: 100, cacheRead: 75, output: 5 });
  });

  it('safety block: no output, content-filter', () => {
    const hub = decode(readFixtureJson('gemini', 'safety-blocked.response.json'));
    expect(hub.output).toEqual([]);
    expect(hub.finishReason).toEqual({ unified: 'content-filter', raw: 'SAFETY' });
  });

  it('structured output and inline image answers are plain text', () => {
    expect(decode(readFixtureJson('gemini', 'structured-output.response.json')).output).toEqual([{ type: 'text', text: '{"city":"Paris","temperature_c":18}' }]);
    expect(decode(readFixtureJson('gemini', 'image-inline-input.response.json')).usage).toMatchObject({ input: 276, output: 4 });
  });
});

describe('decodeResponse: edge cases', () => {
  it('a blocked prompt has no candidates: content-filter with the block reason', () => {
    const hub = decode({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9 } });
    expect(hub.output).toEqual([]);
    expect(hub.finishReason).toEqual({ unified: 'content-filter', raw: 'blockReason:PROHIBITED_CONTENT' });
    expect(hub.id).toMatch(/^gemini-/);
  });

  it('consecutive text parts concatenate; an empty signed trailing part keeps its signature; extra candidates warn', () => {
    const warnings = new Warnings();
    const hub = decode({ candidates: [{ content: { parts: [{ text: 'a' }, { text: 'b' }, { text: '', thoughtSignature: 'U0k=' }] }, finishReason: 'STOP' }, { content: { parts: [{ text: 'other' }] } }] }, warnings);
    expect(hub.output).toEqual([{ type: 'text', text: 'ab' }, { type: 'reasoning', origin: 'gemini', signature: 'U0k=' }]);
    expect(warnings.list.some((w) => w.startsWith('candidates[1..]'))).toBe(true);
  });

  it('garbage does not crash', () => {
    expect(decode('nope')).toMatchObject({ output: [], finishReason: { unified: 'other' }, usage: { input: 0, output: 0 } });
  });
});

describe('finish reasons', () => {
  const rows = Object.entries(FROM_GEMINI) as Array<[GeminiFinishReason, UnifiedFinishReason]>;
  it.each(rows)('%s → %s (no calls)', (raw, unified) => {
    expect(mapGeminiFinishReason(raw, 0)).toEqual({ unified, raw });
  });
  it('STOP with a call → tool-calls; MAX_TOKENS with a call stays length; unknown → other', () => {
    expect(mapGeminiFinishReason('STOP', 2)).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(mapGeminiFinishReason('MAX_TOKENS', 1)).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
    expect(mapGeminiFinishReason('SOMETHING_NEW', 0)).toEqual({ unified: 'other', raw: 'SOMETHING_NEW' });
    expect(mapGeminiFinishReason(undefined, 0)).toEqual({ unified: 'other' });
  });
  const back = Object.entries(TO_GEMINI) as Array<[UnifiedFinishReason, GeminiFinishReason]>;
  it.each(back)('%s → %s', (unified, gemini) => {
    expect(toGeminiFinishReason({ unified })).toBe(gemini);
    expect(toGeminiFinishReason({ unified, raw: 'end_turn' })).toBe(gemini);
  });
  it('a Gemini raw value that still means the same is kept', () => {
    expect(toGeminiFinishReason({ unified: 'content-filter', raw: 'RECITATION' })).toBe('RECITATION');
    expect(toGeminiFinishReason({ unified: 'tool-calls', raw: 'STOP' })).toBe('STOP');
    expect(toGeminiFinishReason({ unified: 'stop', raw: 'SAFETY' })).toBe('STOP');
  });
});

describe('encodeResponse', () => {
  const base: HubResponse = { id: 'r1', model: 'm', output: [], finishReason: { unified: 'stop' }, usage: { input: 100, output: 30, cacheRead: 75, reasoning: 10 }, created: 0 };

  it('usage: candidates exclude thoughts, total = input + output, cache read kept', () => {
    expect(encode({ ...base, output: [{ type: 'text', text: 'hi' }] }).usageMetadata).toEqual({ promptTokenCount: 100, candidatesTokenCount: 20, thoughtsTokenCount: 10, cachedContentTokenCount: 75, totalTokenCount: 130 });
  });

  it('an empty answer still has one part', () => {
    expect(encode(base).candidates?.[0]).toEqual({ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 });
  });

  it('reasoning, signatures and calls become Gemini parts', () => {
    const body = encode({ ...base, finishReason: { unified: 'tool-calls' }, output: [
      { type: 'reasoning', origin: 'gemini', text: 'plan' },
      { type: 'reasoning', origin: 'gemini', signature: 'U0lH' },
      { type: 'text', text: 'calling' },
      { type: 'reasoning', origin: 'claude', text: 'foreign thought', signature: 'x' },
      { type: 'tool-call', id: 'c1', name: 'f', arguments: '{"a":1}', signature: { origin: 'gemini', value: 'Q0FMTA==' } },
      { type: 'tool-call', id: 'c2', name: 'g', arguments: '{}' },
    ] });
    expect(body.candidates?.[0]?.content?.parts).toEqual([
      { text: 'plan', thought: true },
      { text: 'calling', thoughtSignature: 'U0lH' },
      { text: 'foreign thought', thought: true },
      { functionCall: { id: 'c1', name: 'f', args: { a: 1 } }, thoughtSignature: 'Q0FMTA==' },
      { functionCall: { id: 'c2', name: 'g', args: {} } },
    ]);
    expect(body.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('a blocked prompt keeps Gemini\'s promptFeedback shape', () => {
    const body = encode({ ...base, finishReason: { unified: 'content-filter', raw: 'blockReason:SAFETY' } });
    expect(body.candidates).toBeUndefined();
    expect(body.promptFeedback).toEqual({ blockReason: 'SAFETY' });
  });
});

describe('round trips', () => {
  it('hub → Gemini body → hub keeps text, call ids, finish reason and usage', () => {
    const hub: HubResponse = {
      id: 'resp_1', model: 'gpt-x', created: 1, finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      output: [{ type: 'text', text: 'Let me check.' }, { type: 'tool-call', id: 'call_abc', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      usage: { input: 64, output: 63, cacheRead: 10, reasoning: 48 },
    };
    const again = decode(encode(hub));
    expect(again.output).toEqual(hub.output);
    expect(again).toMatchObject({ id: 'resp_1', model: 'gpt-x', finishReason: { unified: 'tool-calls' }, usage: { input: 64, output: 63, cacheRead: 10, reasoning: 48 } });
  });

  it.each(['text', 'tool-call'])('Gemini %s body → hub → Gemini body keeps parts, finish reason and usage numbers', (name) => {
    const original = readFixtureJson<Schemas['GenerateContentResponse']>('gemini', `${name}.response.json`);
    const hub = decode(original);
    if (name === 'tool-call') {
      const [call] = calls(hub.output);
      if (call) call.id = 'fixed'; // Gemini sent none; the gateway's made-up id goes out
    }
    const body = encode(hub);
    const parts = original.candidates?.[0]?.content?.parts?.map((p) => (p.functionCall ? { ...p, functionCall: { id: 'fixed', ...p.functionCall } } : p));
    expect(body.candidates?.[0]?.content?.parts).toEqual(parts);
    expect(body.candidates?.[0]?.finishReason).toBe('STOP');
    const { promptTokensDetails: _details, ...usage } = original.usageMetadata ?? {};
    expect(body.usageMetadata).toEqual(usage);
    expect(body).toMatchObject({ modelVersion: original.modelVersion, responseId: original.responseId });
  });
});
