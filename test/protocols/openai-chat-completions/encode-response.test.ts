// Hub response → chat.completion for a Chat client: schema-valid, round-trips through
// decodeResponse, and says what it could not carry.
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-chat-completions/index.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { readFixtureJson } from '../../helpers/fixtures.ts';
import { decodeResponse, encodeResponse } from './helpers.ts';

const P = 'openai-chat-completions';

function hubResponse(over: Partial<HubResponse> = {}): HubResponse {
  return { id: 'msg_01', model: 'm', output: [], finishReason: { unified: 'stop' }, usage: { input: 0, output: 0 }, created: 1795392000, ...over };
}

describe('encodeResponse: round trips', () => {
  it.each(['text', 'tool-call'])('%s fixture: Chat → hub → Chat is schema-valid and keeps text, calls, finish and usage', (name) => {
    const original = readFixtureJson(P, `${name}.response.json`);
    const first = decodeResponse(original).hub;
    const { body } = encodeResponse(first);
    expect(validators.ChatCompletionResponse(body)).toBe(true);
    expect(body).toMatchObject({ id: original.id, created: original.created, model: original.model, choices: [{ finish_reason: (original.choices as { finish_reason: string }[])[0]?.finish_reason }] });
    const second = decodeResponse(body).hub;
    expect({ ...second, usage: { ...second.usage, raw: undefined } }).toEqual({ ...first, usage: { ...first.usage, raw: undefined } });
  });

  it('usage with cache reads round-trips', () => {
    const first = decodeResponse(readFixtureJson(P, 'usage-cache.response.json')).hub;
    const { body } = encodeResponse(first);
    expect(validators.ChatCompletionResponse(body)).toBe(true);
    expect(body.usage).toEqual({
      prompt_tokens: 100,
      completion_tokens: 5,
      total_tokens: 105,
      prompt_tokens_details: { cached_tokens: 75, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});

describe('encodeResponse: the message', () => {
  it('only tool calls: content null, finish tool_calls, ids exactly as the hub has them; the id gets the chatcmpl- prefix', () => {
    const { body, warnings } = encodeResponse(
      hubResponse({
        output: [
          { type: 'tool-call', id: 'toolu_01XYZ', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'call_2', name: 'apply_patch', arguments: 'diff', custom: true },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: { input: 100, output: 20, cacheRead: 75, cacheWrite: 5, reasoning: 8 },
      }),
    );
    expect(validators.ChatCompletionResponse(body)).toBe(true);
    expect(body).toEqual({
      id: 'chatcmpl-msg_01',
      object: 'chat.completion',
      created: 1795392000,
      model: 'm',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              { id: 'toolu_01XYZ', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'custom', custom: { name: 'apply_patch', input: 'diff' } },
            ],
          },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 75, cache_write_tokens: 5 },
        completion_tokens_details: { reasoning_tokens: 8 },
      },
    });
    expect(warnings).toEqual([]);
  });

  it('reasoning text and summaries go in reasoning_content; signatures are dropped with a warning', () => {
    const { body, warnings } = encodeResponse(
      hubResponse({
        output: [
          { type: 'reasoning', origin: 'claude', text: 'Thinking it over.', signature: 'EqQB' },
          { type: 'reasoning', origin: 'openai-responses', summary: ['First.', 'Second.'], encrypted: 'gAAA' },
          { type: 'text', text: 'Answer.' },
        ],
      }),
    );
    expect(validators.ChatCompletionResponse(body)).toBe(true);
    const message = (body.choices as { message: Record<string, unknown> }[])[0]?.message;
    expect(message).toMatchObject({ content: 'Answer.', reasoning_content: 'Thinking it over.\n\nFirst.\n\nSecond.' });
    expect(warnings).toEqual([expect.stringMatching(/^reasoning\.signature\/encrypted: /)]);
    // …and a Chat reader gets it back as reasoning.
    expect(decodeResponse(body).hub.output[0]).toEqual({ type: 'reasoning', origin: 'openai-chat-completions', text: 'Thinking it over.\n\nFirst.\n\nSecond.' });
  });

  it('a refusal: refusal set, content null, content_filter kept', () => {
    const { body } = encodeResponse(hubResponse({ output: [{ type: 'refusal', text: 'No.' }], finishReason: { unified: 'content-filter', raw: 'refusal' } }));
    expect(validators.ChatCompletionResponse(body)).toBe(true);
    expect((body.choices as unknown[])[0]).toMatchObject({ message: { content: null, refusal: 'No.' }, finish_reason: 'content_filter' });
  });

  it('an empty answer has content "" (not null); a matched stop sequence and Gemini call signatures are reported', () => {
    const { body, warnings } = encodeResponse(
      hubResponse({
        stopSequence: 'END',
        output: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}', signature: { origin: 'gemini', value: 'sig' } }],
      }),
    );
    expect((body.choices as unknown[])[0]).toMatchObject({ finish_reason: 'tool_calls' });
    expect(warnings.map((w) => w.split(':')[0]).sort()).toEqual(['stop_sequence', 'tool-call.signature']);
    expect((encodeResponse(hubResponse()).body.choices as unknown[])[0]).toMatchObject({ message: { content: '' } });
  });

  it('keeps a chatcmpl- id as is', () => {
    expect(encodeResponse(hubResponse({ id: 'chatcmpl-abc' })).body.id).toBe('chatcmpl-abc');
  });
});
