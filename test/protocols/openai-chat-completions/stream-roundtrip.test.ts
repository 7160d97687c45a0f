// Chat SSE → reducer → hub → encoder → Chat SSE → reducer: the hub content survives, and the
// re-encoded chunks carry the same deltas and finish reasons as the upstream's own (a Chat client
// behind a Chat upstream sees what OpenAI sent, minus the padding fields).
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-chat-completions/index.ts';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import { readFixture, sseData } from '../../helpers/fixtures.ts';
import { sseText } from '../../helpers/hub-stream.ts';
import { hubRequest } from './helpers.ts';
import { encode, expectHubRules, payloads, reduce } from './stream-helpers.ts';

const P = 'openai-chat-completions';
const request = hubRequest({ stream: true, streamUsage: true });

/** Hub events without the upstream's own usage object (Chat usage carries audio/prediction counts the hub does not model). */
const content = (events: readonly HubEvent[]) => events.map((e) => (e.type === 'usage' ? { ...e, usage: { ...e.usage, raw: undefined } } : e));

/** `refusal: null` is OpenAI's filler on the first delta; the gateway does not send it. */
function choicesOf(chunks: readonly unknown[]): unknown[] {
  return chunks.map((c) => {
    const { choices } = c as { choices: Array<{ delta: Record<string, unknown> }> };
    return choices.map(({ delta, ...rest }) => ({ ...rest, delta: Object.fromEntries(Object.entries(delta).filter(([k, v]) => !(k === 'refusal' && v === null))) }));
  });
}

describe('stream round trip: reducer → encoder → reducer', () => {
  it.each(['stream-text', 'stream-tool-call', 'stream-tool-calls-parallel', 'stream-error-after-output'])('%s: the same hub events twice', (name) => {
    const first = reduce(readFixture(P, `${name}.response.sse`), request);
    const frames = encode(first, request);
    const second = reduce(sseText(frames), request);
    expectHubRules(second);
    expect(content(second)).toEqual(content(first));
  });

  it.each(['stream-text', 'stream-tool-call', 'stream-tool-calls-parallel'])('%s: the re-encoded chunks have the upstream\'s choices and usage', (name) => {
    const raw = readFixture(P, `${name}.response.sse`);
    const frames = encode(reduce(raw, request), request);
    const ours = payloads(frames);
    expect(ours.at(-1)).toBe('[DONE]');
    const theirs = sseData(raw);
    const chunks = ours.slice(0, -1);
    for (const chunk of chunks) expect(validators.ChatCompletionChunk(chunk)).toBe(true);
    expect(choicesOf(chunks)).toEqual(choicesOf(theirs));
    // Every count the hub models is the upstream's (audio and prediction counts are not modelled).
    expect((theirs.at(-1) as { usage: unknown }).usage).toMatchObject((chunks.at(-1) as { usage: object }).usage);
    expect(new Set(chunks.map((c) => (c as { id: string }).id))).toEqual(new Set(theirs.map((c) => (c as { id: string }).id)));
  });

  it.each(['stream-text', 'stream-tool-call'])('%s: the same choices as OpenAI sent', (name) => {
    const raw = readFixture(P, `${name}.response.sse`);
    const chunks = payloads(encode(reduce(raw, request), request)).slice(0, -1);
    expect(choicesOf(chunks)).toEqual(choicesOf(sseData(raw)));
  });
});
