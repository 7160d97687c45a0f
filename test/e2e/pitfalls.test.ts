// Conversion failures users of peer gateways report (lost tool calls, broken ids, dropped
// reasoning, wrong finish reasons and the like), one test per failure,
// named after the behaviour: the upstream request is captured in-process and checked
// against that protocol's rules and generated validator.
import { describe, expect, it } from 'vitest';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { sendThrough } from '../helpers/send-through.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TOOL = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

const convert = (path: string, body: unknown, scenario: string | ((protocol: ProtocolId) => unknown) = 'text') => sendThrough(path, body, { scenario });

const chat = (model: string, messages: unknown[], extra: Record<string, unknown> = {}) =>
  convert('/v1/chat/completions', { model, messages, tools: [TOOL], ...extra }, 'text');

describe('PITFALL 8: a tool finish reason only when a tool call survived', () => {
  it('Claude says tool_use with no tool_use block → Chat finish_reason stop', async () => {
    const { json } = await convert('/v1/chat/completions', { model: 'claude.test-model', messages: [{ role: 'user', content: 'hi' }] }, () => ({
      id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'Done.' }], stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
    }));
    expect(json.choices[0].finish_reason).toBe('stop');
  });
  it('Gemini says STOP with a functionCall → Claude stop_reason tool_use', async () => {
    const { json } = await convert('/claude/v1/messages', { model: 'gemini.test-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, 'tool-call');
    expect(json.stop_reason).toBe('tool_use');
  });
});

describe('PITFALL 10: cache tokens are neither double counted nor lost', () => {
  it('Claude upstream (input 25 + cache read 75) → Chat prompt_tokens 100 with cached_tokens 75', async () => {
    const { json } = await convert('/v1/chat/completions', { model: 'claude.test-model', messages: [{ role: 'user', content: 'hi' }] }, 'usage-cache');
    expect(json.usage).toMatchObject({ prompt_tokens: 100, prompt_tokens_details: { cached_tokens: 75 } });
  });
  it('Chat upstream (prompt 100 incl. 75 cached) → Claude input_tokens 25 + cache_read_input_tokens 75', async () => {
    const { json } = await convert('/claude/v1/messages', { model: 'chat.test-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, 'usage-cache');
    expect(json.usage).toMatchObject({ input_tokens: 25, cache_read_input_tokens: 75 });
  });
});

describe('PITFALL 11: images in user turns and in tool results are kept or replaced with a warning, never silently dropped', () => {
  const claudeWithImageResult = (model: string) => ({
    model, max_tokens: 10,
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Read the screenshot' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a.png' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'screenshot:' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] }] },
    ],
  });
  it.each(['chat', 'responses', 'gemini'])('Claude tool_result image → %s upstream', async (provider) => {
    const { upstream, warnings } = await convert('/claude/v1/messages', claudeWithImageResult(`${provider}.test-model`));
    expect(JSON.stringify(upstream)).toContain(PNG);
    if (provider === 'chat') expect(warnings).toMatch(/image/i);
  });
});

describe('PITFALL 12: Gemini gets tool schemas it accepts', () => {
  it('JSON-Schema keywords Gemini rejects in `parameters` travel as parametersJsonSchema, without $schema', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false, properties: { n: { type: 'integer', exclusiveMinimum: 0 }, tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } } };
    const { upstream } = await convert('/claude/v1/messages', { model: 'gemini.test-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'count', input_schema: schema }] });
    const declaration = upstream.tools[0].functionDeclarations[0];
    expect(declaration.parameters).toBeUndefined();
    expect(declaration.parametersJsonSchema.$schema).toBeUndefined();
    expect(declaration.parametersJsonSchema.properties.n.exclusiveMinimum).toBe(0);
  });
});

const threeCalls = ['a', 'b', 'c'].map((id, i) => ({ id: `call_${id}`, type: 'function', function: { name: 'get_weather', arguments: JSON.stringify({ city: `City${i}` }) } }));

describe('PITFALL 13: parallel tool results reach Gemini as one turn, one functionResponse per call, in order', () => {
  it('three Chat tool messages → one Gemini user content with three functionResponse parts', async () => {
    const { upstream } = await chat('gemini.test-model', [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: null, tool_calls: threeCalls },
      ...threeCalls.map((c, i) => ({ role: 'tool', tool_call_id: c.id, content: `r${i}` })),
    ]);
    const turns = upstream.contents.filter((c: any) => c.parts.some((p: any) => p.functionResponse));
    expect(turns).toHaveLength(1);
    expect(turns[0].parts.map((p: any) => [p.functionResponse.id, p.functionResponse.name])).toEqual(threeCalls.map((c) => [c.id, 'get_weather']));
  });
});

describe('PITFALL 14: tool_choice reaches Gemini', () => {
  it.each([
    [{ type: 'function', function: { name: 'get_weather' } }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
    ['required', { mode: 'ANY' }],
    ['none', { mode: 'NONE' }],
    ['auto', { mode: 'AUTO' }],
  ])('%j → %j', async (choice, config) => {
    const { upstream } = await chat('gemini.test-model', [{ role: 'user', content: 'hi' }], { tool_choice: choice });
    expect(upstream.toolConfig.functionCallingConfig).toEqual(config);
  });
});

describe('PITFALL 15: tool-call ids meet the target charset, reversibly', () => {
  it('a Chat id `functions.Bash:0` becomes a valid, consistent Claude id', async () => {
    const call = { id: 'functions.Bash:0', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } };
    const { upstream } = await chat('claude.test-model', [
      { role: 'user', content: 'list' }, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: 'a.txt' },
    ]);
    const use = upstream.messages[1].content.find((b: any) => b.type === 'tool_use');
    const result = upstream.messages[2].content.find((b: any) => b.type === 'tool_result');
    expect(use.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(result.tool_use_id).toBe(use.id);
  });
  it('Gemini calls without ids get ids that the next turn maps back to the function name', async () => {
    const { json } = await convert('/v1/chat/completions', { model: 'gemini.test-model', messages: [{ role: 'user', content: 'hi' }], tools: [TOOL] }, 'tool-calls-parallel');
    const ids = json.choices[0].message.tool_calls.map((c: any) => c.id);
    expect(new Set(ids).size).toBe(3);
    const { upstream } = await chat('gemini.test-model', [
      { role: 'user', content: 'hi' }, json.choices[0].message, ...ids.map((id: string) => ({ role: 'tool', tool_call_id: id, content: 'ok' })),
    ]);
    expect(upstream.contents.at(-1).parts.map((p: any) => p.functionResponse.name)).toEqual(['get_weather', 'get_weather', 'get_weather']);
  });
});

describe('PITFALL 16: Claude never gets empty text blocks', () => {
  it('an assistant turn with content "" and tool calls has no empty text block', async () => {
    const { upstream } = await chat('claude.test-model', [
      { role: 'user', content: 'x' }, { role: 'assistant', content: '', tool_calls: [threeCalls[0]] }, { role: 'tool', tool_call_id: 'call_a', content: ' ' },
      { role: 'user', content: '' },
    ]);
    const blocks = upstream.messages.flatMap((m: any) => (Array.isArray(m.content) ? m.content : []));
    expect(blocks.filter((b: any) => b.type === 'text' && b.text.trim() === '')).toEqual([]);
  });
});

describe('PITFALL 17: orphaned or misordered tool results are put into a valid order', () => {
  it('results out of order and one missing → Claude gets every result right after its call, missing ones as errors', async () => {
    const { upstream, warnings } = await chat('claude.test-model', [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: threeCalls },
      { role: 'tool', tool_call_id: 'call_b', content: 'rb' },
      { role: 'tool', tool_call_id: 'call_a', content: 'ra' },
    ]);
    const results = upstream.messages[2].content.filter((b: any) => b.type === 'tool_result');
    expect(results.map((b: any) => b.tool_use_id)).toEqual(['call_a', 'call_b', 'call_c']);
    expect(results[2].is_error).toBe(true);
    expect(warnings).toContain('call_c');
  });
});

describe('PITFALL 26: Gemini CLI shapes convert', () => {
  it('systemInstruction with role "user" becomes the system prompt; parametersJsonSchema becomes the tool schema', async () => {
    const { upstream } = await convert('/gemini/v1beta/models/chat.test-model:generateContent', {
      systemInstruction: { role: 'user', parts: [{ text: 'You are Gemini CLI.' }] },
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      tools: [{ functionDeclarations: [{ name: 'read_file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } } } }] }],
    });
    expect(upstream.messages[0]).toEqual({ role: 'system', content: 'You are Gemini CLI.' });
    expect(upstream.tools[0].function).toMatchObject({ name: 'read_file', parameters: { properties: { path: { type: 'string' } } } });
  });
});

describe('PITFALL 28: structured output is carried to every target', () => {
  const format = { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object', properties: { c: { type: 'string' } } }, strict: true } };
  it.each([
    ['claude', (u: any) => u.output_config.format],
    ['gemini', (u: any) => ({ mime: u.generationConfig.responseMimeType, schema: u.generationConfig.responseJsonSchema })],
    ['responses', (u: any) => u.text.format],
  ])('Chat response_format json_schema → %s', async (provider, pick) => {
    const { upstream } = await chat(`${provider}.test-model`, [{ role: 'user', content: 'x' }], { response_format: format });
    expect(JSON.stringify(pick(upstream))).toContain('"c":{"type":"string"}');
  });
});

describe('n > 1 is refused clearly where the target returns one candidate', () => {
  it.each(['claude', 'responses'])('Chat n=2 → %s upstream: 400 naming n, nothing sent', async (provider) => {
    const { response, json, upstream } = await convert('/v1/chat/completions', { model: `${provider}.test-model`, n: 2, messages: [{ role: 'user', content: 'x' }] });
    expect(response.status).toBe(400);
    expect(json.error.message).toMatch(/\bn\b/);
    expect(upstream).toBeUndefined();
  });
  it('Chat n=2 → Gemini upstream: candidateCount 2', async () => {
    const { upstream } = await convert('/v1/chat/completions', { model: 'gemini.test-model', n: 2, messages: [{ role: 'user', content: 'x' }] });
    expect(upstream.generationConfig.candidateCount).toBe(2);
  });
});
