// Hub request → Chat request body: validity against the generated schema, the round trip
// (Chat → hub → Chat → hub keeps the hub), and what Chat cannot hold.
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-chat-completions/index.ts';
import { fixtureFiles, readFixtureJson } from '../../helpers/fixtures.ts';
import { decodeRequest, encodeRequest, hubRequest } from './helpers.ts';

const P = 'openai-chat-completions';

function roundTrip(body: Record<string, unknown>) {
  const first = decodeRequest(body).hub;
  const encoded = encodeRequest(first);
  expect(validators.ChatCompletionRequest(encoded.body)).toBe(true);
  return { first, encoded, second: decodeRequest(encoded.body).hub };
}

/**
 * The hub without its cache breakpoints: a Chat upstream gets none (OpenAI Chat caches prefixes
 * by itself; `prompt_cache_breakpoint` exists only on gpt-5.6+), only a `prompt_cache_key`.
 */
function withoutBreakpoints(hub: unknown): unknown {
  return JSON.parse(JSON.stringify(hub, (key, value: unknown) => (key === 'cacheControl' ? undefined : value)));
}

describe('encodeRequest: round trips', () => {
  it.each(fixtureFiles(P, /^client-.*\.request\.json$/))('%s: Chat → hub → Chat → hub keeps the hub (breakpoints become a cache key)', (file) => {
    const { first, encoded, second } = roundTrip(readFixtureJson(P, file));
    expect(second).toEqual(withoutBreakpoints(first));
    expect(encoded.body.prompt_cache_key !== undefined).toBe(JSON.stringify(first).includes('"cacheControl"'));
  });

  it.each(['tool-call-client-ids', 'tool-result-followup', 'image-url-input', 'audio-input', 'structured-output-json-schema', 'reasoning-replay', 'text-stop-sequence'])(
    '%s: Chat → hub → Chat → hub keeps the hub',
    (name) => {
      const { first, second } = roundTrip(readFixtureJson(P, `${name}.request.json`));
      expect(second).toEqual(first);
    },
  );

  it('the limit goes out as max_completion_tokens, never the deprecated max_tokens', () => {
    const { encoded } = roundTrip(readFixtureJson(P, 'client-opencode.request.json'));
    expect(encoded.body.max_completion_tokens).toBe(32000);
    expect(encoded.body).not.toHaveProperty('max_tokens');
    expect(encoded.body.stream).toBe(true);
  });

  it('assistant text and the tool calls after it share one Chat message; ids are kept exactly', () => {
    const { body } = encodeRequest(
      hubRequest({
        items: [
          { type: 'message', role: 'user', content: [{ type: 'text', text: 'q' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Checking.' }] },
          { type: 'tool-call', id: 'toolu_01A', name: 'a', arguments: '{"x":1}' },
          { type: 'tool-call', id: 'functions.Bash:0', name: 'apply_patch', arguments: 'raw', custom: true },
          { type: 'tool-result', callId: 'toolu_01A', content: [{ type: 'text', text: 'r1' }] },
          { type: 'tool-result', callId: 'functions.Bash:0', content: [{ type: 'text', text: 'r2' }] },
          { type: 'message', role: 'assistant', content: [] },
          { type: 'tool-call', id: 'call_3', name: 'a', arguments: '{}' },
          { type: 'tool-result', callId: 'call_3', content: [] },
        ],
      }),
    );
    expect(validators.ChatCompletionRequest(body)).toBe(true);
    expect(body.messages).toEqual([
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_01A', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
          { id: 'functions.Bash:0', type: 'custom', custom: { name: 'apply_patch', input: 'raw' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_01A', content: 'r1' },
      { role: 'tool', tool_call_id: 'functions.Bash:0', content: 'r2' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_3', type: 'function', function: { name: 'a', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_3', content: '' },
    ]);
  });
});

describe('encodeRequest: messages', () => {
  it('system prompt first, instructions in place with their role', () => {
    const { body } = encodeRequest(
      hubRequest({
        system: [{ type: 'text', text: 'Be terse.' }, { type: 'text', text: 'Use French.' }],
        items: [
          { type: 'message', role: 'user', content: [{ type: 'text', text: 'q' }] },
          { type: 'instruction', role: 'developer', content: [{ type: 'text', text: 'Now German.' }] },
        ],
      }),
    );
    expect(body.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be terse.' }, { type: 'text', text: 'Use French.' }] },
      { role: 'user', content: 'q' },
      { role: 'developer', content: 'Now German.' },
    ]);
  });

  it('media: base64 → data URLs, url images pass, file ids pass, url files become a placeholder with a warning', () => {
    const { body, warnings } = encodeRequest(
      hubRequest({
        items: [
          {
            type: 'message',
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0=' }, detail: 'high' },
              { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } },
              { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' } },
              { type: 'file', source: { kind: 'file-id', id: 'file-1' }, filename: 'x.pdf' },
              { type: 'file', source: { kind: 'url', url: 'https://example.com/doc.pdf' } },
              { type: 'audio', data: 'UklGRg==', format: 'wav' },
            ],
          },
        ],
      }),
    );
    expect(validators.ChatCompletionRequest(body)).toBe(true);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0=', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'file.pdf' } },
          { type: 'file', file: { file_id: 'file-1', filename: 'x.pdf' } },
          { type: 'text', text: '[file: https://example.com/doc.pdf]' },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        ],
      },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^file\.source\(url\): /)]);
  });

  it('images in tool results: text stays in the tool messages, images follow all of them in one user message, with a warning', () => {
    const { body, warnings } = encodeRequest(
      hubRequest({
        items: [
          { type: 'message', role: 'user', content: [{ type: 'text', text: 'read both' }] },
          { type: 'tool-call', id: 'c1', name: 'read', arguments: '{}' },
          { type: 'tool-call', id: 'c2', name: 'read', arguments: '{}' },
          { type: 'tool-result', callId: 'c1', content: [{ type: 'text', text: 'a.png:' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' } }] },
          { type: 'tool-result', callId: 'c2', content: [{ type: 'text', text: 'b' }], isError: true },
        ],
      }),
    );
    expect(validators.ChatCompletionRequest(body)).toBe(true);
    const messages = body.messages as Record<string, unknown>[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'user']);
    expect(messages[2]).toEqual({ role: 'tool', tool_call_id: 'c1', content: 'a.png:\n[image attached in the next user message]' });
    expect(messages[4]?.content).toEqual([
      { type: 'text', text: 'Attachments from the tool results above:' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=' } },
    ]);
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['tool-result media', 'tool-result.isError']);
  });

  it('reasoning history is never sent to Chat, whatever its origin, and says so once', () => {
    const { body, warnings } = encodeRequest(
      hubRequest({
        items: [
          { type: 'message', role: 'user', content: [{ type: 'text', text: 'q' }] },
          { type: 'reasoning', origin: 'claude', text: 'thinking', signature: 'sig' },
          { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'a' }] },
          { type: 'reasoning', origin: 'openai-chat-completions', text: 'more' },
          { type: 'message', role: 'user', content: [{ type: 'text', text: 'q2' }] },
        ],
      }),
    );
    expect(JSON.stringify(body)).not.toContain('thinking');
    expect(JSON.stringify(body)).not.toContain('more');
    expect(warnings).toEqual([expect.stringMatching(/^reasoning: /)]);
  });

  it('foreign tool-call signatures and Responses item ids are reported, the call id kept', () => {
    const { body, warnings } = encodeRequest(
      hubRequest({
        items: [
          { type: 'tool-call', id: 'call_9', name: 'a', arguments: '{}', itemId: 'fc_1', signature: { origin: 'gemini', value: 'c2ln' } },
          { type: 'tool-result', callId: 'call_9', content: [{ type: 'text', text: 'ok' }] },
        ],
      }),
    );
    expect(JSON.stringify(body)).toContain('"call_9"');
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['tool-call.signature', 'tool-call.itemId']);
  });

  it('a tool call without a result gets the hub placeholder result, so Chat accepts the history', () => {
    const { body, warnings } = encodeRequest(hubRequest({ items: [{ type: 'tool-call', id: 'c1', name: 'a', arguments: '{}' }, { type: 'message', role: 'user', content: [{ type: 'text', text: 'next' }] }] }));
    const messages = body.messages as Record<string, unknown>[];
    expect(messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'user']);
    expect(messages[0]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } }] });
    // The hub's placeholder result is an error result; Chat cannot flag it.
    expect(warnings).toEqual([expect.stringMatching(/^tool call c1 had no result/), expect.stringMatching(/^tool-result\.isError: /)]);
  });
});

describe('encodeRequest: parameters', () => {
  it('maps every hub parameter Chat has', () => {
    const { body, warnings } = encodeRequest(
      hubRequest({
        items: [{ type: 'message', role: 'user', content: [{ type: 'text', text: 'q' }] }],
        tools: [
          { type: 'function', name: 'f', description: 'd', parameters: { type: 'object', properties: {} }, strict: true },
          { type: 'function', name: 'p', parameters: {}, custom: { format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } } },
        ],
        toolChoice: { type: 'tool', name: 'p' },
        parallelToolCalls: false,
        responseFormat: { type: 'json_schema', schema: { type: 'object' }, strict: true },
        maxOutputTokens: 500,
        temperature: 1.2,
        topP: 0.5,
        stop: ['x', 'y'],
        seed: 1,
        presencePenalty: 0.5,
        frequencyPenalty: -0.5,
        n: 3,
        reasoning: { effort: 'xhigh' },
        user: 'u1',
        stream: true,
      }),
    );
    expect(validators.ChatCompletionRequest(body)).toBe(true);
    expect(body).toEqual({
      model: 'test-model',
      messages: [{ role: 'user', content: 'q' }],
      max_completion_tokens: 500,
      temperature: 1.2,
      top_p: 0.5,
      stop: ['x', 'y'],
      seed: 1,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      n: 3,
      user: 'u1',
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' }, strict: true } },
      tools: [
        { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', properties: {} }, strict: true } },
        { type: 'custom', custom: { name: 'p', format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: "x"' } } } },
      ],
      tool_choice: { type: 'custom', custom: { name: 'p' } },
      parallel_tool_calls: false,
      reasoning_effort: 'xhigh',
      stream: true,
      // A Chat upstream streams usage only when asked.
      stream_options: { include_usage: true },
    });
    expect(warnings).toEqual([]);
  });

  it.each([
    [{ budgetTokens: 2000 }, 'low'],
    [{ budgetTokens: 10000 }, 'high'],
    [{ budgetTokens: 0 }, 'none'],
    [{ enabled: false }, 'none'],
    [{ enabled: true }, undefined],
  ])('reasoning %j → reasoning_effort %s (no effort is made up)', (reasoning, effort) => {
    expect(encodeRequest(hubRequest({ reasoning })).body.reasoning_effort).toBe(effort);
  });

  it('no tools: tool_choice and parallel_tool_calls are not sent (OpenAI rejects them alone)', () => {
    const { body } = encodeRequest(hubRequest({ toolChoice: { type: 'none' }, parallelToolCalls: true }));
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('parallel_tool_calls');
  });

  it('top_k, reasoning summaries and cache breakpoints have no Chat twin: warnings', () => {
    const { warnings } = encodeRequest(
      hubRequest({
        topK: 40,
        reasoning: { effort: 'low', summary: 'auto' },
        system: [{ type: 'text', text: 's', cacheControl: { type: 'ephemeral' } }],
        tools: [{ type: 'function', name: 'f', parameters: {}, cacheControl: { type: 'ephemeral' } }],
      }),
    );
    expect(warnings.map((w) => w.split(':')[0]).sort()).toEqual(['cacheControl', 'reasoning.summary', 'tools[].cacheControl', 'topK']);
  });
});
