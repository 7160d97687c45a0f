// Gemini stream reducer: our stream fixtures give hub events that keep the
// hub rules and add up to what decodeResponse gives for the same answer; errors, truncation,
// unknown data, and the part shapes Gemini streams (whole calls, several per chunk, signatures).
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { geminiCodec } from '../../../src/protocols/gemini/codec.ts';
import { geminiStreamCodec } from '../../../src/protocols/gemini/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import type { SseMessage } from '../../../src/stream/sse-parser.ts';
import { parseSse, reducerStream } from '../../helpers/web-streams.ts';
import { fixtureFiles, readFixture, readFixtureJson } from '../../helpers/fixtures.ts';
import { expectHubRules, sseMessages } from '../../helpers/hub-stream.ts';
import { REQUEST, accumulate, withStableIds } from './stream-helpers.ts';

const reduce = (messages: SseMessage[]): HubEvent[] => runReducer(geminiStreamCodec.reducer(REQUEST), messages);
const reduceFixture = (file: string) => reduce(sseMessages(readFixture('gemini', file)));
const data = (...chunks: unknown[]): SseMessage[] => chunks.map((c) => ({ data: JSON.stringify(c) }));
const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) => ({ candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }], modelVersion: 'm', responseId: 'r' });

/** The non-stream answer the same chunks make: parts concatenated, the last finishReason and usage. */
function asOneResponse(chunks: Array<Record<string, unknown>>): Record<string, unknown> {
  const parts: unknown[] = [];
  let finishReason: unknown;
  let usageMetadata: unknown;
  for (const c of chunks) {
    const candidate = (c.candidates as Array<{ content?: { parts?: unknown[] }; finishReason?: unknown }> | undefined)?.[0];
    parts.push(...(candidate?.content?.parts ?? []));
    finishReason = candidate?.finishReason ?? finishReason;
    usageMetadata = c.usageMetadata ?? usageMetadata;
  }
  const last = chunks.at(-1) ?? {};
  return { candidates: [{ content: { role: 'model', parts }, finishReason }], usageMetadata, modelVersion: last.modelVersion, responseId: last.responseId };
}

function expectSameAsNonStream(events: HubEvent[], nonStream: unknown): void {
  expectHubRules(events);
  const hub = geminiCodec.decodeResponse(nonStream, new Warnings());
  const got = accumulate(events);
  expect(withStableIds(got.output)).toEqual(withStableIds(hub.output));
  expect(got.finishReason).toEqual(hub.finishReason);
  expect(got.usage).toEqual(hub.usage);
  expect(got.model).toBe(hub.model);
}

describe('gemini stream reducer: our fixtures equal their non-stream twins', () => {
  it.each([
    ['stream-text.response.sse', 'text.response.json'],
    ['stream-tool-call.response.sse', 'tool-call.response.json'],
    ['stream-tool-calls-parallel.response.sse', 'tool-calls-parallel.response.json'],
  ])('%s ↔ %s', (sse, json) => {
    const events = reduceFixture(sse);
    expectSameAsNonStream(events, readFixtureJson('gemini', json));
    expect(events[0]).toMatchObject({ type: 'response-start', model: 'test-model', id: expect.stringMatching(/^[\w-]{20,}$/) });
  });

  it('text: three deltas in one block, usage only when it changed, finish last', () => {
    const events = reduceFixture('stream-text.response.sse');
    expect(events.map((e) => e.type)).toEqual(['response-start', 'usage', 'text-start', 'text-delta', 'usage', 'text-delta', 'usage', 'text-delta', 'text-end', 'finish']);
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta)).toEqual(['Hello', ' from the', ' upstream.']);
  });

  it('tool call: one whole delta, the signature on tool-call-end, the empty closing text part makes no block', () => {
    const events = reduceFixture('stream-tool-call.response.sse');
    expect(events.map((e) => e.type)).toEqual(['response-start', 'usage', 'tool-call-start', 'tool-call-delta', 'tool-call-end', 'finish']);
    expect(events[3]).toEqual({ type: 'tool-call-delta', block: 'b0', delta: '{"city":"Paris"}' });
    expect(events[4]).toMatchObject({ type: 'tool-call-end', signature: { origin: 'gemini', value: expect.stringMatching(/^EpwCCpkC/) } });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' } });
  });

  it('the production path (bytes split anywhere → parseSse → reducerStream) gives the same events', async () => {
    const bytes = new TextEncoder().encode(readFixture('gemini', 'stream-tool-calls-parallel.response.sse'));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const events: HubEvent[] = [];
    const reader = parseSse(body).pipeThrough(reducerStream(geminiStreamCodec.reducer(REQUEST))).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) events.push(r.value);
    expectSameAsNonStream(events, readFixtureJson('gemini', 'tool-calls-parallel.response.json'));
  });
});

describe('gemini stream reducer: errors and truncation', () => {
  it('a stream that ends without finishReason (error fixture) ends in one 502 error, not a finish', () => {
    const events = reduceFixture('stream-error-after-output.response.sse');
    expectHubRules(events);
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta)).toEqual(['Hello', ' from the']);
    expect(events.at(-1)).toEqual({ type: 'error', status: 502, message: 'upstream stream ended early' });
  });

  it('an empty body is an error too', () => {
    expect(reduce([])).toEqual([{ type: 'error', status: 502, message: 'upstream stream ended early' }]);
  });

  it('an in-band error after output: its code as status, nothing after it', () => {
    const events = reduce(data(chunk([{ text: 'Hi' }]), { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }, chunk([{ text: 'late' }], { finishReason: 'STOP' })));
    expectHubRules(events);
    expect(events.at(-1)).toEqual({ type: 'error', status: 503, message: 'The model is overloaded.', code: 'UNAVAILABLE' });
    expect(events.some((e) => e.type === 'text-delta' && e.delta === 'late')).toBe(false);
  });

  it('an error first: only the error; a status name without a code maps to its HTTP status', () => {
    expect(reduce(data({ error: { message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }))).toEqual([{ type: 'error', status: 429, message: 'Quota exceeded', code: 'RESOURCE_EXHAUSTED' }]);
    expect(reduce(data({ error: { code: 'x' } }))).toMatchObject([{ type: 'error', status: 500 }]);
  });

  it('unknown events, comments, [DONE] and unparseable data are skipped', () => {
    const clean = reduceFixture('stream-text.response.sse');
    const noisy = `: keep-alive\n\ndata: [DONE]\n\nevent: something-new\ndata: {not json\n\ndata: 42\n\n${readFixture('gemini', 'stream-text.response.sse')}data: "tail"\n\n`;
    const events = reduce(sseMessages(noisy));
    expect(events.map((e) => e.type)).toEqual(clean.map((e) => e.type));
    expect(accumulate(events).output).toEqual(accumulate(clean).output);
  });

  it('a usage-only chunk after finishReason still counts: the finish waits for the end of the body', () => {
    const events = reduce(data(chunk([{ text: 'a' }], { finishReason: 'STOP' }), { usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1 }, modelVersion: 'm', responseId: 'r' }));
    expectHubRules(events);
    expect(accumulate(events).usage).toMatchObject({ input: 3, output: 1 });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' } });
  });
});

describe('gemini stream reducer: part shapes', () => {
  it('text, calls and text in one chunk: sequential blocks, given ids kept, missing args → {}', () => {
    const events = reduce(data(chunk([{ text: 'Let me check.' }, { functionCall: { id: 'c1', name: 'a', args: { x: [1, { y: '"' }] } } }, { functionCall: { name: 'b' } }, { text: 'Done' }], { finishReason: 'STOP' })));
    expectHubRules(events);
    const got = accumulate(events);
    expect(got.output).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', id: 'c1', name: 'a', arguments: '{"x":[1,{"y":"\\""}]}' },
      { type: 'tool-call', id: expect.stringMatching(/^call_[0-9a-f]{24}$/), name: 'b', arguments: '{}' },
      { type: 'text', text: 'Done' },
    ]);
    expect(got.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
  });

  it('thoughts continue one reasoning block across chunks; a signed answer part gives a signature-only block in place', () => {
    const chunks = [
      chunk([{ text: 'Think 1. ', thought: true }]),
      chunk([{ text: 'Think 2.', thought: true }]),
      chunk([{ text: 'Answer', thoughtSignature: 'U0lH' }]),
      chunk([{ inlineData: { mimeType: 'image/png', data: 'AA==' } }, { text: ' goes on.' }], { finishReason: 'STOP' }),
    ];
    const events = reduce(data(...chunks));
    expectHubRules(events);
    expect(events.find((e) => e.type === 'reasoning-start')).toMatchObject({ origin: 'gemini' });
    expect(events.filter((e) => e.type === 'reasoning-delta').every((e) => e.kind === 'summary')).toBe(true);
    expect(accumulate(events).output).toEqual([
      { type: 'reasoning', origin: 'gemini', text: 'Think 1. Think 2.' },
      { type: 'reasoning', origin: 'gemini', signature: 'U0lH' },
      { type: 'text', text: 'Answer goes on.' },
    ]);
  });

  it('a signed thought part closes its reasoning block with the signature', () => {
    const events = reduce(data(chunk([{ text: 'T', thought: true, thoughtSignature: 'QQ==' }, { text: 'U', thought: true }]), chunk([], { finishReason: 'STOP' })));
    expectHubRules(events);
    expect(accumulate(events).output).toEqual([{ type: 'reasoning', origin: 'gemini', text: 'T', signature: 'QQ==' }, { type: 'reasoning', origin: 'gemini', text: 'U' }]);
  });

  it('finish reasons through the table: MAX_TOKENS with a call stays length, SAFETY → content-filter', () => {
    const last = (events: HubEvent[]) => events.at(-1);
    expect(last(reduce(data(chunk([{ functionCall: { name: 'a', args: {} } }], { finishReason: 'MAX_TOKENS' }))))).toEqual({ type: 'finish', finishReason: { unified: 'length', raw: 'MAX_TOKENS' } });
    expect(last(reduce(data(chunk([{ text: 'x' }]), { candidates: [{ content: {}, finishReason: 'SAFETY' }] })))).toEqual({ type: 'finish', finishReason: { unified: 'content-filter', raw: 'SAFETY' } });
  });

  it('a blocked prompt (promptFeedback, no candidates) finishes content-filter like decodeResponse', () => {
    const blocked = { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 }, modelVersion: 'm', responseId: 'r' };
    const events = reduce(data(blocked));
    expectSameAsNonStream(events, blocked);
    expect(events.map((e) => e.type)).toEqual(['response-start', 'usage', 'finish']);
  });
});

describe('gemini stream reducer: every stream fixture equals its chunks merged', () => {
  const chunksOf = (file: string): Array<Record<string, unknown>> => sseMessages(readFixture('gemini', file)).map((m) => JSON.parse(m.data) as Record<string, unknown>);

  // Left out: the error streams (they end without a finishReason, which a merged body cannot say) and
  // stream-thinking-chunked (thought chunks join into one block, while a body's thought parts stay apart; tested below).
  it.each(fixtureFiles('gemini', /^stream-(?!error-|thinking-chunked).*\.response\.sse$/))('%s equals decodeResponse of its chunks merged', (file) => {
    const chunks = chunksOf(file);
    expectSameAsNonStream(reduce(data(...chunks)), asOneResponse(chunks));
  });

  it('gemini-3 text ending in an empty signed part: text, then the signature-only reasoning block', () => {
    expect(accumulate(reduceFixture('stream-text-signed-end.response.sse')).output.map((o) => o.type)).toEqual(['text', 'reasoning']);
  });

  it('stream-thinking-chunked: 3 thought chunks → one reasoning block, then the signature, then the answer; thoughts counted in output', () => {
    const events = reduceFixture('stream-thinking-chunked.response.sse');
    expectHubRules(events);
    const got = accumulate(events);
    expect(got.output.map((o) => (o.type === 'reasoning' ? (o.signature ? 'signature' : 'thought') : o.type))).toEqual(['thought', 'signature', 'text']);
    expect(got.output[0]).toMatchObject({ text: expect.stringMatching(/^\*\*Reading the request\*\*[\s\S]*\*\*Choosing the words\*\*[\s\S]*\*\*Checking the tone\*\*/) });
    expect(got.usage).toMatchObject({ input: 14, output: 7 + 131, reasoning: 131 });
    expect(got.finishReason).toEqual({ unified: 'stop', raw: 'STOP' });
  });
});
