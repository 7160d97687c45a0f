// Gemini request → hub: client fixtures, proto-JSON leniency, schema dialects, tool config,
// thinking config and the fields dropped on purpose.
import { describe, expect, it } from 'vitest';
import type { HubRequest, HubToolCall, HubToolResult } from '../../../src/hub/hub-request.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { geminiCodec } from '../../../src/protocols/gemini/codec.ts';
import { readFixtureJson } from './gemini-fixtures.ts';

const target = { pathModel: 'up.test-model', pathStream: true };
function decode(body: Record<string, unknown>, warnings = new Warnings()): HubRequest {
  return geminiCodec.decodeRequest(body, target, warnings);
}
const user = (...parts: unknown[]) => ({ role: 'user', parts });

describe('client fixtures', () => {
  it('Gemini CLI first turn: system, user text, parametersJsonSchema tools, thinking', () => {
    const hub = decode(readFixtureJson('gemini', 'client-gemini-cli.request.json'));
    expect(hub.model).toBe('up.test-model');
    expect(hub.stream).toBe(true);
    expect(hub.system).toEqual([{ type: 'text', text: expect.stringMatching(/^You are a terminal coding agent/) }]);
    expect(hub.items).toHaveLength(1);
    expect(hub.items[0]).toMatchObject({ type: 'message', role: 'user' });
    expect(hub.items[0]?.type === 'message' && hub.items[0].content).toHaveLength(2);
    expect(hub.tools.map((t) => t.name)).toContain('write_file');
    expect(hub.tools.find((t) => t.name === 'read_file')?.parameters).toMatchObject({ type: 'object', required: ['file_path'], properties: { start_line: { minimum: 1 } } });
    expect(hub).toMatchObject({ temperature: 1, topP: 0.95, topK: 64, reasoning: { summary: 'auto' } });
  });

  it('Gemini CLI tool result: call id kept, sentinel signature not stored, {output} unwrapped', () => {
    const hub = decode(readFixtureJson('gemini', 'client-gemini-cli-tool-result.request.json'));
    const call = hub.items.find((i): i is HubToolCall => i.type === 'tool-call');
    const result = hub.items.find((i): i is HubToolResult => i.type === 'tool-result');
    expect(call).toEqual({ type: 'tool-call', id: 'write_file_1795392000123_0', name: 'write_file', arguments: JSON.stringify({ file_path: '/home/dev/demo/.gitignore', content: 'node_modules/\n' }) });
    expect(result).toEqual({ type: 'tool-result', callId: 'write_file_1795392000123_0', name: 'write_file', content: [{ type: 'text', text: 'Created /home/dev/demo/.gitignore with 1 line.' }] });
    expect(hub.items.map((i) => i.type)).toEqual(['message', 'tool-call', 'tool-result']);
    expect(hub.items.some((i) => i.type === 'reasoning')).toBe(false);
  });

  it('opencode: OpenAPI-subset parameters, AUTO tool choice, maxOutputTokens', () => {
    const hub = decode(readFixtureJson('gemini', 'client-opencode.request.json'));
    expect(hub.maxOutputTokens).toBe(32000);
    expect(hub.toolChoice).toEqual({ type: 'auto' });
    expect(hub.tools.find((t) => t.name === 'bash')?.parameters).toEqual({
      required: ['command'],
      type: 'object',
      properties: { command: { type: 'string', description: 'The command to run' }, timeout: { type: 'integer', description: 'Timeout in milliseconds (optional)' } },
    });
    expect(hub.system[0]?.text).toMatch(/^You are a coding assistant/);
  });

  it('an unmodelled top-level field is dropped with a warning, not an error', () => {
    const warnings = new Warnings();
    const hub = decode(readFixtureJson('gemini', 'client-sdk-unmodelled-field.request.json'), warnings);
    expect(hub.maxOutputTokens).toBe(256);
    expect(warnings.list.some((w) => w.startsWith('x_future_field:'))).toBe(true);
  });
});

describe('proto-JSON leniency', () => {
  it('the snake_case fixture decodes like its camelCase twin, base64url re-encoded to base64', () => {
    const snake = decode(readFixtureJson('gemini', 'client-snake-case.request.json'));
    const camel = decode({
      contents: [user({ text: 'What colour is this pixel?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mOQa3AAAAGeAN9N+w1rAAAAAElFTkSuQmCC' } })],
      systemInstruction: { parts: [{ text: 'Answer in one short sentence.' }] },
      generationConfig: { maxOutputTokens: 256, thinkingConfig: { includeThoughts: true } },
    });
    expect(snake).toEqual(camel);
    expect(snake.maxOutputTokens).toBe(256);
    expect(snake.reasoning).toEqual({ summary: 'auto' });
    const image = snake.items[0]?.type === 'message' ? snake.items[0].content[1] : undefined;
    expect(image).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: expect.stringContaining('N9N+w1r') } });
  });

  it('snake_case protocol keys are renamed but keys inside args, responses and schemas are not', () => {
    const hub = decode({
      contents: [
        { role: 'model', parts: [{ function_call: { name: 'f', args: { max_output_tokens: 1 } }, thought_signature: 'ab-_' }] },
        user({ function_response: { name: 'f', response: { top_k: 2 } } }),
      ],
      tools: [{ function_declarations: [{ name: 'f', parameters_json_schema: { type: 'object', properties: { max_output_tokens: { type: 'integer' } } } }] }],
      tool_config: { function_calling_config: { mode: 'ANY', allowed_function_names: ['f'] } },
      generation_config: { response_mime_type: 'application/json', response_json_schema: { type: 'object', properties: { stop_sequences: {} } }, thinking_config: { thinking_budget: 1024 } },
    });
    expect(hub.items[0]).toEqual({ type: 'tool-call', id: 'call_f_0_0', name: 'f', arguments: '{"max_output_tokens":1}', signature: { origin: 'gemini', value: 'ab+/' } });
    expect(hub.items[1]).toMatchObject({ type: 'tool-result', callId: 'call_f_0_0', content: [{ type: 'text', text: '{"top_k":2}' }] });
    expect(hub.tools[0]?.parameters).toEqual({ type: 'object', properties: { max_output_tokens: { type: 'integer' } } });
    expect(hub.toolChoice).toEqual({ type: 'tool', name: 'f' });
    expect(hub.responseFormat).toEqual({ type: 'json_schema', name: 'response', schema: { type: 'object', properties: { stop_sequences: {} } } });
    expect(hub.reasoning).toEqual({ enabled: true, budgetTokens: 1024 });
  });
});

describe('snake_case bodies are checked again once renamed', () => {
  it('a mistyped snake_case field is a 400 GatewayError, not a crash', () => {
    expect(() => decode({ contents: [user({ text: 'x' })], generation_config: { max_output_tokens: 'many' } })).toThrow(
      expect.objectContaining({ name: 'GatewayError', status: 400, message: expect.stringContaining('/generationConfig/maxOutputTokens') }),
    );
  });
  it('junk inside functionResponse.parts is ignored', () => {
    const hub = decode({ contents: [user({ functionResponse: { id: 'x', name: 'f', response: {}, parts: [{ inline_data: { data: 5 } }] } })] });
    expect(hub.items[0]).toMatchObject({ type: 'tool-result', content: [{ type: 'text', text: '{}' }] });
  });
});

describe('contents', () => {
  it('roles: model → assistant, missing/function → user, system → instruction', () => {
    const hub = decode({ contents: [{ parts: [{ text: 'a' }] }, { role: 'model', parts: [{ text: 'b' }] }, { role: 'function', parts: [{ text: 'c' }] }, { role: 'system', parts: [{ text: 'd' }] }] });
    expect(hub.items).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'text', text: 'a' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'b' }] },
      { type: 'message', role: 'user', content: [{ type: 'text', text: 'c' }] },
      { type: 'instruction', role: 'system', content: [{ type: 'text', text: 'd' }] },
    ]);
  });

  it('thoughts and signatures become gemini reasoning items in place', () => {
    const hub = decode({ contents: [user({ text: 'q' }), { role: 'model', parts: [{ text: 'thinking…', thought: true }, { text: 'answer', thoughtSignature: 'c2ln' }] }] });
    expect(hub.items.slice(1)).toEqual([
      { type: 'reasoning', origin: 'gemini', text: 'thinking…' },
      { type: 'reasoning', origin: 'gemini', signature: 'c2ln' },
      { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
    ]);
  });

  it('calls without ids get deterministic ids; results without ids answer the oldest call of that name', () => {
    const body = {
      contents: [
        user({ text: 'go' }),
        { role: 'model', parts: [{ functionCall: { name: 'a', args: { x: 1 } } }, { functionCall: { name: 'b' } }, { functionCall: { name: 'a', args: { x: 2 } } }] },
        user({ functionResponse: { name: 'a', response: { result: 'one' } } }, { functionResponse: { name: 'b', response: { error: 'boom' } } }, { functionResponse: { name: 'a', response: { n: 2 } } }),
      ],
    };
    const first = decode(body);
    expect(decode(body)).toEqual(first);
    const calls = first.items.filter((i): i is HubToolCall => i.type === 'tool-call');
    const results = first.items.filter((i): i is HubToolResult => i.type === 'tool-result');
    expect(calls.map((c) => [c.id, c.arguments])).toEqual([['call_a_1_0', '{"x":1}'], ['call_b_1_1', '{}'], ['call_a_1_2', '{"x":2}']]);
    expect(results.map((r) => [r.callId, r.content, r.isError])).toEqual([
      ['call_a_1_0', [{ type: 'text', text: 'one' }], undefined],
      ['call_b_1_1', [{ type: 'text', text: 'boom' }], true],
      ['call_a_1_2', [{ type: 'text', text: '{"n":2}' }], undefined],
    ]);
  });

  it('media: inline image/audio/pdf, Files API and https fileData; functionResponse parts; code parts dropped', () => {
    const warnings = new Warnings();
    const hub = decode({
      contents: [
        user(
          { inlineData: { mimeType: 'audio/mpeg', data: 'AAA' } },
          { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
          { fileData: { fileUri: 'files/abc123', mimeType: 'image/png' } },
          { fileData: { fileUri: 'https://example.com/doc.pdf', mimeType: 'application/pdf' } },
          { executableCode: { language: 'PYTHON', code: 'print(1)' } },
        ),
        { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'shot', args: {} } }] },
        user({ functionResponse: { id: 'c1', name: 'shot', response: { output: 'ok' }, parts: [{ inline_data: { mime_type: 'image/png', data: 'iVBO' } }] } }),
      ],
    }, warnings);
    expect(hub.items[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'audio', data: 'AAA=', format: 'mp3' },
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } },
        { type: 'image', source: { kind: 'file-id', id: 'files/abc123', mediaType: 'image/png' } },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/doc.pdf', mediaType: 'application/pdf' } },
      ],
    });
    expect(hub.items[2]).toEqual({ type: 'tool-result', callId: 'c1', name: 'shot', content: [{ type: 'text', text: 'ok' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } }] });
    expect(warnings.list.some((w) => w.startsWith('parts[].executableCode'))).toBe(true);
  });
});

describe('tools and tool config', () => {
  const decl = (name: string) => ({ name, parameters: { type: 'OBJECT', properties: { v: { type: 'STRING', nullable: true }, list: { type: 'ARRAY', items: { type: 'INTEGER' } } } } });
  it('OpenAPI-subset parameters become JSON Schema (lower-case types, nullable → null type)', () => {
    const hub = decode({ contents: [user({ text: 'x' })], tools: [{ functionDeclarations: [decl('f')] }] });
    expect(hub.tools[0]).toEqual({ type: 'function', name: 'f', parameters: { type: 'object', properties: { v: { type: ['string', 'null'] }, list: { type: 'array', items: { type: 'integer' } } } } });
  });

  it('built-in tools are dropped with a warning', () => {
    const warnings = new Warnings();
    const hub = decode({ contents: [user({ text: 'x' })], tools: [{ googleSearch: {} }, { codeExecution: {} }, { functionDeclarations: [decl('f')] }] }, warnings);
    expect(hub.tools.map((t) => t.name)).toEqual(['f']);
    expect(warnings.list.filter((w) => /tools\[\]\.(googleSearch|codeExecution)/.test(w))).toHaveLength(2);
  });

  const modes: Array<[string, Record<string, unknown>, unknown, boolean]> = [
    ['AUTO', { mode: 'AUTO' }, { type: 'auto' }, false],
    ['NONE', { mode: 'NONE' }, { type: 'none' }, false],
    ['ANY', { mode: 'ANY' }, { type: 'required' }, false],
    ['ANY + one name', { mode: 'ANY', allowedFunctionNames: ['g'] }, { type: 'tool', name: 'g' }, false],
    ['ANY + all names', { mode: 'ANY', allowedFunctionNames: ['f', 'g'] }, { type: 'required' }, false],
    ['ANY + a subset', { mode: 'ANY', allowedFunctionNames: ['f', 'g'] }, { type: 'required' }, true],
    ['VALIDATED', { mode: 'VALIDATED' }, { type: 'auto' }, true],
  ];
  it.each(modes)('functionCallingConfig %s', (name, config, choice, warned) => {
    const warnings = new Warnings();
    const names = name === 'ANY + a subset' ? ['f', 'g', 'h'] : ['f', 'g'];
    const hub = decode({ contents: [user({ text: 'x' })], tools: [{ functionDeclarations: names.map(decl) }], toolConfig: { functionCallingConfig: config } }, warnings);
    expect(hub.toolChoice).toEqual(choice);
    expect(warnings.list.length > 0).toBe(warned);
  });
});

describe('generationConfig', () => {
  it('sampling settings map one to one', () => {
    const hub = decode({ contents: [user({ text: 'x' })], generationConfig: { temperature: 0.2, topP: 0.9, topK: 40, maxOutputTokens: 99, stopSequences: ['END'], seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.3, candidateCount: 2 } });
    expect(hub).toMatchObject({ temperature: 0.2, topP: 0.9, topK: 40, maxOutputTokens: 99, stop: ['END'], seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.3, n: 2 });
  });

  const thinking: Array<[Record<string, unknown>, unknown]> = [
    [{ thinkingBudget: 0 }, { enabled: false }],
    [{ thinkingBudget: -1, includeThoughts: true }, { enabled: true, summary: 'auto' }],
    [{ thinkingBudget: 8192 }, { enabled: true, budgetTokens: 8192 }],
    [{ thinkingLevel: 'HIGH', includeThoughts: true }, { effort: 'high', summary: 'auto' }],
    [{ thinkingLevel: 'LOW' }, { effort: 'low' }],
  ];
  it.each(thinking)('thinkingConfig %j', (config, reasoning) => {
    expect(decode({ contents: [user({ text: 'x' })], generationConfig: { thinkingConfig: config } }).reasoning).toEqual(reasoning);
  });

  it('JSON output: with responseJsonSchema, with an OpenAPI responseSchema, and bare JSON mode', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const at = (config: Record<string, unknown>) => decode({ contents: [user({ text: 'x' })], generationConfig: config }).responseFormat;
    expect(at({ responseMimeType: 'application/json', responseJsonSchema: schema })).toEqual({ type: 'json_schema', name: 'response', schema });
    expect(at({ responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } } } })).toEqual({ type: 'json_schema', name: 'response', schema });
    expect(at({ responseMimeType: 'application/json' })).toEqual({ type: 'json_object' });
  });

  it('dropped settings warn; responseModalities ["TEXT"] (the default) does not', () => {
    const warnings = new Warnings();
    decode({ contents: [user({ text: 'x' })], generationConfig: { responseModalities: ['TEXT'], speechConfig: {}, responseLogprobs: true }, safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }], cachedContent: 'cachedContents/x' }, warnings);
    expect(warnings.list.map((w) => w.split(':')[0]).sort()).toEqual(['cachedContent', 'generationConfig.responseLogprobs', 'generationConfig.speechConfig', 'safetySettings']);
  });
});

describe('upstream-shaped requests (test/fixtures/gemini/*.request.json without client-)', () => {
  it('tool-result-followup: 3 parallel calls with ids and a base64url signature, 3 results', () => {
    const hub = decode(readFixtureJson('gemini', 'tool-result-followup.request.json'));
    const calls = hub.items.filter((i): i is HubToolCall => i.type === 'tool-call');
    expect(calls.map((c) => c.id)).toEqual(['call_0b6f2e9d41c84a7f9e3d5a1c7b2e8f40', 'call_5c3a8e1f92d74b06a8e4f2d9c1b7a635', 'call_9e7d1b4a06c34f28b5a2e8d3f1c6b904']);
    expect(calls[0]?.signature?.value).toMatch(/^ErcBCrQBqykaqbyXA7ch6mft3hQ2KbpaAM0\/FVZz/);
    expect(calls[0]?.signature?.value).not.toMatch(/[-_]/);
    expect(calls[1]?.signature).toBeUndefined();
    const results = hub.items.filter((i): i is HubToolResult => i.type === 'tool-result');
    expect(results.map((r) => r.callId)).toEqual(calls.map((c) => c.id));
    expect(results[1]?.content).toEqual([{ type: 'text', text: '{"return_value":"22°C, clear"}' }]);
    expect(hub.toolChoice).toEqual({ type: 'required' });
    expect(hub.system[0]?.text).toBe('Use the get_weather tool for every city you are asked about.');
  });

  it('tool-call request: snake_case parameters_json_schema keeps additionalProperties', () => {
    const hub = decode(readFixtureJson('gemini', 'tool-call.request.json'));
    expect(hub.tools[0]).toEqual({ type: 'function', name: 'get_server_time', description: '', parameters: { additionalProperties: false, properties: {}, type: 'object' } });
  });

  it('thinking + structured output + cached content + safety settings + inline image', () => {
    expect(decode(readFixtureJson('gemini', 'thinking.request.json')).reasoning).toEqual({ summary: 'auto' });
    expect(decode(readFixtureJson('gemini', 'structured-output.request.json')).responseFormat).toMatchObject({ type: 'json_schema', schema: { title: 'WeatherReport', required: ['city', 'temperature_c'] } });
    const cached = new Warnings();
    decode(readFixtureJson('gemini', 'usage-cached-content.request.json'), cached);
    expect(cached.list.some((w) => w.startsWith('cachedContent:'))).toBe(true);
    const safety = new Warnings();
    expect(decode(readFixtureJson('gemini', 'safety-settings.request.json'), safety).system[0]?.text).toBe('You write short, rude replies.');
    expect(safety.list.some((w) => w.startsWith('safetySettings:'))).toBe(true);
    const image = decode(readFixtureJson('gemini', 'image-inline-input.request.json')).items[0];
    const data = image?.type === 'message' && image.content[1]?.type === 'image' && image.content[1].source.kind === 'base64' ? image.content[1].source.data : '';
    expect(data.startsWith('/9j/4AAQ')).toBe(true);
    expect(data).not.toMatch(/[-_]/);
    expect(data.length % 4).toBe(0);
  });
});
