import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-responses/index.ts';
import { GatewayError } from '../../../src/errors/gateway-error.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { codec, decodeReq, hubRequest, ours } from './fixtures.ts';

function encode(request: HubRequest, warnings = new Warnings()): Record<string, unknown> {
  const body = codec.encodeRequest(request, warnings);
  expect(validators.ResponseRequest(body)).toBe(true);
  return body;
}

/** hub → Responses body → hub. */
function roundTrip(request: HubRequest): HubRequest {
  return decodeReq(encode(request));
}

const toolLoop = hubRequest({
  system: [{ type: 'text', text: 'Be brief.' }],
  items: [
    { type: 'message', role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
    { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Checking.' }] },
    { type: 'tool-call', id: 'toolu_01A', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-result', callId: 'toolu_01A', name: 'get_weather', content: [{ type: 'text', text: '18°C' }] },
  ],
  tools: [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  toolChoice: { type: 'tool', name: 'get_weather' },
  parallelToolCalls: false,
  maxOutputTokens: 100,
  temperature: 0.5,
  topP: 0.8,
  user: 'u-1',
  stream: true,
});

describe('encodeRequest', () => {
  it('a tool loop encodes to valid Responses input and round-trips (ids exact)', () => {
    const body = encode(toolLoop);
    expect(body).toMatchObject({
      model: 'test-model',
      instructions: 'Be brief.',
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
      max_output_tokens: 100,
      safety_identifier: 'u-1',
      stream: true,
      tools: [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
      { type: 'function_call', call_id: 'toolu_01A', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'toolu_01A', output: '18°C' },
    ]);
    expect(body).not.toHaveProperty('store');
    expect(body).not.toHaveProperty('include');
    const back = roundTrip(toolLoop);
    expect(back.items).toEqual(toolLoop.items);
    expect(back.system).toEqual(toolLoop.system);
    expect(back).toMatchObject({ toolChoice: toolLoop.toolChoice, maxOutputTokens: 100, temperature: 0.5, topP: 0.8, user: 'u-1', stream: true });
  });

  it('sends the fc_ item id only when a Responses upstream issued it', () => {
    const body = encode(hubRequest({
      items: [
        { type: 'message', role: 'user', content: [{ type: 'text', text: 'go' }] },
        { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}', itemId: 'fc_abc' },
        { type: 'tool-call', id: 'call_2', name: 'f', arguments: '{}', itemId: 'something-else' },
        { type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: 'a' }] },
        { type: 'tool-result', callId: 'call_2', content: [{ type: 'text', text: 'b' }] },
      ],
    }));
    const calls = (body.input as Record<string, unknown>[]).filter((i) => i.type === 'function_call');
    expect(calls.map((c) => c.id)).toEqual(['fc_abc', undefined]);
  });

  it('a call without a result gets a placeholder output; results follow their calls', () => {
    const warnings = new Warnings();
    const body = encode(hubRequest({
      items: [
        { type: 'message', role: 'user', content: [{ type: 'text', text: 'go' }] },
        { type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' },
        { type: 'message', role: 'user', content: [{ type: 'text', text: 'never mind' }] },
      ],
    }), warnings);
    expect((body.input as Record<string, unknown>[]).map((i) => i.type)).toEqual(['message', 'function_call', 'function_call_output', 'message']);
    expect(warnings.list.join()).toContain('c1');
  });

  it('custom tools, custom calls and results with images', () => {
    const format = { type: 'grammar', syntax: 'lark', definition: 'start: "x"' };
    const request = hubRequest({
      tools: [{ type: 'function', name: 'apply_patch', parameters: {}, custom: { format } }],
      toolChoice: { type: 'tool', name: 'apply_patch' },
      items: [
        { type: 'message', role: 'user', content: [{ type: 'text', text: 'go' }] },
        { type: 'tool-call', id: 'call_9', name: 'apply_patch', arguments: '*** Begin Patch', custom: true },
        { type: 'tool-result', callId: 'call_9', custom: true, content: [{ type: 'text', text: 'ok' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }] },
      ],
    });
    const body = encode(request);
    expect(body.tools).toEqual([{ type: 'custom', name: 'apply_patch', format }]);
    expect(body.tool_choice).toEqual({ type: 'custom', name: 'apply_patch' });
    expect((body.input as unknown[]).slice(1)).toEqual([
      { type: 'custom_tool_call', call_id: 'call_9', name: 'apply_patch', input: '*** Begin Patch' },
      { type: 'custom_tool_call_output', call_id: 'call_9', output: [{ type: 'input_text', text: 'ok' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' }] },
    ]);
  });

  it('reasoning: own items replayed (id, summary, encrypted); foreign or bare ones dropped with a warning', () => {
    const warnings = new Warnings();
    const body = encode(hubRequest({
      items: [
        { type: 'message', role: 'user', content: [{ type: 'text', text: 'go' }] },
        { type: 'reasoning', origin: 'openai-responses', itemId: 'rs_1', summary: ['thought'], encrypted: 'gAAA' },
        { type: 'reasoning', origin: 'openai-responses', summary: ['bare'] },
        { type: 'reasoning', origin: 'claude', text: 'claude thinking', signature: 'sig' },
        { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'done' }] },
      ],
    }), warnings);
    expect((body.input as unknown[])[1]).toEqual({ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thought' }], encrypted_content: 'gAAA' });
    expect(JSON.stringify(body.input)).not.toContain('claude thinking');
    expect((body.input as unknown[])).toHaveLength(3);
    expect(warnings.list.filter((w) => w.startsWith('reasoning:'))).toHaveLength(2);
  });

  it('instruction items, media parts and response format', () => {
    const request = hubRequest({
      items: [
        { type: 'message', role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } }, { type: 'image', source: { kind: 'file-id', id: 'file-1' }, detail: 'low' }] },
        { type: 'instruction', role: 'developer', content: [{ type: 'text', text: 'be terse' }] },
        { type: 'message', role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://x/y.pdf' }, filename: 'y.pdf' }] },
      ],
      responseFormat: { type: 'json_schema', schema: { type: 'object' }, strict: true },
    });
    const body = encode(request);
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a' }, { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'document.pdf' }, { type: 'input_image', file_id: 'file-1', detail: 'low' }] },
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'be terse' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_file', file_url: 'https://x/y.pdf', filename: 'y.pdf' }] },
    ]);
    expect(body.text).toEqual({ format: { type: 'json_schema', name: 'response', schema: { type: 'object' }, strict: true } });
    const back = decodeReq(body);
    expect(back.items[1]).toEqual(request.items[1]);
    expect(back.responseFormat).toMatchObject({ type: 'json_schema', schema: { type: 'object' }, strict: true });
  });

  it('settings without a Responses twin are dropped with warnings; n > 1 is refused', () => {
    const warnings = new Warnings();
    const body = encode(hubRequest({ stop: ['END'], seed: 1, topK: 5, presencePenalty: 0.1, frequencyPenalty: 0.2, n: 1 }), warnings);
    expect(Object.keys(body).sort()).toEqual(['input', 'model']);
    expect(warnings.list.map((w) => w.split(':')[0]).sort()).toEqual(['frequencyPenalty', 'presencePenalty', 'seed', 'stop', 'topK']);
    expect(() => codec.encodeRequest(hubRequest({ n: 2 }), new Warnings())).toThrow(GatewayError);
    try {
      codec.encodeRequest(hubRequest({ n: 3 }), new Warnings());
    } catch (error) {
      expect(error).toMatchObject({ status: 400, param: 'n' });
    }
  });

  it('reasoning config: effort and summary kept; a budget becomes the nearest effort; nothing injected', () => {
    expect(encode(hubRequest({ reasoning: { effort: 'high', summary: 'detailed' } })).reasoning).toEqual({ effort: 'high', summary: 'detailed' });
    const warnings = new Warnings();
    expect(encode(hubRequest({ reasoning: { enabled: true, budgetTokens: 8000 } }), warnings).reasoning).toEqual({ effort: 'medium' });
    expect(warnings.list.join()).toContain('8000');
    expect(encode(hubRequest({ reasoning: { summary: 'none' } }))).not.toHaveProperty('reasoning');
    expect(encode(hubRequest())).not.toHaveProperty('reasoning');
  });
});

describe('encodeRequest ∘ decodeRequest on client fixtures', () => {
  it('Codex second turn re-encodes to a valid body with reasoning, fc_ id and call id intact', () => {
    const hub = decodeReq(ours('client-codex-tool-result.request.json'));
    const body = encode(hub);
    const input = body.input as Record<string, unknown>[];
    expect(input[0]).toMatchObject({ role: 'user' });
    expect(body.instructions).toMatch(/^You are a coding agent[\s\S]*<skills_instructions>[\s\S]*<permissions instructions>/);
    expect(input.find((i) => i.type === 'reasoning')).toMatchObject({ id: 'rs_2be070d44c9c80f1573eea856fe71a08b99454647de89e806b', encrypted_content: expect.stringMatching(/^gAAAAAB/) });
    expect(input.find((i) => i.type === 'function_call')).toMatchObject({ call_id: 'call_876iROusQjOG95A4GdkBAeGx', id: 'fc_2be070d44c9c80f157c52842f9fdd7224e5ebd25b6b5cfb2d9' });
    expect(decodeReq(body).items).toEqual(hub.items);
  });
});

describe('encodeRequest ∘ decodeRequest on upstream-shaped requests', () => {
  for (const name of ['tool-call', 'tool-result-followup', 'reasoning-summary', 'reasoning-encrypted-followup', 'structured-output-json-schema', 'image-url-input', 'text-instructions', 'usage-cached-tokens']) {
    it(`${name}: hub → body → hub is stable`, () => {
      const hub = decodeReq(ours(`${name}.request.json`));
      expect(roundTrip(hub)).toEqual(hub);
    });
  }
});
