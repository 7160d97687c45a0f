// Upstream faults, each answered exactly: for every inbound protocol, on a pass-through pair and
// a converted pair, stream and not. Before the first byte of a stream, a fault is an HTTP error
// in the client's own envelope (502 for a broken upstream, 504 for a deadline, naming the
// provider or the option); after it, the client protocol's error event ends the stream — never
// a stream that looks finished, never a body that hangs. The gateway runs as a real child
// process with no crash guard, one for the whole file: it must outlive every fault.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { GARBAGE_LINES, closedWithin, useFaultyGateway, type Fault } from '../helpers/faulty-upstream.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import {
  envelopeFor,
  errorMessage,
  expectErrorEventFor,
  isErrorEvent,
  isKeepAlive,
  isSuccessTerminal,
  parseSseItems,
  readBody,
  readRest,
  readUntil,
  send,
  streamedAnswer,
  type SseItem,
} from '../helpers/raw-client.ts';

const KEEP_ALIVE_MS = 100;
const OPTIONS = { timeoutMs: 400, idleTimeoutMs: 400, firstEventTimeoutMs: 400, streamKeepAliveMs: KEEP_ALIVE_MS };
/** How long the client waits for anything at all: 10 × the deadlines, so only a hang exceeds it. */
const CLIENT_LIMIT_MS = 4_000;

/** The converted pair of each inbound protocol. */
const CONVERTED: Record<ProtocolId, ProtocolId> = {
  'openai-chat-completions': 'claude',
  claude: 'gemini',
  gemini: 'openai-responses',
  'openai-responses': 'openai-chat-completions',
};

interface Pair { inbound: ProtocolId; upstream: ProtocolId; kind: 'pass-through' | 'converted' }
const PAIRS: Pair[] = PROTOCOL_IDS.flatMap((inbound) => [
  { inbound, upstream: inbound, kind: 'pass-through' as const },
  { inbound, upstream: CONVERTED[inbound], kind: 'converted' as const },
]);

interface HttpFault {
  id: string;
  what: string;
  fault: Fault;
  status: 502 | 504;
  /** What the error message must contain, given the provider id. */
  mentions: (provider: string) => Array<string | RegExp>;
}
const NAMES_PROVIDER = (provider: string) => [provider, /upstream/i];
const NON_STREAM: HttpFault[] = [
  { id: 'a', what: '200 + an HTML page', fault: 'html', status: 502, mentions: NAMES_PROVIDER },
  { id: 'b', what: '200 + the JSON answer cut at 40 %', fault: 'truncated-json', status: 502, mentions: NAMES_PROVIDER },
  { id: 'c', what: '200 + {}', fault: 'empty-object', status: 502, mentions: NAMES_PROVIDER },
  { id: 'd', what: '200 + an error object', fault: 'error-object', status: 502, mentions: () => ['upstream exploded'] },
  { id: 'e', what: 'the body closed at 50 % of its Content-Length', fault: 'body-cut', status: 502, mentions: NAMES_PROVIDER },
  { id: 'f', what: 'no answer at all', fault: 'hang', status: 504, mentions: () => ['timeoutMs'] },
  { id: 'g', what: 'a stall after 50 % of the body', fault: 'stall-body', status: 504, mentions: () => ['idleTimeoutMs'] },
];
const STREAM_HTTP: HttpFault[] = [
  { id: 'h', what: '200 + an HTML page', fault: 'html', status: 502, mentions: (provider) => [provider, 'not an event stream', '<html>'] },
  { id: 'i', what: '200 + application/json {}', fault: 'empty-object', status: 502, mentions: (provider) => [provider, 'not an event stream', '{}'] },
  { id: 'j', what: 'no answer at all', fault: 'hang', status: 504, mentions: () => ['timeoutMs'] },
  { id: 'k', what: 'SSE headers, then silence', fault: 'silent-stream', status: 504, mentions: () => ['firstEventTimeoutMs'] },
  { id: 'l', what: 'SSE headers, then the socket closed', fault: 'closed-before-event', status: 502, mentions: NAMES_PROVIDER },
];
const IN_BAND = ['m', 'n', 'o', 'o-clean', 'p', 'q'];
/** Faults where the upstream would hold its connection forever: the gateway must let go of it. */
const STALLS = new Set<Fault>(['hang', 'stall-body', 'silent-stream', 'stall-stream']);

const keyFor = (pair: Pair, stream: boolean, id: string) => `fi-${PROVIDER_ID[pair.inbound]}-${pair.kind}-${stream ? 'stream' : 'json'}-${id}`;
const ALL_KEYS = PAIRS.flatMap((pair) => [
  ...NON_STREAM.map((f) => keyFor(pair, false, f.id)),
  ...STREAM_HTTP.map((f) => keyFor(pair, true, f.id)),
  ...IN_BAND.map((id) => keyFor(pair, true, id)),
]);

const ctx = useFaultyGateway(OPTIONS, ALL_KEYS);

/** Scripts the fault for this case's model, sends the request (bounded by CLIENT_LIMIT_MS). */
function request(pair: Pair, stream: boolean, id: string, fault: Fault) {
  const key = keyFor(pair, stream, id);
  ctx.upstream.set(key, fault);
  return { key, response: send(ctx.gateway.url, pair.inbound, `${PROVIDER_ID[pair.upstream]}.${key}`, stream, AbortSignal.timeout(CLIENT_LIMIT_MS)) };
}

/** A stalled upstream request must be let go of once the gateway has answered. */
async function expectUpstreamReleased(key: string): Promise<void> {
  const closed = await closedWithin(await ctx.upstream.requestFor(key), 1_000);
  expect(closed, 'the gateway still holds the stalled upstream request 1 s after answering').toMatchObject({ early: true });
}

async function expectHttpError(pair: Pair, stream: boolean, f: HttpFault): Promise<void> {
  const { key, response } = request(pair, stream, f.id, f.fault);
  const res = await response;
  const { text } = await readBody(res, CLIENT_LIMIT_MS);
  expect(res.status, text).toBe(f.status);
  expect(res.headers.get('content-type'), 'an error envelope, not SSE').toMatch(/^application\/json/);
  let json: unknown;
  expect(() => (json = JSON.parse(text)), text).not.toThrow();
  expect(json).toEqual(envelopeFor(pair.inbound, f.status));
  for (const mention of f.mentions(PROVIDER_ID[pair.upstream])) expect(errorMessage(json)).toMatch(mention);
  if (STALLS.has(f.fault)) await expectUpstreamReleased(key);
}

/** A 200 SSE stream read to its end: its items, raw text, and where the error event starts. */
async function readStream(pair: Pair, res: Response, read: Promise<{ text: string; ended: boolean }>) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const { text, ended } = await read;
  expect(ended, `the body did not end within ${CLIENT_LIMIT_MS} ms:\n${text}`).toBe(true);
  const items = parseSseItems(text);
  const errorAt = items.findIndex((item) => isErrorEvent(pair.inbound, item));
  return { text, items, errorAt };
}

/** The stream ends in the client protocol's error event (Responses: `error`, maybe `response.failed`), with no success terminal anywhere. */
function expectEndsInError(pair: Pair, items: SseItem[], errorAt: number, status?: 502 | 504): void {
  expect(errorAt, `no ${pair.inbound} error event in ${JSON.stringify(items)}`).toBeGreaterThanOrEqual(0);
  expect(items.slice(errorAt).every((item) => isErrorEvent(pair.inbound, item)), `items after the error event: ${JSON.stringify(items.slice(errorAt))}`).toBe(true);
  if (status) expectErrorEventFor(pair.inbound, items[errorAt], status);
  expect(items.filter((item) => isSuccessTerminal(pair.inbound, item)), 'a success terminal').toEqual([]);
}

describe.concurrent('upstream faults', () => {
  describe.each(PAIRS)('$inbound client → $upstream upstream ($kind)', (pair) => {
    it.each(NON_STREAM)('non-stream [$id] $what → HTTP $status', (f) => expectHttpError(pair, false, f));

    it.each(STREAM_HTTP)('stream [$id] $what → HTTP $status', (f) => expectHttpError(pair, true, f));

    it('stream m. a stall after the first text → the text, keep-alives, a 504-mapped error event, the end', async () => {
      const { key, response } = request(pair, true, 'm', 'stall-stream');
      const res = await response;
      const { items, errorAt } = await readStream(pair, res, readBody(res, CLIENT_LIMIT_MS));
      const firstText = items.findIndex((item) => item.kind === 'event' && item.data.includes('Hello'));
      expect(firstText, 'the first text reached the client').toBeGreaterThanOrEqual(0);
      expect(streamedAnswer(pair.inbound, items).text).toBe('Hello');
      expectEndsInError(pair, items, errorAt, 504);
      const keepAlives = items.slice(firstText + 1, errorAt).filter((item) => isKeepAlive(pair.inbound, item));
      expect(keepAlives.length, 'keep-alives between the text and the error').toBeGreaterThanOrEqual(1);
      await expectUpstreamReleased(key);
    });

    it('stream n. an SSE event cut in half, then a clean end → a 502-mapped error event last', async () => {
      const res = await request(pair, true, 'n', 'cut-mid-event').response;
      const { items, errorAt } = await readStream(pair, res, readBody(res, CLIENT_LIMIT_MS));
      expectEndsInError(pair, items, errorAt, 502);
    });

    it('stream o. non-SSE lines between the events → the same answer as the clean stream, no garbage relayed', async () => {
      const cleanRes = await request(pair, true, 'o-clean', 'none').response;
      const clean = await readStream(pair, cleanRes, readBody(cleanRes, CLIENT_LIMIT_MS));
      const res = await request(pair, true, 'o', 'garbage-lines').response;
      const dirty = await readStream(pair, res, readBody(res, CLIENT_LIMIT_MS));
      const expected = streamedAnswer(pair.inbound, clean.items);
      expect(expected.text).toBe('Hello from the upstream.');
      expect(expected.finish).toBeTruthy();
      expect(dirty.errorAt, dirty.text).toBe(-1);
      expect(streamedAnswer(pair.inbound, dirty.items)).toEqual(expected);
      expect(dirty.items.some((item) => isSuccessTerminal(pair.inbound, item))).toBe(true);
      for (const line of GARBAGE_LINES) expect(dirty.text).not.toContain(line);
    });

    it('stream p. a TCP reset after the first text → a 502-mapped error event last', async () => {
      const { key, response } = request(pair, true, 'p', 'reset-mid-stream');
      const res = await response;
      const reader = res.body!.getReader();
      // Reset only once the first text is through, so it is certain the gateway had read it.
      const seen = await readUntil(reader, 'Hello');
      (await ctx.upstream.requestFor(key)).release();
      const { items, errorAt } = await readStream(pair, res, readRest(reader, CLIENT_LIMIT_MS, seen));
      expectEndsInError(pair, items, errorAt, 502);
    });

    it('stream q. the upstream\'s own error event after output → the client\'s error event with its message, no success terminal', async () => {
      const res = await request(pair, true, 'q', 'error-event-after-output').response;
      const { items, errorAt } = await readStream(pair, res, readBody(res, CLIENT_LIMIT_MS));
      expectEndsInError(pair, items, errorAt);
      const messages = items.slice(errorAt).map((item) => errorMessage((item as { json: unknown }).json));
      expect(messages.some((message) => message.includes('Overloaded')), messages.join(' | ')).toBe(true);
    });
  });
});

it('the same gateway process outlives every fault: alive 3 keep-alive intervals later, answering, nothing uncaught', async () => {
  await sleep(3 * KEEP_ALIVE_MS + 100);
  expect(ctx.gateway.alive(), `the gateway process died:\n${ctx.gateway.stderr()}`).toBe(true);
  const res = await send(ctx.gateway.url, 'openai-chat-completions', 'chat.test-model', false, AbortSignal.timeout(CLIENT_LIMIT_MS));
  expect(res.status, await res.clone().text()).toBe(200);
  expect((await res.json()).choices[0].message.content).toBe('Hello from the upstream.');
  expect(ctx.gateway.stderr()).not.toMatch(/ERR_INVALID_STATE|uncaught/i);
});
