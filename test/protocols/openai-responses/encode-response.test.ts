import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-responses/index.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { FROZEN_SECONDS, freezeClock } from '../../helpers/frozen-clock.ts';
import { codec, hubRequest, hubResponse } from './fixtures.ts';

freezeClock();

function encode(response: HubResponse, warnings = new Warnings()): Record<string, unknown> {
  const body = codec.encodeResponse(response, hubRequest(), warnings);
  expect(validators.Response(body)).toBe(true);
  return body;
}

const mixed = hubResponse({
  id: 'chatcmpl-abc',
  output: [
    { type: 'reasoning', origin: 'claude', text: 'Let me think.', signature: 'EqQB' },
    { type: 'text', text: 'Calling ' },
    { type: 'text', text: 'the tool.' },
    { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-call', id: 'toolu_02', name: 'apply_patch', arguments: '*** Begin Patch', custom: true },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { input: 100, output: 40, cacheRead: 75, cacheWrite: 5, reasoning: 10 },
});

describe('encodeResponse', () => {
  it('builds a valid Response with unique, non-empty item ids and exact call ids', () => {
    const warnings = new Warnings();
    const body = encode(mixed, warnings);
    expect(body).toMatchObject({ id: 'resp_chatcmpl-abc', object: 'response', created_at: 1795392000, status: 'completed', completed_at: FROZEN_SECONDS, error: null, incomplete_details: null, model: 'test-model' });
    const output = body.output as Record<string, unknown>[];
    expect(output.map((o) => o.type)).toEqual(['reasoning', 'message', 'function_call', 'custom_tool_call']);
    const ids = output.map((o) => o.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^(rs|msg|fc|ctc)_\w+$/);
    expect(output[0]).toEqual({ type: 'reasoning', id: ids[0], summary: [{ type: 'summary_text', text: 'Let me think.' }] });
    expect(output[1]).toMatchObject({ role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Calling ', annotations: [], logprobs: [] }, { type: 'output_text', text: 'the tool.' }] });
    expect(output[2]).toMatchObject({ call_id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' });
    expect(output[3]).toMatchObject({ call_id: 'toolu_02', name: 'apply_patch', input: '*** Begin Patch' });
    expect(body.usage).toEqual({ input_tokens: 100, input_tokens_details: { cached_tokens: 75, cache_write_tokens: 5 }, output_tokens: 40, output_tokens_details: { reasoning_tokens: 10 }, total_tokens: 140 });
    expect(warnings.list.some((w) => w.startsWith('reasoning.signature:'))).toBe(true);
    // Deterministic: the same hub response gives the same ids.
    expect(encode(mixed)).toEqual(body);
  });

  it('round-trips through decodeResponse: text, tool calls (ids), finish reason and usage', () => {
    const back = codec.decodeResponse(encode(mixed), new Warnings());
    expect(back.output.filter((o) => o.type !== 'reasoning')).toEqual([
      { type: 'text', text: 'Calling ' },
      { type: 'text', text: 'the tool.' },
      { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}', itemId: expect.stringMatching(/^fc_/) },
      { type: 'tool-call', id: 'toolu_02', name: 'apply_patch', arguments: '*** Begin Patch', custom: true, itemId: expect.stringMatching(/^ctc_/) },
    ]);
    expect(back.finishReason.unified).toBe('tool-calls');
    expect(back.usage).toMatchObject({ input: 100, output: 40, cacheRead: 75, cacheWrite: 5, reasoning: 10 });
  });

  it('own reasoning keeps its id and encrypted content; Responses item ids are reused', () => {
    const body = encode(hubResponse({
      id: 'resp_1',
      output: [
        { type: 'reasoning', origin: 'openai-responses', itemId: 'rs_9', summary: ['s'], encrypted: 'gAAA' },
        { type: 'tool-call', id: 'call_1', itemId: 'fc_9', name: 'f', arguments: '{}' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'completed' },
    }));
    expect(body.output).toEqual([
      { type: 'reasoning', id: 'rs_9', summary: [{ type: 'summary_text', text: 's' }], encrypted_content: 'gAAA' },
      { type: 'function_call', id: 'fc_9', call_id: 'call_1', name: 'f', arguments: '{}', status: 'completed' },
    ]);
  });

  it('length, content-filter and error endings; refusal part; stop sequence warned', () => {
    expect(encode(hubResponse({ finishReason: { unified: 'length', raw: 'max_tokens' } }))).toMatchObject({ status: 'incomplete', completed_at: null, incomplete_details: { reason: 'max_output_tokens' } });
    const filtered = encode(hubResponse({ output: [{ type: 'refusal', text: 'No.' }], finishReason: { unified: 'content-filter', raw: 'SAFETY' } }));
    expect(filtered).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
    expect((filtered.output as Record<string, unknown>[])[0]).toMatchObject({ content: [{ type: 'refusal', refusal: 'No.' }] });
    expect(encode(hubResponse({ finishReason: { unified: 'error', raw: 'MALFORMED_RESPONSE' } }))).toMatchObject({ status: 'failed', error: { code: 'server_error', message: expect.stringContaining('MALFORMED_RESPONSE') } });
    const warnings = new Warnings();
    encode(hubResponse({ stopSequence: 'END' }), warnings);
    expect(warnings.list.some((w) => w.startsWith('stop_sequence:'))).toBe(true);
  });

  it('echoes the request settings the SDK reads', () => {
    const request = hubRequest({ toolChoice: { type: 'required' }, responseFormat: { type: 'json_object' }, maxOutputTokens: 50, reasoning: { effort: 'low', summary: 'auto' } });
    const body = codec.encodeResponse(hubResponse(), request, new Warnings());
    expect(validators.Response(body)).toBe(true);
    expect(body).toMatchObject({ tool_choice: 'required', text: { format: { type: 'json_object' } }, max_output_tokens: 50, reasoning: { effort: 'low', summary: 'auto' }, store: true });
  });

  it('the official openai SDK reads output_text and the tool call from it', async () => {
    const body = encode(mixed);
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://gateway.invalid/v1', maxRetries: 0, fetch: async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }) });
    const response = await client.responses.create({ model: 'm', input: 'hi' });
    expect(response.output_text).toBe('Calling the tool.');
    const call = response.output.find((o) => o.type === 'function_call');
    expect(call?.type === 'function_call' && call.call_id).toBe('toolu_01');
  });
});

describe('encodeResponse: cut short', () => {
  it('a length ending marks the last message item incomplete, as OpenAI does', () => {
    const body = encode(hubResponse({ output: [{ type: 'text', text: 'Hello from the' }], finishReason: { unified: 'length', raw: 'max_tokens' } }));
    expect((body.output as Record<string, unknown>[])[0]).toMatchObject({ type: 'message', status: 'incomplete' });
  });
});
