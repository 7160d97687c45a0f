// Round trips: a Responses upstream stream → hub → Responses SSE → hub again gives the same
// hub events; and every other protocol's stream fixtures, through that protocol's reducer,
// come out of this encoder spec-valid and readable by openai-node.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS } from '../../../src/protocols/protocol-id.ts';
import { ADAPTERS } from '../../../src/protocols/index.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import { fixtureFiles, readFixture } from '../../helpers/fixtures.ts';
import { sseMessages, sseText } from '../../helpers/hub-stream.ts';
import { accumulate, encode, expectResponsesFrames, reduce, REQUEST } from './stream-helpers.ts';

describe('Responses upstream → hub → Responses client → hub: the same hub events', () => {
  const ours = fixtureFiles('openai-responses', /^stream-.*\.response\.sse$/).map((f) => [f, sseMessages(readFixture('openai-responses', f))] as const);

  it.each(ours)('%s', (_name, messages) => {
    const hub = reduce(messages);
    const frames = encode(hub);
    expectResponsesFrames(frames);
    expect(reduce(sseMessages(sseText(frames)))).toEqual(hub);
  });
});

describe('other protocols\' upstream streams → this encoder', () => {
  const cases = PROTOCOL_IDS.filter((p) => p !== 'openai-responses').flatMap((protocol) =>
    fixtureFiles(protocol, /^stream-.*\.response\.sse$/).map((file) => [protocol, file] as const));

  it.each(cases)('%s %s: spec-valid, and openai-node reads the same answer', async (protocol, file) => {
    const hub = runReducer(ADAPTERS[protocol].stream.reducer(REQUEST), sseMessages(readFixture(protocol, file)));
    const frames = encode(hub);
    expectResponsesFrames(frames);
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://gateway.test/v1', maxRetries: 0, fetch: () => Promise.resolve(new Response(sseText(frames), { headers: { 'content-type': 'text/event-stream' } })) });
    const final = client.responses.stream({ model: 'test-model', input: 'hi' }).finalResponse();
    const answer = accumulate(hub);
    if (answer.error) {
      await expect(final).rejects.toThrow();
      return;
    }
    const response = await final;
    expect(response.output_text).toBe(answer.output.map((o) => (o.type === 'text' ? o.text : '')).join(''));
    expect(response.output.flatMap((i) => (i.type === 'function_call' ? [{ id: i.call_id, name: i.name, arguments: i.arguments }] : []))).toEqual(
      answer.output.flatMap((o) => (o.type === 'tool-call' ? [{ id: o.id, name: o.name, arguments: o.arguments }] : [])),
    );
    // An upstream that reported no usage (a Chat stream without include_usage) completes with
    // zero counts: the completed response always carries numbers, which clients such as Codex read.
    expect(response.usage).toMatchObject({ input_tokens: answer.usage?.input ?? 0, output_tokens: answer.usage?.output ?? 0 });
  });
});
