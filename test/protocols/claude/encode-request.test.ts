// Hub → Claude request bodies: validity against the generated validator, the Claude-specific
// rules (max_tokens, one system slot, tool-result order, thinking first, non-empty text,
// signed thinking only) and hub → Claude → hub round trips.
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.ts';
import type { HubItem, HubRequest } from '../../../src/hub/hub-request.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { claudeCodec } from '../../../src/protocols/claude/codec.ts';
import { validators } from '../../../generated/claude/index.ts';
import { fixtureFiles, readFixtureJson } from '../../helpers/fixtures.ts';

function hubRequest(items: HubItem[], extra: Partial<HubRequest> = {}): HubRequest {
  return { model: 'claude-x', system: [], items, tools: [], stream: false, maxOutputTokens: 1000, ...extra };
}

function encode(request: HubRequest) {
  const warnings = new Warnings();
  const body = claudeCodec.encodeRequest(request, warnings);
  expect(validators.MessagesRequest(body)).toBe(true);
  return { body: body as { messages: { role: string; content: Record<string, unknown>[] }[] } & Record<string, unknown>, warnings: warnings.list };
}

const user = (text: string): HubItem => ({ type: 'message', role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): HubItem => ({ type: 'message', role: 'assistant', content: [{ type: 'text', text }] });

describe('claude encodeRequest: round trips through the client fixtures', () => {
  it.each(fixtureFiles('claude', /^client-.*\.request\.json$/))('%s: decode → encode → decode keeps the conversation', (file) => {
    const first = claudeCodec.decodeRequest(readFixtureJson('claude', file), {}, new Warnings());
    const { body } = encode(first);
    const second = claudeCodec.decodeRequest(body, {}, new Warnings());
    // The mid-conversation system message moves to `system`; everything else keeps its order.
    expect(second.items).toEqual(first.items.filter((i) => i.type !== 'instruction'));
    expect(second.system).toEqual([...first.system, ...first.items.flatMap((i) => (i.type === 'instruction' ? i.content : []))]);
    expect(second.tools).toEqual(first.tools);
    expect(second.toolChoice).toEqual(first.toolChoice);
    expect(second.maxOutputTokens).toBe(first.maxOutputTokens);
    expect(second.user).toBe(first.user);
    expect(second.stream).toBe(first.stream);
  });

  it('Claude Code tool-result turn: thinking replayed byte-exact before tool_use; tool_result keeps cache_control', () => {
    const original = readFixtureJson<{ messages: { content: unknown }[] }>('claude', 'client-claude-code-tool-result.request.json');
    const { body, warnings } = encode(claudeCodec.decodeRequest(original, {}, new Warnings()));
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]?.content).toEqual(original.messages[2]?.content);
    expect(body.messages[2]?.content).toEqual([{
      type: 'tool_result', tool_use_id: 'toolu_01gPjV9VxxMNmjF1prLNMHj1', content: 'Wrote /home/dev/demo/.gitignore (1 line).', cache_control: { type: 'ephemeral' },
    }]);
    expect(warnings).toContainEqual(expect.stringMatching(/^items\[1\]: a mid-conversation system instruction/));
  });
});

describe('claude encodeRequest: rules of the Messages API', () => {
  it('max_tokens defaults to 4096 with a warning naming options.maxTokens', () => {
    const { body, warnings } = encode(hubRequest([user('hi')], { maxOutputTokens: undefined }));
    expect(body.max_tokens).toBe(4096);
    expect(warnings).toEqual([expect.stringContaining('options.maxTokens')]);
  });

  it('n > 1 is refused with a 400', () => {
    expect(() => claudeCodec.encodeRequest(hubRequest([user('hi')], { n: 2 }), new Warnings())).toThrow(GatewayError);
    try {
      claudeCodec.encodeRequest(hubRequest([user('hi')], { n: 2 }), new Warnings());
    } catch (error) {
      expect((error as GatewayError).status).toBe(400);
    }
  });

  it('system + leading and mid-conversation instructions → system blocks, cache_control kept', () => {
    const { body, warnings } = encode(hubRequest([
      { type: 'instruction', role: 'developer', content: [{ type: 'text', text: 'lead' }] },
      user('hi'),
      { type: 'instruction', role: 'system', content: [{ type: 'text', text: 'mid', cacheControl: { type: 'ephemeral' } }] },
      assistant('yo'),
    ], { system: [{ type: 'text', text: 'sys' }, { type: 'text', text: ' ' }] }));
    expect(body.system).toEqual([{ type: 'text', text: 'sys' }, { type: 'text', text: 'lead' }, { type: 'text', text: 'mid', cache_control: { type: 'ephemeral' } }]);
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(warnings).toEqual([expect.stringMatching(/^items\[2\]: a mid-conversation system instruction/)]);
  });

  it('split and missing tool results: each call answered first thing in the next user turn', () => {
    const { body, warnings } = encode(hubRequest([
      user('go'),
      { type: 'message', role: 'assistant', content: [{ type: 'text', text: '' }] },
      { type: 'tool-call', id: 'call_1', name: 'a', arguments: '{"x":1}' },
      { type: 'tool-call', id: 'functions.Bash:0', name: 'b', arguments: '' },
      { type: 'tool-call', id: 'call_3', name: 'c', arguments: 'not json' },
      user('meanwhile'),
      { type: 'tool-result', callId: 'functions.Bash:0', content: [{ type: 'text', text: 'B' }] },
      { type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: 'A' }, { type: 'text', text: 'A2' }] },
    ]));
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]?.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'a', input: { x: 1 } },
      { type: 'tool_use', id: 'toolu_b64_ZnVuY3Rpb25zLkJhc2g6MA', name: 'b', input: {} },
      { type: 'tool_use', id: 'call_3', name: 'c', input: {} },
    ]);
    expect(body.messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: 'A' }, { type: 'text', text: 'A2' }] },
      { type: 'tool_result', tool_use_id: 'toolu_b64_ZnVuY3Rpb25zLkJhc2g6MA', content: 'B' },
      { type: 'tool_result', tool_use_id: 'call_3', content: 'No result was provided for this tool call.', is_error: true },
      { type: 'text', text: 'meanwhile' },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^tool call call_3 had no result/),
      expect.stringMatching(/^items\[4\]\.arguments: arguments of c are not a JSON object/),
    ]);
  });

  it('tool-call ids round-trip exactly through a Claude request (functions.Bash:0 comes back unchanged)', () => {
    const items: HubItem[] = [
      user('go'),
      { type: 'tool-call', id: 'functions.Bash:0', name: 'Bash', arguments: '{"command":"ls"}' },
      { type: 'tool-call', id: 'toolu_01plain', name: 'Read', arguments: '{"path":"a"}' },
      { type: 'tool-result', callId: 'functions.Bash:0', content: [{ type: 'text', text: 'a.txt' }] },
      { type: 'tool-result', callId: 'toolu_01plain', content: [{ type: 'text', text: 'x' }], isError: false },
    ];
    const { body } = encode(hubRequest(items));
    expect(JSON.stringify(body)).not.toContain('functions.Bash:0');
    expect(claudeCodec.decodeRequest(body, {}, new Warnings()).items).toEqual(items);
  });

  it('interleaved thinking: a second signed thinking opens the turn after the tool result', () => {
    const items: HubItem[] = [
      user('q'),
      { type: 'reasoning', origin: 'claude', text: 't1', signature: 's1' },
      { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}' },
      { type: 'tool-result', callId: 'toolu_1', content: [{ type: 'text', text: 'r' }] },
      { type: 'reasoning', origin: 'claude', redacted: true, encrypted: 'enc' },
      assistant('done'),
      user('next'),
    ];
    const { body } = encode(hubRequest(items));
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 't1', signature: 's1' }, { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'r' }] },
      { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'enc' }, { type: 'text', text: 'done' }] },
      { role: 'user', content: [{ type: 'text', text: 'next' }] },
    ]);
    expect(claudeCodec.decodeRequest(body, {}, new Warnings()).items).toEqual(items);
  });

  it('sequential tool calls stay sequential turns', () => {
    const { body } = encode(hubRequest([
      user('q'),
      { type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' },
      { type: 'tool-result', callId: 'c1', content: [{ type: 'text', text: 'r1' }] },
      { type: 'tool-call', id: 'c2', name: 'f', arguments: '{}' },
      { type: 'tool-result', callId: 'c2', content: [{ type: 'text', text: 'r2' }] },
      assistant('done'),
    ]));
    expect(body.messages.map((m) => `${m.role}:${m.content.map((b) => b.type).join(',')}`)).toEqual([
      'user:text', 'assistant:tool_use', 'user:tool_result', 'assistant:tool_use', 'user:tool_result', 'assistant:text',
    ]);
  });

  it('thinking goes first in its turn; foreign and unsigned reasoning is dropped, never sent as thinking', () => {
    const { body, warnings } = encode(hubRequest([
      user('q'),
      assistant('visible'),
      { type: 'reasoning', origin: 'openai-responses', text: 'summary', encrypted: 'gAAA', itemId: 'rs_1' },
      { type: 'reasoning', origin: 'gemini', text: 'thought', signature: 'gsig' },
      { type: 'reasoning', origin: 'claude', text: 'unsigned' },
      { type: 'reasoning', origin: 'claude', text: 'late', signature: 'sig' },
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}', itemId: 'fc_1', signature: { origin: 'gemini', value: 'x' } },
      { type: 'tool-result', callId: 'call_1', content: [] },
    ]));
    expect(body.messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'late', signature: 'sig' },
      { type: 'text', text: 'visible' },
      { type: 'tool_use', id: 'call_1', name: 'f', input: {} },
    ]);
    expect(body.messages[2]?.content).toEqual([{ type: 'tool_result', tool_use_id: 'call_1' }]);
    expect(JSON.stringify(body)).not.toMatch(/summary|thought|unsigned|gAAA|gsig/);
    expect(warnings).toEqual([
      expect.stringMatching(/^reasoning: reasoning from openai-responses .*; dropped$/),
      expect.stringMatching(/^reasoning: reasoning from gemini /),
      expect.stringMatching(/^reasoning: Claude thinking without a signature/),
      expect.stringMatching(/^tool-call\.signature:/),
      expect.stringMatching(/^tool-call\.itemId:/),
    ]);
  });

  it('empty text is omitted; an empty assistant turn gets a placeholder; consecutive user turns merge', () => {
    const { body } = encode(hubRequest([user('a'), user('  '), user('b'), assistant(''), user('c')]));
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'assistant', content: [{ type: 'text', text: '(no content)' }] },
      { role: 'user', content: [{ type: 'text', text: 'c' }] },
    ]);
  });

  it('a conversation that opens with the assistant gets a placeholder user turn first, with a warning', () => {
    const { body, warnings } = encode(hubRequest([assistant('Ahoy!'), user('hi')]));
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: '(no content)' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Ahoy!' }] },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/opened with an assistant turn/)]);
  });

  it('media parts: supported images and documents map; others become placeholders or drops with warnings', () => {
    const { body, warnings } = encode(hubRequest([{ type: 'message', role: 'user', content: [
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' }, detail: 'high' },
      { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,/9j/' } },
      { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/bmp', data: 'Qk0' } },
      { type: 'image', source: { kind: 'file-id', id: 'file-abc' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: btoa('hello') } },
      { type: 'file', source: { kind: 'url', url: 'https://x/doc.pdf' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/zip', data: 'UEsD' }, filename: 'z.zip' },
      { type: 'audio', data: 'UklG', format: 'wav' },
    ] }]));
    expect(body.messages[0]?.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
      { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
      { type: 'text', text: '[image (image/bmp) omitted: unsupported by this model]' },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'a.pdf' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' } },
      { type: 'document', source: { type: 'url', url: 'https://x/doc.pdf' } },
      { type: 'text', text: '[file "z.zip" (application/zip) omitted: unsupported by this model]' },
    ]);
    expect(warnings.map((w) => w.split(':')[0])).toEqual([
      'items[0].content[0].detail', 'items[0].content[3]', 'items[0].content[4]', 'items[0].content[8]', 'items[0].content[9]',
    ]);
  });

  it('tools, custom tools and tool_choice with parallel calls off', () => {
    const { body, warnings } = encode(hubRequest([user('x')], {
      tools: [
        { type: 'function', name: 'f', description: 'd', parameters: { properties: { a: { type: 'string' } } }, strict: true, cacheControl: { type: 'ephemeral' } },
        { type: 'function', name: 'apply_patch', parameters: {}, custom: { format: { type: 'grammar' } } },
      ],
      parallelToolCalls: false,
    }));
    expect(body.tools).toEqual([
      { name: 'f', description: 'd', input_schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true, cache_control: { type: 'ephemeral' } },
      { name: 'apply_patch', input_schema: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] } },
    ]);
    expect(body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(warnings).toEqual([expect.stringMatching(/^tools\[1\]\.format:/)]);
    const choice = (toolChoice: HubRequest['toolChoice']) => encode(hubRequest([user('x')], { toolChoice, tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }] })).body.tool_choice;
    expect(choice({ type: 'required' })).toEqual({ type: 'any' });
    expect(choice({ type: 'none' })).toEqual({ type: 'none' });
    expect(choice({ type: 'tool', name: 'f' })).toEqual({ type: 'tool', name: 'f' });
    expect(choice(undefined)).toBeUndefined();
  });

  it('a custom tool call travels as {input: <raw text>}', () => {
    const { body } = encode(hubRequest([
      user('x'),
      { type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: '*** Begin Patch', custom: true },
      { type: 'tool-result', callId: 'call_p', content: [{ type: 'text', text: 'ok' }], custom: true },
    ]));
    expect(body.messages[1]?.content).toEqual([{ type: 'tool_use', id: 'call_p', name: 'apply_patch', input: { input: '*** Begin Patch' } }]);
  });

  it('reasoning: budgets, effort table, clamping below max_tokens, disabled', () => {
    const thinking = (reasoning: HubRequest['reasoning'], maxOutputTokens = 32000) => encode(hubRequest([user('x')], { reasoning, maxOutputTokens }));
    expect(thinking({ enabled: true, budgetTokens: 5000 }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 5000 });
    expect(thinking({ effort: 'medium' }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(thinking({ enabled: true }).body.thinking).toEqual({ type: 'adaptive' });
    expect(thinking({ enabled: false, effort: 'high' }).body.thinking).toBeUndefined();
    expect(thinking({ effort: 'none' }).body.thinking).toBeUndefined();
    const clamped = thinking({ effort: 'high' }, 4000);
    expect(clamped.body.thinking).toEqual({ type: 'enabled', budget_tokens: 3999 });
    expect(clamped.body.max_tokens).toBe(4000);
    expect(clamped.warnings).toEqual([expect.stringMatching(/^reasoning\.budgetTokens: 24576 does not fit/)]);
    const tooSmall = thinking({ enabled: true, budgetTokens: 2000 }, 1000);
    expect(tooSmall.body.thinking).toBeUndefined();
    expect(tooSmall.warnings).toEqual([expect.stringMatching(/^reasoning: a thinking budget needs max_tokens above 1024/)]);
    expect(thinking({ enabled: true, budgetTokens: 500 }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
  });

  it('sampling, stop, user, structured output; seed and penalties dropped with warnings', () => {
    const { body, warnings } = encode(hubRequest([user('x')], {
      temperature: 1.5, topP: 0.9, topK: 40, stop: ['END'], user: 'u1', seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.2,
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object', properties: {} }, strict: true }, stream: true,
    }));
    expect(body).toMatchObject({
      temperature: 1, top_p: 0.9, top_k: 40, stop_sequences: ['END'], metadata: { user_id: 'u1' }, stream: true,
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: {} } } },
    });
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['responseFormat.name/strict', 'temperature', 'seed', 'presencePenalty', 'frequencyPenalty']);
    const json = encode(hubRequest([user('x')], { responseFormat: { type: 'json_object' } }));
    expect(json.body.output_config).toEqual({ format: { type: 'json_schema', schema: { type: 'object' } } });
    expect(json.warnings).toEqual([expect.stringMatching(/^responseFormat: Claude has no JSON mode/)]);
  });
});
