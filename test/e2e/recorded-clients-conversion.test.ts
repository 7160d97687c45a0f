// What the real CLIs sent (test/fixtures/clients/*.jsonl) works against every other upstream
// type: streamed as recorded and asked for as one JSON answer, the client gets a 200 in its own
// protocol's shape carrying the upstream's text, and every upstream request was valid there
// (useConversionGateway checks that after the file).
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { CONTRACTS, issuesOf } from '../contract/contracts.ts';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { sseData } from '../helpers/fixtures.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { aimedAt, recordedModelCalls, replayHeaders } from '../helpers/recorded-clients.ts';

const ctx = useConversionGateway();

type Event = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads of validated events

/** The text a client shows from a stream of its protocol: its text deltas joined. */
function streamedText(protocol: ProtocolId, events: Event[]): string {
  const pieces: Record<ProtocolId, (e: Event) => unknown> = {
    'openai-chat-completions': (e) => e.choices?.[0]?.delta?.content,
    'openai-responses': (e) => (e.type === 'response.output_text.delta' ? e.delta : undefined),
    claude: (e) => (e.type === 'content_block_delta' ? e.delta?.text : undefined),
    gemini: (e) => (e.candidates?.[0]?.content?.parts ?? []).map((p: Event) => (p.thought ? '' : p.text ?? '')).join(''),
  };
  return events.map((e) => pieces[protocol](e)).filter((t) => typeof t === 'string').join('');
}

const CASES = recordedModelCalls().flatMap((call) =>
  PROTOCOL_IDS.filter((target) => target !== call.protocol).flatMap((target) =>
    [call.stream, false].filter((s, i, all) => all.indexOf(s) === i).map((stream) => [call.name, target, stream ? 'stream' : 'json', call, stream] as const)));

describe.each(CASES)('%s → %s upstream (%s)', (_name, target, _mode, call, stream) => {
  it('answers 200 in the client protocol', async () => {
    ctx.upstream.scenario = 'text';
    const { path, body } = aimedAt(call, `${PROVIDER_ID[target]}.test-model`, stream);
    const response = await fetch(`${ctx.gateway.url}${path}`, { method: 'POST', headers: replayHeaders(call.request), body: JSON.stringify(body) });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(200);
    expect(ctx.upstream.last().protocol).toBe(target);
    const contract = CONTRACTS[call.protocol];
    if (stream) {
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const events = sseData(text);
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) expect(issuesOf(contract.event, event)).toBe('');
      expect(streamedText(call.protocol, events as Event[])).toBe('Hello from the upstream.');
    } else {
      expect(issuesOf(contract.response, JSON.parse(text))).toBe('');
      expect(text).toContain('Hello from the upstream.');
    }
  });
});
