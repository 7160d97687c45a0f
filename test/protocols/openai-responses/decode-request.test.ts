import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-responses/index.ts';
import { GatewayError } from '../../../src/errors/gateway-error.ts';
import { textOf } from '../../../src/hub/hub-content.ts';
import type { HubItem } from '../../../src/hub/hub-request.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { decodeReq, ours } from './fixtures.ts';

const byType = <T extends HubItem['type']>(items: HubItem[], type: T) => items.filter((i): i is Extract<HubItem, { type: T }> => i.type === type);

describe('decodeRequest: our client fixtures', () => {
  it('Codex first turn: developer items become the system prompt, tools flattened, built-ins dropped', () => {
    const body = ours('client-codex.request.json');
    expect(validators.ResponseRequest(body)).toBe(true);
    const warnings = new Warnings();
    const hub = decodeReq(body, warnings);
    expect(hub.model).toBe('up.test-model');
    expect(hub.stream).toBe(true);
    expect(hub.system.map((p) => p.text)).toEqual([
      expect.stringContaining('You are a coding agent'),
      expect.stringContaining('<skills_instructions>'),
      expect.stringContaining('<permissions instructions>'),
    ]);
    expect(hub.items.map((i) => (i.type === 'message' ? i.role : i.type))).toEqual(['user', 'user']);
    expect(hub.items[1]?.type === 'message' && textOf(hub.items[1].content)).toBe('Add a .gitignore to /home/dev/demo that ignores node_modules');
    expect(hub.tools.map((t) => t.name)).toEqual(['exec_command', 'view_image', 'spawn_agent', 'close_agent']);
    expect(hub.tools[0]?.strict).toBe(false);
    expect(hub.tools[0]?.parameters).toMatchObject({ required: ['cmd'], additionalProperties: false });
    expect(hub.toolChoice).toEqual({ type: 'auto' });
    expect(hub.parallelToolCalls).toBe(true);
    expect(hub.reasoning).toEqual({ summary: 'auto' });
    const text = warnings.list.join('\n');
    expect(hub.promptCacheKey).toBe('1fa05674-1d0b-428d-844b-4c81d2cab962');
    for (const field of ['include', 'client_metadata', 'tools[web_search]', 'tools[namespace subagents_v1]', 'input[].id']) {
      expect(text).toContain(`${field}:`);
    }
    // `store` is honoured by the gateway itself (stored responses), so nothing is dropped.
    expect(text).not.toContain('store:');
    // One line per field, not per item.
    expect(warnings.list.filter((w) => w.startsWith('input[].id:'))).toHaveLength(1);
  });

  it('Codex second turn: reasoning, function_call (call id + fc_ item id) and its output', () => {
    const hub = decodeReq(ours('client-codex-tool-result.request.json'));
    const [reasoning] = byType(hub.items, 'reasoning');
    expect(reasoning).toMatchObject({ origin: 'openai-responses', itemId: 'rs_2be070d44c9c80f1573eea856fe71a08b99454647de89e806b', summary: ['**Writing the ignore file**\n\nOne command creates it.'] });
    expect(reasoning?.encrypted).toMatch(/^gAAAAAB/);
    expect(reasoning?.text).toBeUndefined();
    const [call] = byType(hub.items, 'tool-call');
    expect(call).toMatchObject({ id: 'call_876iROusQjOG95A4GdkBAeGx', name: 'exec_command', itemId: 'fc_2be070d44c9c80f157c52842f9fdd7224e5ebd25b6b5cfb2d9' });
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ cmd: "printf 'node_modules/\\n' > .gitignore", workdir: '/home/dev/demo' });
    const [result] = byType(hub.items, 'tool-result');
    expect(result).toEqual({ type: 'tool-result', callId: 'call_876iROusQjOG95A4GdkBAeGx', name: 'exec_command', content: [{ type: 'text', text: 'Exit code: 0\nWall time: 0.01 seconds\nOutput:\n' }] });
    expect(hub.items.map((i) => i.type)).toEqual(['message', 'message', 'reasoning', 'tool-call', 'tool-result']);
  });

  it('opencode: a role:"system" string message becomes the system prompt; max_output_tokens kept', () => {
    const hub = decodeReq(ours('client-opencode.request.json'));
    expect(hub.system).toHaveLength(1);
    expect(hub.system[0]?.text).toMatch(/^You are a coding assistant/);
    expect(hub.items).toHaveLength(1);
    expect(hub.items[0]).toMatchObject({ type: 'message', role: 'user' });
    expect(hub.maxOutputTokens).toBe(32000);
    expect(hub.tools.map((t) => t.name)).toEqual(['bash', 'read', 'write']);
  });

  it('string input is one user message; unknown fields are dropped with a warning', () => {
    const warnings = new Warnings();
    const hub = decodeReq(ours('client-sdk-unmodelled-field.request.json'), warnings);
    expect(hub.items).toEqual([{ type: 'message', role: 'user', content: [{ type: 'text', text: 'Say hello in five words.' }] }]);
    expect(hub.maxOutputTokens).toBe(256);
    expect(hub.stream).toBe(false);
    expect(warnings.list.some((w) => w.startsWith('x_future_field:'))).toBe(true);
  });
});

describe('decodeRequest: upstream-shaped requests (test/fixtures/openai-responses/*.request.json)', () => {
  it('text-instructions: instructions → system', () => {
    const hub = decodeReq(ours('text-instructions.request.json'));
    expect(hub.system).toEqual([{ type: 'text', text: 'You answer in one short sentence.' }]);
    expect(hub.items[0]?.type === 'message' && textOf(hub.items[0].content)).toBe('Which river flows through Lyon?');
  });

  it('tool-call: flat function tool with strict; description null left out', () => {
    const hub = decodeReq(ours('tool-call.request.json'));
    expect(hub.tools).toEqual([{ type: 'function', name: 'get_weather', parameters: expect.objectContaining({ required: ['city'] }), strict: true }]);
  });

  it('tool-result-followup: call and output matched by call id', () => {
    const hub = decodeReq(ours('tool-result-followup.request.json'));
    expect(hub.items.slice(1)).toEqual([
      { type: 'tool-call', id: 'call_Qm4tVb8LrXw2cNz7HkPdJ5sE', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-result', callId: 'call_Qm4tVb8LrXw2cNz7HkPdJ5sE', name: 'get_weather', content: [{ type: 'text', text: '18°C, light clouds' }] },
    ]);
  });

  it('reasoning-summary: effort and summary', () => {
    const hub = decodeReq(ours('reasoning-summary.request.json'));
    expect(hub.reasoning).toEqual({ effort: 'high', enabled: true, summary: 'auto' });
    expect(hub.system[0]?.text).toBe('You are a careful math tutor.');
  });

  it('reasoning-encrypted-followup: 5 summaries and encrypted content kept with the item id', () => {
    const hub = decodeReq(ours('reasoning-encrypted-followup.request.json'));
    const [reasoning] = byType(hub.items, 'reasoning');
    expect(reasoning?.itemId).toBe('rs_5d1e0c7a3b9f42e6017c4a8d2f6b3e9a1c0d5f7b2e4a6c8d90');
    expect(reasoning?.summary).toHaveLength(5);
    expect(reasoning?.encrypted?.length).toBeGreaterThan(1000);
    expect(byType(hub.items, 'tool-call')[0]?.itemId).toBe('fc_5d1e0c7a3b9f42e6017c4a8d31a7f0c2e9b4d6a8f1c3e5b702');
  });

  it('structured-output-json-schema: text.format → responseFormat; empty assistant message skipped', () => {
    const hub = decodeReq(ours('structured-output-json-schema.request.json'));
    expect(hub.responseFormat).toEqual({ type: 'json_schema', name: 'WeatherReport', strict: true, schema: expect.objectContaining({ required: ['city', 'temperature_c'] }) });
    expect(hub.items.map((i) => i.type)).toEqual(['message', 'tool-call', 'tool-result']);
  });

  it('image-url-input: https image with detail; empty instructions ignored', () => {
    const hub = decodeReq(ours('image-url-input.request.json'));
    expect(hub.system).toEqual([]);
    expect(hub.items[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'text', text: 'What animal is in this picture?' },
        { type: 'image', source: { kind: 'url', url: 'https://images.example.org/animals/red-fox-in-snow.jpg' }, detail: 'auto' },
      ],
    });
  });
});

describe('decodeRequest: mappings', () => {
  it('rejects previous_response_id and conversation with a 400 naming the field', () => {
    for (const param of ['previous_response_id', 'conversation']) {
      try {
        decodeReq({ model: 'm', input: 'hi', [param]: 'resp_1' });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        expect(error).toMatchObject({ status: 400, param, message: expect.stringContaining('full history') });
      }
    }
    expect(() => decodeReq({ model: 'm', input: 'hi', previous_response_id: null })).not.toThrow();
  });

  it('a developer message after the conversation started stays in place as an instruction', () => {
    const hub = decodeReq({
      model: 'm',
      instructions: 'top',
      input: [
        { role: 'developer', content: 'first' },
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'input_text', text: 'later' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }, { type: 'refusal', refusal: 'no' }] },
      ],
    });
    expect(hub.system.map((p) => p.text)).toEqual(['top', 'first']);
    expect(hub.items).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { type: 'instruction', role: 'system', content: [{ type: 'text', text: 'later' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'ok' }, { type: 'text', text: 'no' }] },
    ]);
  });

  it('images and files: data URLs, URLs and file ids', () => {
    const hub = decodeReq({
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' },
            { type: 'input_image', file_id: 'file-abc' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
            { type: 'input_file', file_url: 'https://example.com/b.pdf' },
            { type: 'input_file', file_id: 'file-def', filename: 'c.pdf' },
          ],
        },
      ],
    });
    expect(hub.items[0]?.type === 'message' && hub.items[0].content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'high' },
      { type: 'image', source: { kind: 'file-id', id: 'file-abc' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/b.pdf' } },
      { type: 'file', source: { kind: 'file-id', id: 'file-def' }, filename: 'c.pdf' },
    ]);
  });

  it('custom tools and custom tool calls; tool output parts; item_reference dropped', () => {
    const warnings = new Warnings();
    const format = { type: 'grammar', syntax: 'lark', definition: 'start: "x"' };
    const hub = decodeReq(
      {
        model: 'm',
        tools: [{ type: 'custom', name: 'apply_patch', description: 'Patch files', format }],
        tool_choice: { type: 'custom', name: 'apply_patch' },
        input: [
          { role: 'user', content: 'patch it' },
          { type: 'custom_tool_call', call_id: 'call_1', name: 'apply_patch', input: '*** Begin Patch', id: 'ctc_1' },
          { type: 'custom_tool_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: 'Done' }, { type: 'input_image', image_url: 'https://x/y.png' }] },
          { type: 'item_reference', id: 'msg_old' },
          { type: 'web_search_call', id: 'ws_1', status: 'completed' },
        ],
      },
      warnings,
    );
    expect(hub.tools).toEqual([{ type: 'function', name: 'apply_patch', description: 'Patch files', custom: { format }, parameters: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] } }]);
    expect(hub.toolChoice).toEqual({ type: 'tool', name: 'apply_patch' });
    expect(hub.items.slice(1)).toEqual([
      { type: 'tool-call', id: 'call_1', name: 'apply_patch', arguments: '*** Begin Patch', custom: true, itemId: 'ctc_1' },
      { type: 'tool-result', callId: 'call_1', name: 'apply_patch', custom: true, content: [{ type: 'text', text: 'Done' }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] },
    ]);
    expect(warnings.list.join('\n')).toMatch(/input\[\]\.item_reference:[\s\S]*input\[\]\.web_search_call:/);
  });

  it('tool_choice variants', () => {
    const choice = (tool_choice: unknown, warnings = new Warnings()) => decodeReq({ model: 'm', input: 'x', tool_choice }, warnings).toolChoice;
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice('required')).toEqual({ type: 'required' });
    expect(choice({ type: 'function', name: 'f' })).toEqual({ type: 'tool', name: 'f' });
    const warnings = new Warnings();
    expect(choice({ type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'f' }] }, warnings)).toEqual({ type: 'tool', name: 'f' });
    expect(choice({ type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'f' }, { type: 'function', name: 'g' }] })).toEqual({ type: 'auto' });
    expect(choice({ type: 'web_search_preview' }, warnings)).toEqual({ type: 'auto' });
    expect(warnings.list).toHaveLength(2);
  });

  it('text formats, verbosity, sampling, user', () => {
    const warnings = new Warnings();
    const hub = decodeReq(
      { model: 'm', input: 'x', text: { format: { type: 'json_object' }, verbosity: 'low' }, temperature: 0.2, top_p: 0.9, user: 'u1', safety_identifier: 's1', reasoning: { effort: 'none' } },
      warnings,
    );
    expect(hub).toMatchObject({ responseFormat: { type: 'json_object' }, temperature: 0.2, topP: 0.9, user: 's1', reasoning: { effort: 'none', enabled: false } });
    expect(warnings.list.some((w) => w.startsWith('text.verbosity:'))).toBe(true);
    expect(warnings.list.some((w) => w.startsWith('user:'))).toBe(true);
  });
});
