// Claude client requests → hub: the fixtures of real client shapes, then the block mappings.
import { describe, expect, it } from 'vitest';
import type { HubItem } from '../../../src/hub/hub-request.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { claudeCodec } from '../../../src/protocols/claude/codec.ts';
import { validators } from '../../../generated/claude/index.ts';
import { fixtureFiles, readFixtureJson } from '../../helpers/fixtures.ts';

function decode(body: Record<string, unknown>) {
  const warnings = new Warnings();
  const hub = claudeCodec.decodeRequest(body, {}, warnings);
  return { hub, warnings: warnings.list };
}

const userRequest = (content: unknown[], extra: Record<string, unknown> = {}) => ({
  model: 'm', max_tokens: 100, messages: [{ role: 'user', content }], ...extra,
});

describe('claude decodeRequest: client fixtures', () => {
  it.each(fixtureFiles('claude', /^client-.*\.request\.json$/))('%s is a valid request and decodes', (file) => {
    const body = readFixtureJson('claude', file);
    expect(validators.MessagesRequest(body)).toBe(true);
    const { hub } = decode(body);
    expect(hub.model).toBe('up.test-model');
    expect(hub.items.length).toBeGreaterThan(0);
  });

  it('Claude Code first turn: system blocks with cache_control, the system message in place, tools, thinking, effort', () => {
    const { hub, warnings } = decode(readFixtureJson('claude', 'client-claude-code.request.json'));
    expect(hub.system.map((s) => s.text.slice(0, 30))).toEqual([
      'x-anthropic-billing-header: cc',
      'You are a coding agent that wo',
      "\nWork toward the user's goal w",
    ]);
    expect(hub.system[0]?.cacheControl).toBeUndefined();
    expect(hub.system[1]?.cacheControl).toEqual({ type: 'ephemeral' });
    expect(hub.items.map((i) => i.type)).toEqual(['message', 'instruction']);
    const first = hub.items[0];
    expect(first?.type === 'message' && first.role).toBe('user');
    expect(first?.type === 'message' && first.content.map((p) => p.type === 'text' && p.text.slice(0, 17))).toEqual([
      '<system-reminder>', '<system-reminder>', 'Add a .gitignore ',
    ]);
    const instruction = hub.items[1];
    expect(instruction).toMatchObject({ type: 'instruction', role: 'system' });
    expect(instruction?.type === 'instruction' && instruction.content[0]?.text).toMatch(/^# Environment/);
    expect(instruction?.type === 'instruction' && instruction.content[0]?.cacheControl).toEqual({ type: 'ephemeral' });
    expect(hub.tools.map((t) => t.name)).toEqual(['Bash', 'Read', 'DeferredToolPlaceholder', 'Write']);
    expect(hub.tools[0]?.parameters).toMatchObject({ type: 'object', required: ['command'], additionalProperties: false });
    expect(hub.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(hub.maxOutputTokens).toBe(32000);
    expect(hub.stream).toBe(true);
    expect(hub.user).toMatch(/^\{"device_id":/);
    expect(hub.tools[2]?.deferLoading).toBe(true);
    expect(warnings.some((w) => w.startsWith('thinking.display:'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('context_management:'))).toBe(true);
  });

  it('Claude Code tool-result turn: signed thinking, the tool call and its string result', () => {
    const { hub } = decode(readFixtureJson('claude', 'client-claude-code-tool-result.request.json'));
    expect(hub.items.map((i) => i.type)).toEqual(['message', 'instruction', 'reasoning', 'tool-call', 'tool-result']);
    const [, instruction, reasoning, call, result] = hub.items;
    expect(instruction?.type === 'instruction' && instruction.content[0]?.text).toMatch(/^# Environment/);
    expect(reasoning).toMatchObject({ type: 'reasoning', origin: 'claude', text: '', signature: expect.stringMatching(/^EqQC/) });
    expect(call).toEqual({
      type: 'tool-call', id: 'toolu_01gPjV9VxxMNmjF1prLNMHj1', name: 'Write',
      arguments: JSON.stringify({ file_path: '/home/dev/demo/.gitignore', content: 'node_modules/\n' }),
    });
    expect(result).toEqual({
      type: 'tool-result', callId: 'toolu_01gPjV9VxxMNmjF1prLNMHj1',
      content: [{ type: 'text', text: 'Wrote /home/dev/demo/.gitignore (1 line).', cacheControl: { type: 'ephemeral' } }],
    });
  });

  it('opencode: one cached system block, tool_choice auto, three tools', () => {
    const { hub, warnings } = decode(readFixtureJson('claude', 'client-opencode.request.json'));
    expect(hub.system).toHaveLength(1);
    expect(hub.system[0]?.cacheControl).toEqual({ type: 'ephemeral' });
    expect(hub.toolChoice).toEqual({ type: 'auto' });
    expect(hub.parallelToolCalls).toBeUndefined();
    expect(hub.tools.map((t) => t.name)).toEqual(['bash', 'read', 'write']);
    expect(warnings).toEqual([]);
  });

  it('an unmodelled top-level field is reported, not lost in silence', () => {
    const { hub, warnings } = decode(readFixtureJson('claude', 'client-sdk-unmodelled-field.request.json'));
    expect(hub.items).toEqual([{ type: 'message', role: 'user', content: [{ type: 'text', text: 'Say hello in five words.' }] }]);
    expect(hub.maxOutputTokens).toBe(256);
    expect(hub.stream).toBe(false);
    expect(warnings).toEqual(['x_future_field: not modelled by the gateway; dropped']);
  });
});

describe('claude decodeRequest: SDK-shaped requests', () => {
  const request = (name: string) => readFixtureJson('claude', `${name}.request.json`);

  it('thinking-followup: enabled budget, signed thinking then text in the assistant turn', () => {
    const { hub } = decode(request('thinking-followup'));
    expect(hub.reasoning).toEqual({ enabled: true, budgetTokens: 2000, summary: 'auto' });
    expect(hub.items.map((i) => i.type)).toEqual(['message', 'reasoning', 'message', 'message']);
    expect(hub.items[1]).toMatchObject({ origin: 'claude', signature: expect.stringMatching(/^Ert9Al/), text: expect.stringMatching(/^Split 23 into/) });
    expect(hub.items[2]).toMatchObject({ role: 'assistant' });
  });

  it('redacted-thinking-followup: redacted block kept as encrypted reasoning', () => {
    const { hub } = decode(request('redacted-thinking-followup'));
    expect(hub.items[1]).toMatchObject({ type: 'reasoning', origin: 'claude', redacted: true, encrypted: readFixtureJson<{ content: { data?: string }[] }>('claude', 'redacted-thinking.response.json').content[0]?.data });
  });

  it('tool-result-followup: tool_choice any → required; is_error false kept', () => {
    const { hub } = decode(request('tool-result-followup'));
    expect(hub.toolChoice).toEqual({ type: 'required' });
    expect(hub.items[1]).toEqual({ type: 'tool-call', id: 'toolu_01qJLsG0UVVQZ8PoiJyoUsBJ4z', name: 'get_local_time', arguments: '{}' });
    expect(hub.items[2]).toEqual({ type: 'tool-result', callId: 'toolu_01qJLsG0UVVQZ8PoiJyoUsBJ4z', content: [{ type: 'text', text: '14:05' }], isError: false });
    expect(hub.tools[0]).toEqual({ type: 'function', name: 'get_local_time', description: '', parameters: { type: 'object', properties: {}, additionalProperties: false } });
  });

  it('usage-cache-write: string system; top-level cache_control dropped with a warning', () => {
    const { hub, warnings } = decode(request('usage-cache-write'));
    expect(hub.system).toEqual([{ type: 'text', text: 'You answer questions about the attached style guide.' }]);
    expect(warnings).toEqual([expect.stringMatching(/^cache_control: top-level automatic caching/)]);
  });

  it('image-url-input and document-url-input: url sources', () => {
    const image = decode(request('image-url-input')).hub.items[0];
    expect(image?.type === 'message' && image.content[1]).toEqual({ type: 'image', source: { kind: 'url', url: 'https://images.example.org/market/pears-on-a-table.jpg' } });
    const doc = decode(request('document-url-input')).hub.items[0];
    expect(doc?.type === 'message' && doc.content[1]).toEqual({ type: 'file', source: { kind: 'url', url: 'https://docs.example.org/reports/annual-2025.pdf', mediaType: 'application/pdf' } });
  });

  it('text-stop-sequence: stop_sequences → stop', () => {
    expect(decode(request('text-stop-sequence')).hub.stop).toEqual(['5']);
  });
});

describe('claude decodeRequest: blocks and settings', () => {
  it('keeps block order in an assistant turn: thinking → reasoning, text joins, tool_use → call', () => {
    const { hub } = decode({
      model: 'm', max_tokens: 10,
      messages: [{ role: 'assistant', content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'text', text: 'a' }, { type: 'text', text: '' },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { x: 1 } },
        { type: 'text', text: 'b' },
      ] }],
    });
    const types = hub.items.map((i: HubItem) => i.type);
    expect(types).toEqual(['reasoning', 'message', 'tool-call', 'message']);
    expect(hub.items[1]).toEqual({ type: 'message', role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'text', text: '' }] });
    expect(hub.items[2]).toMatchObject({ arguments: '{"x":1}' });
  });

  it('images, documents and tool_result content blocks', () => {
    const { hub, warnings } = decode(userRequest([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
      { type: 'image', source: { type: 'file', file_id: 'file_1' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'a.pdf' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' }, title: 'Notes' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'untitled' } },
      { type: 'tool_result', tool_use_id: 'toolu_b64_ZnVuY3Rpb25zLkJhc2g6MA', is_error: true, content: [
        { type: 'text', text: 'out' }, { type: 'image', source: { type: 'url', url: 'https://x/y.png' } }, { type: 'search_result', source: 's' },
      ] },
    ]));
    expect(hub.items[0]).toEqual({ type: 'message', role: 'user', content: [
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
      { type: 'image', source: { kind: 'file-id', id: 'file_1' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
      { type: 'text', text: 'Notes\n\nhello' },
      { type: 'text', text: 'untitled' },
    ] });
    expect(hub.items[1]).toEqual({ type: 'tool-result', callId: 'functions.Bash:0', isError: true, content: [
      { type: 'text', text: 'out' }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } },
    ] });
    expect(warnings).toEqual([expect.stringMatching(/^messages\[0\]\.content\[5\]\.content\[2\]: a search_result block/)]);
  });

  it('server tool blocks and server tools are dropped with warnings; custom tools keep strict and cache_control', () => {
    const { hub, warnings } = decode(userRequest([{ type: 'text', text: 'hi' }, { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }], {
      tools: [
        { type: 'web_search_20250305', name: 'web_search' },
        { name: 'f', input_schema: { type: 'object' }, strict: true, cache_control: { type: 'ephemeral' }, input_examples: [{ a: 1 }] },
      ],
    }));
    expect(hub.tools).toEqual([{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: true, cacheControl: { type: 'ephemeral' } }]);
    expect(warnings).toEqual([
      expect.stringMatching(/^messages\[0\]\.content\[1\]: a server_tool_use block/),
      expect.stringMatching(/^tools\[0\]: server tool web_search_20250305/),
      expect.stringMatching(/^tools\[1\]\.input_examples:/),
    ]);
  });

  it('tool_choice variants and disable_parallel_tool_use', () => {
    const choice = (tool_choice: unknown) => decode(userRequest([{ type: 'text', text: 'x' }], { tool_choice })).hub;
    expect(choice({ type: 'auto', disable_parallel_tool_use: true })).toMatchObject({ toolChoice: { type: 'auto' }, parallelToolCalls: false });
    expect(choice({ type: 'any' }).toolChoice).toEqual({ type: 'required' });
    expect(choice({ type: 'none' }).toolChoice).toEqual({ type: 'none' });
    expect(choice({ type: 'tool', name: 'f', disable_parallel_tool_use: false })).toMatchObject({ toolChoice: { type: 'tool', name: 'f' }, parallelToolCalls: true });
  });

  it('thinking configs, output_config format, sampling and dropped transport fields', () => {
    const base = (extra: Record<string, unknown>) => decode(userRequest([{ type: 'text', text: 'x' }], extra));
    expect(base({ thinking: { type: 'disabled' } }).hub.reasoning).toEqual({ enabled: false });
    expect(base({ thinking: { type: 'adaptive' } }).hub.reasoning).toEqual({ enabled: true, summary: 'auto' });
    const { hub, warnings } = base({
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
      temperature: 0.3, top_p: 0.9, top_k: 5, service_tier: 'auto', container: null, inference_geo: 'us',
    });
    expect(hub.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object' } });
    expect(hub).toMatchObject({ temperature: 0.3, topP: 0.9, topK: 5 });
    expect(hub.reasoning).toBeUndefined();
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['service_tier', 'inference_geo']);
  });
});
