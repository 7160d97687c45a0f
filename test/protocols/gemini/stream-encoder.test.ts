// Gemini stream encoder: hub events → `alt=sse` frames, each a valid GenerateContentResponse with
// only its new parts; calls whole; signatures where encodeResponse puts them; the last frame with
// finishReason + usageMetadata; errors as google.rpc.Status. Round trip through the reducer, and
// the @google/genai SDK reading the bytes gives what the non-stream answer gives.
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validators, type Schemas } from '../../../generated/gemini/index.ts';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { geminiCodec } from '../../../src/protocols/gemini/codec.ts';
import { geminiStreamCodec } from '../../../src/protocols/gemini/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import { SSE_HEADERS, formatSse, type SseFrame } from '../../../src/stream/sse.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { sseMessages, sseText } from '../../helpers/hub-stream.ts';
import { REQUEST, accumulate } from './stream-helpers.ts';

type Body = Schemas['GenerateContentResponse'];

const encode = (events: HubEvent[]): SseFrame[] => runReducer(geminiStreamCodec.encoder(REQUEST), events);
const reduce = (raw: string): HubEvent[] => runReducer(geminiStreamCodec.reducer(REQUEST), sseMessages(raw));
const fixtureEvents = (file: string) => reduce(readFixture('gemini', file));

/** Every frame is data-only JSON: a valid GenerateContentResponse, or (last) a google.rpc.Status error. */
function bodies(frames: SseFrame[]): Body[] {
  return frames.map((frame, i) => {
    expect(frame.event).toBeUndefined();
    const body: unknown = JSON.parse(frame.data);
    if (validators.GenerateContentResponse(body) && !('error' in (body as object))) return body;
    expect(i, 'only the last frame may be an error').toBe(frames.length - 1);
    expect(validators.ErrorResponse(body)).toBe(true);
    return body as Body;
  });
}
const partsOf = (body: Body) => body.candidates?.[0]?.content?.parts ?? [];

const START: HubEvent = { type: 'response-start', id: 'resp_1', model: 'gpt-x', created: 1 };
const USAGE: HubEvent = { type: 'usage', usage: { input: 100, output: 20, cacheRead: 75, reasoning: 5 } };

describe('gemini stream encoder: frames', () => {
  it('text fixture: one frame per delta, ids and usage on each, a closing frame with STOP and no empty part', () => {
    const all = bodies(encode(fixtureEvents('stream-text.response.sse')));
    expect(all.map(partsOf)).toEqual([[{ text: 'Hello' }], [{ text: ' from the' }], [{ text: ' upstream.' }], []]);
    expect(all.every((b) => b.modelVersion === 'test-model' && b.responseId === 'Sewu4wHoKVPSgL-G3wp0lNJ' && b.candidates?.[0]?.index === 0)).toBe(true);
    expect(all.map((b) => b.usageMetadata?.candidatesTokenCount)).toEqual([1, 3, 6, 6]);
    expect(all.map((b) => b.candidates?.[0]?.finishReason)).toEqual([undefined, undefined, undefined, 'STOP']);
    expect(all.at(-1)?.usageMetadata).toEqual({ promptTokenCount: 12, candidatesTokenCount: 6, totalTokenCount: 18 });
  });

  it('streamed argument fragments (empty first, several calls) become whole functionCall parts with ids', () => {
    const events: HubEvent[] = [
      START,
      { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Checking.' }, { type: 'text-end', block: 't' },
      { type: 'tool-call-start', block: 'a', id: 'call_a', name: 'get_weather' },
      { type: 'tool-call-delta', block: 'a', delta: '' }, { type: 'tool-call-delta', block: 'a', delta: '{"ci' }, { type: 'tool-call-delta', block: 'a', delta: 'ty":"Paris"}' },
      { type: 'tool-call-end', block: 'a' },
      { type: 'tool-call-start', block: 'b', id: 'toolu_b', name: 'get_weather' }, { type: 'tool-call-delta', block: 'b', delta: '{"city":"Lima"}' },
      { type: 'tool-call-end', block: 'b', signature: { origin: 'claude', value: 'not-for-gemini' } },
      USAGE,
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    ];
    const all = bodies(encode(events));
    expect(all.map(partsOf)).toEqual([
      [{ text: 'Checking.' }],
      [{ functionCall: { id: 'call_a', name: 'get_weather', args: { city: 'Paris' } } }],
      [{ functionCall: { id: 'toolu_b', name: 'get_weather', args: { city: 'Lima' } } }],
      [],
    ]);
    // Usage arrived after the calls: only the last frame has it, cumulative and with Gemini's arithmetic.
    expect(all.map((b) => b.usageMetadata !== undefined)).toEqual([false, false, false, true]);
    expect(all.at(-1)?.usageMetadata).toEqual({ promptTokenCount: 100, candidatesTokenCount: 15, thoughtsTokenCount: 5, cachedContentTokenCount: 75, totalTokenCount: 120 });
    expect(all.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(all.every((b) => b.responseId === 'resp_1' && b.modelVersion === 'gpt-x')).toBe(true);
  });

  it('a custom tool call carries its raw input as {input}', () => {
    const all = bodies(encode([START, { type: 'tool-call-start', block: 'c', id: 'call_c', name: 'apply_patch', custom: true }, { type: 'tool-call-delta', block: 'c', delta: '*** Begin Patch' }, { type: 'tool-call-end', block: 'c' }, { type: 'finish', finishReason: { unified: 'tool-calls' } }]));
    expect(partsOf(all[0] ?? {})).toEqual([{ functionCall: { id: 'call_c', name: 'apply_patch', args: { input: '*** Begin Patch' } } }]);
  });

  it('reasoning: foreign thoughts shown without their signature; Gemini signatures where encodeResponse puts them', () => {
    const events: HubEvent[] = [
      START,
      { type: 'reasoning-start', block: 'r1', origin: 'claude' }, { type: 'reasoning-delta', block: 'r1', delta: 'Hmm.', kind: 'text' }, { type: 'reasoning-end', block: 'r1', signature: 'claude-sig' },
      { type: 'reasoning-start', block: 'r2', origin: 'gemini' }, { type: 'reasoning-delta', block: 'r2', delta: 'Plan.', kind: 'summary' }, { type: 'reasoning-end', block: 'r2', signature: 'R1NJRzE=' },
      { type: 'reasoning-start', block: 'r3', origin: 'gemini' }, { type: 'reasoning-end', block: 'r3', signature: 'R1NJRzI=' },
      { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hi' }, { type: 'text-delta', block: 't', delta: '!' }, { type: 'text-end', block: 't' },
      { type: 'reasoning-start', block: 'r4', origin: 'gemini' }, { type: 'reasoning-end', block: 'r4', signature: 'R1NJRzM=' },
      { type: 'reasoning-start', block: 'r5', origin: 'claude', redacted: true }, { type: 'reasoning-end', block: 'r5', encrypted: 'opaque' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
    ];
    const all = bodies(encode(events));
    expect(all.map(partsOf)).toEqual([
      [{ text: 'Hmm.', thought: true }],
      [{ text: 'Plan.', thought: true }],
      [{ text: '', thought: true, thoughtSignature: 'R1NJRzE=' }],
      [{ text: 'Hi', thoughtSignature: 'R1NJRzI=' }],
      [{ text: '!' }],
      [{ text: '', thoughtSignature: 'R1NJRzM=' }],
    ]);
    expect(all.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(all.at(-1)?.usageMetadata).toEqual({ promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 });
  });

  it('finish reasons: length → MAX_TOKENS; a blocked prompt keeps the no-candidate promptFeedback shape', () => {
    expect(bodies(encode([START, { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' } }]))[0]?.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    const [blocked] = bodies(encode([START, USAGE, { type: 'finish', finishReason: { unified: 'content-filter', raw: 'blockReason:SAFETY' } }]));
    expect(blocked).toMatchObject({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 100 } });
    expect(blocked?.candidates).toBeUndefined();
  });

  it('an error after output: the google.rpc.Status envelope (529 → 503 UNAVAILABLE), nothing after it', () => {
    const frames = encode([START, { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hel' }, { type: 'error', status: 529, message: 'Overloaded', code: 'overloaded_error' }, { type: 'finish', finishReason: { unified: 'stop' } }]);
    bodies(frames);
    expect(frames).toHaveLength(2);
    expect(JSON.parse(frames[1]?.data ?? '')).toEqual({ error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } });
  });

  it('a hub stream that stops without finish or error ends with a 502 error frame, never a finished-looking stream', () => {
    const frames = encode([START, { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hel' }]);
    expect(JSON.parse(frames.at(-1)?.data ?? '')).toEqual({ error: { code: 502, message: 'upstream stream ended early', status: 'UNAVAILABLE' } });
  });

  it('keepAlive is an SSE comment', () => {
    expect(formatSse(geminiStreamCodec.keepAlive)).toBe(': keep-alive\n\n');
  });
});

describe('gemini stream: round trip reducer → encoder → reducer', () => {
  it.each(['stream-text.response.sse', 'stream-tool-call.response.sse', 'stream-tool-calls-parallel.response.sse', 'stream-error-after-output.response.sse'])('%s keeps its hub content', (file) => {
    const first = fixtureEvents(file);
    const again = reduce(sseText(encode(first)));
    const [a, b] = [accumulate(first), accumulate(again)];
    expect(b.output).toEqual(a.output);
    expect(b.finishReason).toEqual(a.finishReason);
    expect(b.error).toEqual(a.error === undefined ? undefined : { ...a.error, code: 'UNAVAILABLE' });
    expect([b.id, b.model]).toEqual([a.id, a.model]);
    const { raw: _a, ...usageA } = a.usage ?? { input: -1, output: -1 };
    const { raw: _b, ...usageB } = b.usage ?? { input: -1, output: -1 };
    expect(usageB).toEqual(usageA);
  });
});

describe('gemini stream: the @google/genai SDK reads our frames as it reads the non-stream answer', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function sdkStream(frames: SseFrame[]): Promise<GenerateContentResponse[]> {
    // Keep-alive comments between every frame: the SDK must not see them.
    const raw = frames.map((f) => formatSse(geminiStreamCodec.keepAlive) + formatSse(f)).join('');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(raw, { status: 200, headers: SSE_HEADERS })));
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gateway.test', retryOptions: { attempts: 1 } } });
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: 'up.test-model', contents: 'hi' })) chunks.push(chunk);
    return chunks;
  }

  it.each(['stream-text.response.sse', 'stream-tool-call.response.sse', 'stream-tool-calls-parallel.response.sse'])('%s: text, calls, finish and usage equal encodeResponse', async (file) => {
    const events = fixtureEvents(file);
    const chunks = await sdkStream(encode(events));
    const acc = accumulate(events);
    const hub: HubResponse = { id: acc.id ?? '', model: acc.model ?? '', output: acc.output, finishReason: acc.finishReason ?? { unified: 'other' }, usage: acc.usage ?? { input: 0, output: 0 }, created: 1 };
    const nonStream = geminiCodec.encodeResponse(hub, REQUEST, new Warnings()) as Body;
    const parts = partsOf(nonStream);
    // Answer text as the SDK's `text` getter reads it (thoughts excluded), without its non-text warning.
    const answerText = (ps: Array<{ text?: string; thought?: boolean }>) => ps.filter((p) => !p.thought).map((p) => p.text ?? '').join('');
    expect(answerText(chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? []))).toBe(answerText(parts));
    expect(chunks.flatMap((c) => c.functionCalls ?? [])).toEqual(parts.flatMap((p) => (p.functionCall ? [p.functionCall] : [])));
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe(nonStream.candidates?.[0]?.finishReason);
    expect(chunks.at(-1)?.usageMetadata).toEqual(nonStream.usageMetadata);
    expect(chunks.at(-1)?.responseId).toBe(nonStream.responseId);
  });

  it('an error frame makes the SDK throw with its status', async () => {
    await expect(sdkStream(encode(fixtureEvents('stream-error-after-output.response.sse')))).rejects.toMatchObject({ status: 502 });
  });
});
