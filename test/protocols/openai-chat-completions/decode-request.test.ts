// Chat request bodies (our client fixtures, recorded traffic, edge cases) → hub request.
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-chat-completions/index.ts';
import type { HubItem } from '../../../src/hub/hub-request.ts';
import { fixtureFiles, readFixtureJson } from '../../helpers/fixtures.ts';
import { decodeRequest } from './helpers.ts';

const P = 'openai-chat-completions';

function only<T extends HubItem['type']>(items: HubItem[], type: T): Extract<HubItem, { type: T }>[] {
  return items.filter((item): item is Extract<HubItem, { type: T }> => item.type === type);
}

describe('decodeRequest: our client fixtures', () => {
  it.each(fixtureFiles(P, /^client-.*\.request\.json$/))('%s passes the validator and decodes', (file) => {
    const body = readFixtureJson(P, file);
    expect(validators.ChatCompletionRequest(body)).toBe(true);
    const { hub } = decodeRequest(body);
    expect(hub.model).toBe('up.test-model');
    expect(only(hub.items, 'message')[0]?.role).toBe('user');
  });

  it('opencode first turn: system prompt, user text, tools, limits, stream — and no warnings', () => {
    const { hub, warnings } = decodeRequest(readFixtureJson(P, 'client-opencode.request.json'));
    expect(hub.system).toHaveLength(1);
    expect(hub.system[0]?.text).toMatch(/^You are a coding assistant/);
    expect(hub.items).toEqual([{ type: 'message', role: 'user', content: [{ type: 'text', text: '"Add a .gitignore to /home/dev/demo that ignores node_modules"' }] }]);
    expect(hub.tools.map((tool) => tool.name)).toEqual(['bash', 'read', 'write']);
    expect(hub.tools[0]?.parameters).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', required: ['command'] });
    expect(hub.toolChoice).toEqual({ type: 'auto' });
    expect(hub.maxOutputTokens).toBe(32000);
    expect(hub.stream).toBe(true);
    // stream_options.include_usage asks the stream encoder for the usage chunk: no warning.
    expect(hub.streamUsage).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('opencode tool-result turn: the empty assistant text is not kept, call and result keep their id', () => {
    const { hub } = decodeRequest(readFixtureJson(P, 'client-opencode-tool-result.request.json'));
    expect(hub.items.map((item) => item.type)).toEqual(['message', 'tool-call', 'tool-result']);
    const [call] = only(hub.items, 'tool-call');
    expect(call?.id).toBe('call_7c11c05dff7b9c8f9a4cbd78');
    expect(call?.name).toBe('write');
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ filePath: '/home/dev/demo/.gitignore', content: 'node_modules/\n' });
    expect(only(hub.items, 'tool-result')[0]).toEqual({
      type: 'tool-result',
      callId: 'call_7c11c05dff7b9c8f9a4cbd78',
      name: 'write',
      content: [{ type: 'text', text: 'Wrote file successfully.' }],
    });
  });

  it('an unmodelled top-level field is tolerated and reported', () => {
    const { hub, warnings } = decodeRequest(readFixtureJson(P, 'client-sdk-unmodelled-field.request.json'));
    expect(hub.maxOutputTokens).toBe(256);
    expect(hub.stream).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/^x_future_field: /)]);
  });
});

describe('decodeRequest: SDK-shaped requests', () => {
  const request = (name: string) => readFixtureJson(P, `${name}.request.json`);

  it('usage-cache-breakpoint: a text cache breakpoint becomes a hub breakpoint; cache hints are reported', () => {
    const { hub, warnings } = decodeRequest(request('usage-cache-breakpoint'));
    const [message] = only(hub.items, 'message');
    expect(message?.content[0]).toMatchObject({ type: 'text', cacheControl: { type: 'ephemeral' } });
    // The routing key is kept for OpenAI targets (hub.promptCacheKey); the other hints are reported.
    expect(hub.promptCacheKey).toBe('any-api-workshop-parts');
    expect(warnings.some((w) => w.startsWith('prompt_cache_options:'))).toBe(true);
  });

  it('reasoning-replay: reasoning_effort and the replayed <think> text (plain assistant content)', () => {
    const { hub } = decodeRequest(request('reasoning-replay'));
    expect(hub.reasoning).toEqual({ enabled: true, effort: 'high', summary: 'auto' });
    expect(hub.items.map((item) => (item.type === 'message' ? item.role : item.type))).toEqual(['user', 'assistant', 'user']);
    expect(only(hub.items, 'message')[1]?.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^<think>/) });
  });

  it('image-url-input: an https image is a url source after a tool call and its result', () => {
    const { hub } = decodeRequest(request('image-url-input'));
    expect(hub.items.map((item) => item.type)).toEqual(['message', 'tool-call', 'tool-result', 'message']);
    expect(only(hub.items, 'message')[1]?.content).toEqual([
      { type: 'text', text: 'Here is upload 4f2a9c:' },
      { type: 'image', source: { kind: 'url', url: 'https://images.example.org/uploads/4f2a9c.png' } },
    ]);
    expect(only(hub.items, 'tool-call')[0]).toEqual({ type: 'tool-call', id: 'call_pTvNuG7ckqkCWDaWXIgJJMuQ', name: 'latest_upload', arguments: '{}' });
    expect(hub.tools[0]).toEqual({ type: 'function', name: 'latest_upload', description: '', parameters: { additionalProperties: false, properties: {}, type: 'object' } });
  });

  it('audio-input: input_audio becomes hub audio', () => {
    const { hub } = decodeRequest(request('audio-input'));
    const parts = only(hub.items, 'message')[0]?.content ?? [];
    expect(parts[0]).toEqual({ type: 'text', text: 'Which city is named in this recording?' });
    // The base64 of an ID3-tagged mp3 starts with "SUQz" ("ID3").
    expect(parts[1]).toMatchObject({ type: 'audio', format: 'mp3', data: expect.stringMatching(/^SUQz/) });
    expect(hub.n).toBe(1);
  });

  it('structured-output-json-schema: response_format keeps name, schema and strict', () => {
    const { hub } = decodeRequest(request('structured-output-json-schema'));
    expect(hub.responseFormat).toEqual({
      type: 'json_schema',
      name: 'weather',
      schema: { type: 'object', properties: { city: { type: 'string' }, temperature_c: { type: 'number' } }, required: ['city', 'temperature_c'], additionalProperties: false },
      strict: true,
    });
  });

  it('tool-call-client-ids: a client-made call id (pyd_ai_…) is kept on call and result', () => {
    const { hub } = decodeRequest(request('tool-call-client-ids'));
    expect(only(hub.items, 'tool-call')[0]).toEqual({ type: 'tool-call', id: 'pyd_ai_d2979e017c687f92e01db50dc97891cf', name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(only(hub.items, 'tool-result')[0]?.callId).toBe('pyd_ai_d2979e017c687f92e01db50dc97891cf');
  });

  it('text-stop-sequence: a stop array', () => {
    expect(decodeRequest(request('text-stop-sequence')).hub.stop).toEqual(['5']);
  });
});

describe('decodeRequest: messages', () => {
  const base = { model: 'm' };

  it('leading system/developer messages are the system prompt; later ones stay in place as instructions', () => {
    const { hub } = decodeRequest({
      ...base,
      messages: [
        { role: 'developer', content: 'Be terse.' },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Now answer in German.' },
        { role: 'developer', content: 'And be polite.' },
      ],
    });
    expect(hub.system).toEqual([{ type: 'text', text: 'Be terse.' }, { type: 'text', text: 'Answer in French.' }]);
    expect(hub.items.slice(1)).toEqual([
      { type: 'instruction', role: 'system', content: [{ type: 'text', text: 'Now answer in German.' }] },
      { type: 'instruction', role: 'developer', content: [{ type: 'text', text: 'And be polite.' }] },
    ]);
  });

  it('user parts: data-URL image → base64 (detail kept), https → url, files by data and by id', () => {
    const { hub } = decodeRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/AAA=', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
            { type: 'file', file: { file_id: 'file-abc123' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          ],
        },
      ],
    });
    expect(only(hub.items, 'message')[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/AAA=' }, detail: 'low' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'high' },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'file-id', id: 'file-abc123' } },
      { type: 'audio', data: 'UklGRg==', format: 'wav' },
    ]);
  });

  it('an unknown user part is dropped with a warning, not silently', () => {
    const { hub, warnings } = decodeRequest({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'hologram', data: 1 }] }] });
    expect(only(hub.items, 'message')[0]?.content).toEqual([{ type: 'text', text: 'a' }]);
    expect(warnings).toEqual([expect.stringMatching(/type=hologram/)]);
  });

  it('assistant: reasoning first (reasoning_content), then text and refusal, then tool calls in order; custom calls flagged', () => {
    const { hub } = decodeRequest({
      ...base,
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          reasoning_content: 'Let me think.',
          content: [{ type: 'text', text: 'Calling.' }],
          refusal: 'Not that one.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
            { id: 'call_2', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin Patch' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'done' }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
      ],
    });
    expect(hub.items.slice(1)).toEqual([
      { type: 'reasoning', origin: 'openai-chat-completions', text: 'Let me think.' },
      { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Calling.' }, { type: 'text', text: 'Not that one.' }] },
      { type: 'tool-call', id: 'call_1', name: 'a', arguments: '{"x":1}' },
      { type: 'tool-call', id: 'call_2', name: 'apply_patch', arguments: '*** Begin Patch', custom: true },
      { type: 'tool-result', callId: 'call_2', name: 'apply_patch', content: [{ type: 'text', text: 'done' }], custom: true },
      { type: 'tool-result', callId: 'call_1', name: 'a', content: [{ type: 'text', text: 'ok' }] },
    ]);
  });

  it('reasoning dialects in history: `reasoning` string, and reasoning_details (one item each, signatures kept)', () => {
    const reasoningOf = (message: Record<string, unknown>) =>
      only(decodeRequest({ ...base, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a', ...message }] }).hub.items, 'reasoning');
    expect(reasoningOf({ reasoning: 'hmm' })).toEqual([{ type: 'reasoning', origin: 'openai-chat-completions', text: 'hmm' }]);
    expect(
      reasoningOf({
        reasoning: 'duplicate of the details',
        reasoning_details: [
          { type: 'reasoning.text', text: 'step 1', signature: 'sig' },
          { type: 'reasoning.summary', summary: 'summary' },
          { type: 'reasoning.encrypted', data: 'enc' },
        ],
      }),
    ).toEqual([
      { type: 'reasoning', origin: 'openai-chat-completions', text: 'step 1', signature: 'sig' },
      { type: 'reasoning', origin: 'openai-chat-completions', summary: ['summary'] },
      { type: 'reasoning', origin: 'openai-chat-completions', encrypted: 'enc' },
    ]);
  });

  it('legacy function_call / role:function pair up under a gateway-made id', () => {
    const { hub } = decodeRequest({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{}' } },
        { role: 'function', name: 'lookup', content: 'found' },
      ],
    });
    const [call] = only(hub.items, 'tool-call');
    expect(call).toMatchObject({ name: 'lookup', arguments: '{}' });
    expect(only(hub.items, 'tool-result')[0]).toMatchObject({ callId: call?.id, name: 'lookup', content: [{ type: 'text', text: 'found' }] });
  });
});

describe('decodeRequest: parameters', () => {
  const messages = [{ role: 'user', content: 'q' }];

  it('maps sampling, limits, stop, user, response format and reasoning effort', () => {
    const { hub, warnings } = decodeRequest({
      model: 'm',
      messages,
      max_completion_tokens: 100,
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      n: 2,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: 0.3,
      safety_identifier: 'user-1',
      response_format: { type: 'json_object' },
      reasoning_effort: 'none',
      parallel_tool_calls: false,
      stream: true,
    });
    expect(hub).toMatchObject({
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      n: 2,
      stop: ['END'],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.3,
      user: 'user-1',
      responseFormat: { type: 'json_object' },
      reasoning: { enabled: false, effort: 'none' },
      parallelToolCalls: false,
      stream: true,
    });
    expect(warnings).toEqual([]);
  });

  it('deprecated max_tokens and user are read when alone', () => {
    const { hub } = decodeRequest({ model: 'm', messages, max_tokens: 64, user: 'u' });
    expect(hub.maxOutputTokens).toBe(64);
    expect(hub.user).toBe('u');
  });

  it('fields without a hub twin are dropped with one warning each; false/null ask for nothing', () => {
    const { hub, warnings } = decodeRequest({
      model: 'm',
      messages,
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { '50256': -100 },
      modalities: ['text', 'audio'],
      audio: { voice: 'alloy', format: 'wav' },
      prediction: { type: 'content', content: 'x' },
      service_tier: 'flex',
      store: true,
      metadata: { a: 'b' },
      web_search_options: {},
      prompt_cache_key: 'k',
      verbosity: 'low',
      stream_options: { include_usage: true },
    });
    const fields = warnings.map((w) => w.split(':')[0]);
    expect(fields.sort()).toEqual(
      ['audio', 'logit_bias', 'logprobs', 'metadata', 'modalities', 'prediction', 'service_tier', 'store', 'top_logprobs', 'verbosity', 'web_search_options'].sort(),
    );
    expect(hub.promptCacheKey).toBe('k');
    expect(decodeRequest({ model: 'm', messages, store: false, logprobs: null }).warnings).toEqual([]);
  });

  it('tools: function and custom (grammar flattened to the hub shape); built-in types dropped with a warning', () => {
    const { hub, warnings } = decodeRequest({
      model: 'm',
      messages,
      tools: [
        { type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } }, strict: true } },
        { type: 'function', function: { name: 'g' } },
        { type: 'custom', custom: { name: 'apply_patch', description: 'patch', format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: "x"' } } } },
        { type: 'web_search' },
      ],
      tool_choice: { type: 'custom', custom: { name: 'apply_patch' } },
    });
    expect(hub.tools).toEqual([
      { type: 'function', name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } }, strict: true },
      { type: 'function', name: 'g', parameters: { type: 'object', properties: {} } },
      {
        type: 'function',
        name: 'apply_patch',
        description: 'patch',
        parameters: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] },
        custom: { format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
      },
    ]);
    expect(hub.toolChoice).toEqual({ type: 'tool', name: 'apply_patch' });
    expect(warnings).toEqual([expect.stringMatching(/^tools\[\]\.type=web_search: /)]);
  });

  it.each([
    ['none', { type: 'none' }],
    ['auto', { type: 'auto' }],
    ['required', { type: 'required' }],
    [{ type: 'function', function: { name: 'f' } }, { type: 'tool', name: 'f' }],
  ])('tool_choice %j', (choice, expected) => {
    expect(decodeRequest({ model: 'm', messages, tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: choice }).hub.toolChoice).toEqual(expected);
  });

  it('tool_choice allowed_tools: the closest plain choice, with a warning', () => {
    const one = decodeRequest({ model: 'm', messages, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'f' } }] } } });
    expect(one.hub.toolChoice).toEqual({ type: 'tool', name: 'f' });
    expect(one.warnings).toEqual([expect.stringMatching(/^tool_choice\.allowed_tools: /)]);
    const many = decodeRequest({ model: 'm', messages, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'f' } }, { type: 'function', function: { name: 'g' } }] } } });
    expect(many.hub.toolChoice).toEqual({ type: 'auto' });
  });
});
