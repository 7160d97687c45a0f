// Hub events → Chat SSE: every chunk valid against the generated ChatCompletionChunk schema, the
// role on the first chunk, a tool call's id/type/name only on its first chunk, the
// finish chunk, the usage chunk only when asked, [DONE] last — or an error frame and no [DONE].
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-chat-completions/index.ts';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import type { SseFrame } from '../../../src/stream/sse.ts';
import { sseText } from '../../helpers/hub-stream.ts';
import { encodeResponse, hubRequest } from './helpers.ts';
import { encode, payloads, streamCodec } from './stream-helpers.ts';

type Chunk = { id: string; created: number; model: string; choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>; usage?: Record<string, unknown> };

const START: HubEvent = { type: 'response-start', id: 'msg_01abc', model: 'claude-x', created: 1700000000 };
const USAGE: HubEvent = { type: 'usage', usage: { input: 12, output: 6, cacheRead: 2 } };
const stop = (unified: 'stop' | 'tool-calls' | 'length' | 'error' = 'stop'): HubEvent => ({ type: 'finish', finishReason: { unified } });
const text = (block: string, ...deltas: string[]): HubEvent[] => [
  { type: 'text-start', block },
  ...deltas.map((delta): HubEvent => ({ type: 'text-delta', block, delta })),
  { type: 'text-end', block },
];
const tool = (block: string, id: string, name: string, ...deltas: string[]): HubEvent[] => [
  { type: 'tool-call-start', block, id, name },
  ...deltas.map((delta): HubEvent => ({ type: 'tool-call-delta', block, delta })),
  { type: 'tool-call-end', block },
];

/** Every frame is a valid chunk, an error envelope or the final [DONE]; returns the chunks. */
function validChunks(frames: readonly SseFrame[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const payload of payloads(frames)) {
    if (payload === '[DONE]') continue;
    if (typeof payload === 'object' && payload !== null && 'error' in payload) {
      expect(validators.ErrorResponse(payload)).toBe(true);
      continue;
    }
    expect(validators.ChatCompletionChunk(payload), JSON.stringify(payload)).toBe(true);
    chunks.push(payload as Chunk);
  }
  return chunks;
}

const deltas = (chunks: readonly Chunk[]) => chunks.map((c) => c.choices[0]?.delta);

describe('stream encoder: spec shape and order', () => {
  it('text: role + content "" first, deltas, delta {} with finish_reason, usage chunk (asked), [DONE]', () => {
    const frames = encode([START, ...text('t', 'Hello', ' there'), USAGE, stop()], hubRequest({ stream: true, streamUsage: true }));
    const chunks = validChunks(frames);
    expect(frames.at(-1)).toEqual({ data: '[DONE]' });
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hello' }, { content: ' there' }, {}, undefined]);
    expect(chunks.map((c) => c.choices[0]?.finish_reason)).toEqual([null, null, null, 'stop', undefined]);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18, prompt_tokens_details: { cached_tokens: 2 } } });
    // One id (with Chat's prefix), created and model on every chunk; logprobs null on every choice.
    expect(new Set(chunks.map((c) => `${c.id} ${c.created} ${c.model}`))).toEqual(new Set(['chatcmpl-msg_01abc 1700000000 claude-x']));
    expect(chunks.slice(0, -1).every((c) => c.choices.length === 1 && c.choices[0]?.index === 0 && 'logprobs' in (c.choices[0] ?? {}))).toBe(true);
  });

  it('no usage chunk unless the client asked (stream_options.include_usage)', () => {
    const chunks = validChunks(encode([START, ...text('t', 'Hi'), USAGE, stop()]));
    expect(chunks.every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
  });

  it('asked for usage but the upstream sent none: a zero usage chunk, as a non-streamed answer without usage', () => {
    const chunks = validChunks(encode([START, ...text('t', 'Hi'), stop()], hubRequest({ stream: true, streamUsage: true })));
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });

  it('tool calls: role + content null + the first call; id/type/name only on a call\'s first chunk; indexes 0..n', () => {
    const frames = encode([START, ...tool('a', 'call_a', 'f', '{"ci', 'ty":"Paris"}'), ...tool('b', 'toolu_b', 'g', '', '{}'), stop('tool-calls')]);
    const chunks = validChunks(frames);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] },
      { tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'g', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('text then a tool call: the role goes with the text; the call still starts at index 0', () => {
    const chunks = validChunks(encode([START, ...text('t', 'Checking.'), ...tool('a', 'call_a', 'f', '{}'), stop('tool-calls')]));
    expect(deltas(chunks).slice(0, 3)).toEqual([{ role: 'assistant', content: '' }, { content: 'Checking.' }, { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }]);
  });

  it('a custom tool call streams as type custom with input fragments', () => {
    const chunks = validChunks(encode([START, { type: 'tool-call-start', block: 'p', id: 'call_p', name: 'apply_patch', custom: true }, { type: 'tool-call-delta', block: 'p', delta: '*** Begin' }, { type: 'tool-call-end', block: 'p' }, stop('tool-calls')]));
    expect(deltas(chunks).slice(0, 2)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_p', type: 'custom', custom: { name: 'apply_patch', input: '' } }] },
      { tool_calls: [{ index: 0, custom: { input: '*** Begin' } }] },
    ]);
  });

  it('reasoning (any origin) as delta.reasoning_content; blocks set apart by a blank line as in the non-streamed field; no signature field', () => {
    const events: HubEvent[] = [
      START,
      { type: 'reasoning-start', block: 'r1', origin: 'claude' },
      { type: 'reasoning-delta', block: 'r1', delta: 'First.', kind: 'text' },
      { type: 'reasoning-end', block: 'r1', signature: 'sig' },
      { type: 'reasoning-start', block: 'rx', origin: 'claude', redacted: true },
      { type: 'reasoning-end', block: 'rx' },
      { type: 'reasoning-start', block: 'r2', origin: 'openai-responses' },
      { type: 'reasoning-delta', block: 'r2', delta: 'Second', kind: 'summary' },
      { type: 'reasoning-delta', block: 'r2', delta: ' part.', kind: 'summary' },
      { type: 'reasoning-end', block: 'r2', encrypted: 'enc' },
      ...text('t', 'Answer'),
      stop(),
    ];
    const chunks = validChunks(encode(events));
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: null },
      { reasoning_content: 'First.' },
      { reasoning_content: '\n\nSecond' },
      { reasoning_content: ' part.' },
      { content: 'Answer' },
      {},
    ]);
  });

  it('an answer with no output: role + content "", then the finish', () => {
    expect(deltas(validChunks(encode([START, stop()])))).toEqual([{ role: 'assistant', content: '' }, {}]);
  });

  it.each([
    ['stop', [], 'stop'],
    ['tool-calls', [], 'stop'],
    ['stop', tool('a', 'c', 'f', '{}'), 'tool_calls'],
    ['length', [], 'length'],
    ['content-filter', [], 'content_filter'],
    ['error', [], 'stop'],
    ['other', [], 'stop'],
  ] as const)('finish %s (+%j) → finish_reason %s (the non-stream table and tool-call invariant)', (unified, calls, expected) => {
    const chunks = validChunks(encode([START, ...calls, { type: 'finish', finishReason: { unified } }]));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe(expected);
  });

  it('events after the finish are ignored; a stream that ends with neither finish nor error ends in an error frame', () => {
    const frames = encode([START, ...text('t', 'a'), stop(), ...text('u', 'late')]);
    expect(frames.at(-1)).toEqual({ data: '[DONE]' });
    expect(payloads(frames).filter((p) => JSON.stringify(p).includes('late'))).toEqual([]);
    const cut = encode([START, ...text('t', 'a')]);
    expect(payloads(cut).at(-1)).toEqual({ error: { message: 'upstream stream ended early', type: 'server_error', param: null, code: null } });
  });

  it('keepAlive is an SSE comment', () => {
    expect(sseText([streamCodec.keepAlive])).toBe(': keep-alive\n\n');
  });
});

describe('stream encoder: errors', () => {
  it.each([
    [500, undefined, { type: 'server_error', code: null }],
    [429, 'rate_limit_exceeded', { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' }],
    [529, undefined, { type: 'server_error', code: 'overloaded' }],
    [400, 'context_length_exceeded', { type: 'invalid_request_error', code: 'context_length_exceeded' }],
  ] as const)('status %i (code %s) → {"error":{message,type,param,code}} and close, no [DONE]', (status, code, expected) => {
    const frames = encode([START, ...text('t', 'Hi'), { type: 'error', status, message: 'boom', ...(code ? { code } : {}) }, stop()]);
    validChunks(frames);
    expect(frames.at(-1)).not.toEqual({ data: '[DONE]' });
    expect(payloads(frames).at(-1)).toEqual({ error: { message: 'boom', param: null, ...expected } });
  });
});

describe('stream encoder: the openai SDK accumulates the non-streamed answer', () => {
  /** Hub events for an answer, arguments in two fragments each. */
  function eventsOf(response: HubResponse): HubEvent[] {
    const events: HubEvent[] = [{ type: 'response-start', id: response.id, model: response.model, created: response.created }];
    response.output.forEach((output, i) => {
      const block = `b${i}`;
      if (output.type === 'text') events.push(...text(block, output.text.slice(0, 3), output.text.slice(3)));
      if (output.type === 'tool-call') events.push(...tool(block, output.id, output.name, '', output.arguments.slice(0, 5), output.arguments.slice(5)));
    });
    events.push({ type: 'usage', usage: response.usage }, { type: 'finish', finishReason: response.finishReason });
    return events;
  }

  async function sdkFinal(frames: readonly SseFrame[]) {
    const body = sseText(frames);
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://upstream.test/v1',
      maxRetries: 0,
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const stream = client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'q' }], stream_options: { include_usage: true } });
    return stream.finalChatCompletion();
  }

  const base = { id: 'resp_1', model: 'test-model', created: 1700000000, usage: { input: 80, output: 40, cacheRead: 10 } } as const;
  it.each<[string, HubResponse]>([
    ['text', { ...base, output: [{ type: 'text', text: 'Hello from the upstream.' }], finishReason: { unified: 'stop' } }],
    ['tool calls only (content null)', { ...base, output: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }], finishReason: { unified: 'tool-calls' } }],
    ['text and three calls', {
      ...base,
      output: [
        { type: 'text', text: 'Checking three cities.' },
        { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
        { type: 'tool-call', id: 'call_3', name: 'get_weather', arguments: '{"city":"Lima"}' },
      ],
      finishReason: { unified: 'tool-calls' },
    }],
    ['cut off by the limit', { ...base, output: [{ type: 'text', text: 'Hello from the' }], finishReason: { unified: 'length' } }],
  ])('%s', async (_name, response) => {
    const request = hubRequest({ stream: true, streamUsage: true });
    const final = await sdkFinal(encode(eventsOf(response), request));
    const expected = encodeResponse(response, request).body as { id: string; choices: Array<{ message: Record<string, unknown>; finish_reason: string }>; usage: unknown };
    const [choice] = final.choices;
    expect(final.id).toBe(expected.id);
    expect(choice?.finish_reason).toBe(expected.choices[0]?.finish_reason);
    expect(choice?.message.content).toEqual(expected.choices[0]?.message.content);
    expect(choice?.message.tool_calls ?? []).toEqual(expected.choices[0]?.message.tool_calls ?? []);
    expect(final.usage).toEqual(expected.usage);
  });

  it('an error frame makes the SDK throw, with the message', async () => {
    await expect(sdkFinal(encode([START, ...text('t', 'Hi'), { type: 'error', status: 503, message: 'Overloaded' }]))).rejects.toThrow(/Overloaded/);
  });
});
