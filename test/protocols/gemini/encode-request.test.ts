// Hub request → Gemini request body: tool-result merging, schema passthrough, tool choice,
// thinking, signatures, media; every body passes the generated validator; hub round trips.
import { describe, expect, it } from 'vitest';
import { validators, type Schemas } from '../../../generated/gemini/index.ts';
import type { HubItem, HubRequest } from '../../../src/hub/hub-request.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { geminiCodec } from '../../../src/protocols/gemini/codec.ts';
import { readFixtureJson } from './gemini-fixtures.ts';

type Body = Schemas['GenerateContentRequest'];

function request(items: HubItem[], extra: Partial<HubRequest> = {}): HubRequest {
  return { model: 'test-model', system: [], items, tools: [], stream: false, ...extra };
}
function encode(hub: HubRequest, warnings = new Warnings()): Body {
  const body = geminiCodec.encodeRequest(hub, warnings);
  if (!validators.GenerateContentRequest(body)) throw new Error('encodeRequest output fails the GenerateContentRequest validator');
  return body;
}
const say = (role: 'user' | 'assistant', text: string): HubItem => ({ type: 'message', role, content: [{ type: 'text', text }] });
const call = (id: string, name: string, args = '{}'): HubItem => ({ type: 'tool-call', id, name, arguments: args });
const result = (callId: string, text: string, isError?: boolean): HubItem => ({ type: 'tool-result', callId, content: [{ type: 'text', text }], ...(isError ? { isError } : {}) });
const weather = { type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

describe('tool calls and results', () => {
  it('three parallel results (split and reordered, OpenAI style) merge into ONE user content, in call order', () => {
    const body = encode(request([
      say('user', 'weather in 3 cities'),
      call('c1', 'get_weather', '{"city":"Paris"}'), call('c2', 'get_weather', '{"city":"Rome"}'), call('c3', 'get_time', '{}'),
      result('c3', '12:00'), result('c1', 'sunny'), result('c2', '{"temp":21}'),
    ]));
    expect(body.contents).toHaveLength(3);
    expect(body.contents[1]).toEqual({ role: 'model', parts: [
      { functionCall: { id: 'c1', name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { id: 'c2', name: 'get_weather', args: { city: 'Rome' } }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { id: 'c3', name: 'get_time', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
    ] });
    expect(body.contents[2]).toEqual({ role: 'user', parts: [
      { functionResponse: { id: 'c1', name: 'get_weather', response: { output: 'sunny' } } },
      { functionResponse: { id: 'c2', name: 'get_weather', response: { temp: 21 } } },
      { functionResponse: { id: 'c3', name: 'get_time', response: { output: '12:00' } } },
    ] });
  });

  it('error results go as {error}; a missing result gets a placeholder error; bad arguments become {}', () => {
    const warnings = new Warnings();
    const body = encode(request([say('user', 'go'), call('a', 'f', 'not json'), call('b', 'f'), result('a', 'exploded', true)]), warnings);
    expect(body.contents[1]?.parts[0]?.functionCall?.args).toEqual({});
    expect(body.contents[2]?.parts).toEqual([
      { functionResponse: { id: 'a', name: 'f', response: { error: 'exploded' } } },
      { functionResponse: { id: 'b', name: 'f', response: { error: 'No result was provided for this tool call.' } } },
    ]);
    expect(warnings.list.some((w) => w.startsWith('tool call a arguments'))).toBe(true);
  });

  it('images in a tool result ride in functionResponse.parts', () => {
    const body = encode(request([say('user', 'screenshot'), call('s', 'shot'), {
      type: 'tool-result', callId: 's', content: [{ type: 'text', text: 'here' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } }],
    }]));
    expect(body.contents[2]?.parts[0]?.functionResponse).toEqual({ id: 's', name: 'shot', response: { output: 'here' }, parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBO' } }] });
  });

  it('only Gemini signatures ride on calls; foreign ones and foreign reasoning are dropped with warnings', () => {
    const warnings = new Warnings();
    const body = encode(request([
      say('user', 'q'),
      { type: 'reasoning', origin: 'claude', text: 'hmm', signature: 'claude-sig' },
      { type: 'tool-call', id: 'g', name: 'f', arguments: '{}', signature: { origin: 'gemini', value: 'R0VN' } },
      { type: 'tool-call', id: 'o', name: 'f', arguments: '{}', signature: { origin: 'openai-responses', value: 'xx' } },
      result('g', '1'), result('o', '2'),
    ]), warnings);
    expect(body.contents[1]?.parts).toEqual([
      { functionCall: { id: 'g', name: 'f', args: {} }, thoughtSignature: 'R0VN' },
      // A call with no Gemini signature gets Google's documented placeholder (Gemini 3 requires one).
      { functionCall: { id: 'o', name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
    ]);
    expect(warnings.list.some((w) => w.startsWith('claude reasoning'))).toBe(true);
    expect(warnings.list.some((w) => w.startsWith('tool call o signature'))).toBe(true);
  });

  it('Gemini thoughts replay as thought parts; a bare signature rides on the next model text part', () => {
    const body = encode(request([
      say('user', 'q'),
      { type: 'reasoning', origin: 'gemini', text: 'thinking' },
      { type: 'reasoning', origin: 'gemini', signature: 'U0lH' },
      say('assistant', 'answer'),
      say('user', 'more'),
    ]));
    expect(body.contents[1]).toEqual({ role: 'model', parts: [{ text: 'thinking', thought: true }, { text: 'answer', thoughtSignature: 'U0lH' }] });
  });
});

describe('system, roles, media', () => {
  it('system + instructions → systemInstruction (mid-conversation move warned); same-role turns merge', () => {
    const warnings = new Warnings();
    const body = encode(request([
      { type: 'instruction', role: 'developer', content: [{ type: 'text', text: 'dev first' }] },
      say('user', 'a'), say('user', 'b'), say('assistant', 'c'),
      { type: 'instruction', role: 'system', content: [{ type: 'text', text: 'late' }] },
      say('user', 'd'),
    ], { system: [{ type: 'text', text: 'top' }] }), warnings);
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'top' }, { text: 'dev first' }, { text: 'late' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }] },
      { role: 'user', parts: [{ text: 'd' }] },
    ]);
    expect('model' in body).toBe(false);
    expect(warnings.list.filter((w) => w.includes('mid-conversation'))).toHaveLength(1);
  });

  it('media parts: base64, data URL, https URL (mime guessed, warned), Gemini file id, foreign file id (dropped)', () => {
    const warnings = new Warnings();
    const body = encode(request([{ type: 'message', role: 'user', content: [
      { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
      { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,iVBO' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.webp?x=1' } },
      { type: 'file', source: { kind: 'file-id', id: 'files/abc', mediaType: 'application/pdf' } },
      { type: 'file', source: { kind: 'file-id', id: 'file-openai123' } },
      { type: 'audio', data: 'UklG', format: 'wav' },
    ] }]), warnings);
    expect(body.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/' } },
      { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
      { fileData: { fileUri: 'https://example.com/cat.webp?x=1', mimeType: 'image/webp' } },
      { fileData: { fileUri: 'files/abc', mimeType: 'application/pdf' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklG' } },
    ]);
    expect(warnings.list.some((w) => w.startsWith('file id file-openai123'))).toBe(true);
    expect(warnings.list.some((w) => w.startsWith('image/file URL'))).toBe(true);
  });
});

describe('tools, tool choice, generation config', () => {
  it('a JSON Schema with $schema, additionalProperties and exclusiveMinimum goes out as parametersJsonSchema without $schema', () => {
    const parameters = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, properties: { n: { type: 'number', exclusiveMinimum: 0 } }, required: ['n'] };
    const body = encode(request([say('user', 'x')], { tools: [{ type: 'function', name: 'count', description: 'd', parameters }] }));
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'count', description: 'd', parametersJsonSchema: { type: 'object', additionalProperties: false, properties: { n: { type: 'number', exclusiveMinimum: 0 } }, required: ['n'] } }] }]);
    expect(body.tools?.[0]?.functionDeclarations?.[0]?.parameters).toBeUndefined();
  });

  const choices: Array<[HubRequest['toolChoice'], unknown]> = [
    [{ type: 'auto' }, { mode: 'AUTO' }],
    [{ type: 'none' }, { mode: 'NONE' }],
    [{ type: 'required' }, { mode: 'ANY' }],
    [{ type: 'tool', name: 'get_weather' }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
  ];
  it.each(choices)('toolChoice %j', (toolChoice, config) => {
    expect(encode(request([say('user', 'x')], { tools: [weather], toolChoice })).toolConfig).toEqual({ functionCallingConfig: config });
  });

  it('parallelToolCalls false and user are dropped with warnings', () => {
    const warnings = new Warnings();
    encode(request([say('user', 'x')], { tools: [weather], parallelToolCalls: false, user: 'u1' }), warnings);
    expect(warnings.list.map((w) => w.split(':')[0]).sort()).toEqual(['parallel_tool_calls', 'user']);
  });

  const reasoning: Array<[HubRequest['reasoning'], unknown]> = [
    [{ enabled: false, summary: 'auto' }, { thinkingBudget: 0 }],
    [{ enabled: true, budgetTokens: 4096, effort: 'high', summary: 'auto' }, { thinkingBudget: 4096, includeThoughts: true }],
    [{ effort: 'medium' }, { thinkingLevel: 'MEDIUM' }],
    [{ effort: 'xhigh', summary: 'none' }, { thinkingLevel: 'HIGH' }],
    [{ summary: 'auto' }, { includeThoughts: true }],
  ];
  it.each(reasoning)('reasoning %j → thinkingConfig (never budget and level together)', (hubReasoning, thinkingConfig) => {
    expect(encode(request([say('user', 'x')], { reasoning: hubReasoning })).generationConfig?.thinkingConfig).toEqual(thinkingConfig);
  });

  it('sampling and structured output', () => {
    const body = encode(request([say('user', 'x')], {
      maxOutputTokens: 100, temperature: 0.5, topP: 0.9, topK: 20, stop: ['X'], seed: 3, presencePenalty: 0.1, frequencyPenalty: 0.2, n: 2,
      responseFormat: { type: 'json_schema', name: 'response', schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' } },
    }));
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 100, temperature: 0.5, topP: 0.9, topK: 20, stopSequences: ['X'], seed: 3, presencePenalty: 0.1, frequencyPenalty: 0.2, candidateCount: 2,
      responseMimeType: 'application/json', responseJsonSchema: { type: 'object' },
    });
    expect(encode(request([say('user', 'x')], { responseFormat: { type: 'json_object' } })).generationConfig).toEqual({ responseMimeType: 'application/json' });
  });
});

describe('round trips: Gemini body → hub → Gemini body → hub', () => {
  const roundTrip = (body: Record<string, unknown>) => {
    const target = { pathModel: 'up.test-model' };
    const hub = geminiCodec.decodeRequest(body, target, new Warnings());
    const again = geminiCodec.decodeRequest(encode(hub), target, new Warnings());
    expect(again).toEqual(hub);
    return hub;
  };
  it.each(['client-gemini-cli', 'client-gemini-cli-tool-result', 'client-opencode', 'client-snake-case'])('%s', (name) => {
    roundTrip(readFixtureJson('gemini', `${name}.request.json`));
  });
  it.each(['tool-result-followup', 'thinking-followup', 'structured-output', 'tool-call', 'image-inline-input'])('upstream-shaped %s', (name) => {
    const hub = roundTrip(readFixtureJson('gemini', `${name}.request.json`));
    expect(hub.items.length).toBeGreaterThan(0);
  });
});
