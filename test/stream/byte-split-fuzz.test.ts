// The same upstream stream delivered in random chunk splits — at any byte, inside multi-byte
// characters, inside CRLF — gives identical hub events and identical output in every client
// protocol. Splitting is the parser's job (eventsource-parser), never ours.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../src/hub/hub-events.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { ADAPTERS } from '../../src/protocols/index.ts';
import type { HubRequest } from '../../src/hub/hub-request.ts';
import { runReducer } from '../../src/stream/reducer.ts';
import { formatSse } from '../../src/stream/sse.ts';
import type { SseMessage } from '../../src/stream/sse-parser.ts';
import { parseSse } from '../helpers/web-streams.ts';
import { fixtureFiles, readFixture } from '../helpers/fixtures.ts';

const REQUEST: HubRequest = { model: 'test-model', system: [], items: [], tools: [], stream: true, streamUsage: true };

/** A small deterministic PRNG, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function splitStream(bytes: Uint8Array, seed: number): ReadableStream<Uint8Array> {
  const next = random(seed);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const size = 1 + Math.floor(next() * 17);
    chunks.push(bytes.slice(i, i + size));
    i += size;
  }
  return new ReadableStream({ pull: (c) => { const chunk = chunks.shift(); if (chunk) c.enqueue(chunk); else c.close(); } });
}

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  for (const reader = stream.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/**
 * Made-up ids (Gemini and Chat error streams carry none) and timestamps (`created`, Responses'
 * `completed_at`, read from the clock at the finish) differ run to run by
 * design: each run's own made-up values are replaced by placeholders before comparing.
 */
function normalize(events: HubEvent[], outputs: string[] = []): string {
  const ids = events.flatMap((e) => (e.type === 'response-start' ? [e.id] : e.type === 'tool-call-start' ? [e.id] : []));
  const scrub = (text: string) =>
    ids.reduce((out, id, i) => out.split(id).join(`ID${i}`), text)
      .replace(/((?:created|completed)(?:_at)?(?:\\)?"?:)\d+/g, '$10')
      // A stream that fails before its start has no id: Responses makes one from the clock.
      .replace(/resp_1\d{9}\b/g, 'resp_T');
  return scrub(JSON.stringify(events.map((e) => (e.type === 'response-start' ? { ...e, created: 0 } : e)))) + outputs.map(scrub).join('\n---\n');
}

const CASES = PROTOCOL_IDS.flatMap((protocol) => fixtureFiles(protocol, /^stream-.*\.response\.sse$/).map((file) => [protocol, file] as const));

describe.each(CASES)('%s %s', (protocol: ProtocolId, file: string) => {
  const bytes = new TextEncoder().encode(readFixture(protocol, file));

  it('gives the same hub events and client output for 20 random splits', async () => {
    const hubOf = (messages: SseMessage[]): HubEvent[] => runReducer(ADAPTERS[protocol].stream.reducer(REQUEST), messages);
    const outputsOf = (events: HubEvent[]) => PROTOCOL_IDS.map((inbound) => runReducer(ADAPTERS[inbound].stream.encoder(REQUEST), events).map(formatSse).join(''));
    const baseline = hubOf(await collect(parseSse(new ReadableStream({ start: (c) => { c.enqueue(bytes); c.close(); } }))));
    expect(baseline.length).toBeGreaterThan(0);
    const expected = normalize(baseline, outputsOf(baseline));
    for (let seed = 1; seed <= 20; seed++) {
      const events = hubOf(await collect(parseSse(splitStream(bytes, seed))));
      expect(normalize(events, outputsOf(events)), `seed ${seed}`).toBe(expected);
    }
  });
});
