// Claude SSE → hub → Claude SSE → hub: what the reducer reads from the encoder's bytes is what
// it read from the upstream's (text, thinking with signatures, redacted data, calls, finish,
// usage, errors), for every stream fixture.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import { claudeStreamCodec } from '../../../src/protocols/claude/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import type { SseMessage } from '../../../src/stream/sse-parser.ts';
import { fixtureFiles, readFixture } from '../../helpers/fixtures.ts';
import { expectHubRules, sseMessages, sseText } from '../../helpers/hub-stream.ts';
import { accumulate, expectClaudeFrames, REQUEST, userView } from './stream-helpers.ts';

function reduce(messages: Iterable<SseMessage>): HubEvent[] {
  return runReducer(claudeStreamCodec.reducer(REQUEST), messages);
}

function roundTrip(raw: string): { first: HubEvent[]; second: HubEvent[] } {
  const first = reduce(sseMessages(raw));
  const frames = runReducer(claudeStreamCodec.encoder(REQUEST), first);
  expectClaudeFrames(frames);
  return { first, second: reduce(sseMessages(sseText(frames))) };
}

function expectSameAnswer(first: HubEvent[], second: HubEvent[]): void {
  expectHubRules(second);
  const [a, b] = [accumulate(first), accumulate(second)];
  expect(userView(b)).toEqual(userView(a));
  expect([b.id, b.model, b.stopSequence, b.error]).toEqual([a.id, a.model, a.stopSequence, a.error]);
}

describe('claude stream round trip', () => {
  it.each(fixtureFiles('claude', /^stream-.*\.response\.sse$/))('%s', (file) => {
    const { first, second } = roundTrip(readFixture('claude', file));
    expectSameAnswer(first, second);
  });

  it.each(['stream-text', 'stream-reasoning', 'stream-reasoning-tool-call', 'stream-redacted-thinking', 'stream-tool-call'])('%s: output byte-exact', (name) => {
    const { first, second } = roundTrip(readFixture('claude', `${name}.response.sse`));
    expectSameAnswer(first, second);
    // Signatures and redacted data cross byte-exact.
    expect(accumulate(second).output).toEqual(accumulate(first).output);
  });
});
