// Hub events → Claude SSE: spec-valid events in the order Claude Code and the Anthropic SDK
// need (message_start with real input tokens and content [], indexes 0..n, every block
// stopped), and the SDK's accumulated message equals the non-streamed encodeResponse.
import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubOutput, HubResponse } from '../../../src/hub/hub-response.ts';
import { decodeReasoningSignature } from '../../../src/hub/reasoning-carrier.ts';
import { toClaudeToolId } from '../../../src/hub/tool-call-id.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { claudeCodec } from '../../../src/protocols/claude/codec.ts';
import { claudeStreamCodec } from '../../../src/protocols/claude/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import type { SseFrame } from '../../../src/stream/sse.ts';
import { readFixture, readFixtureJson } from '../../helpers/fixtures.ts';
import { sseMessages, sseText } from '../../helpers/hub-stream.ts';
import { type ClaudeEvent, expectClaudeFrames, REQUEST, sdkFinalMessage } from './stream-helpers.ts';

function encode(events: readonly HubEvent[]): SseFrame[] {
  return runReducer(claudeStreamCodec.encoder(REQUEST), events);
}

function encodeChecked(events: readonly HubEvent[]): ClaudeEvent[] {
  return expectClaudeFrames(encode(events));
}

const START: HubEvent = { type: 'response-start', id: 'resp_1', model: 'gpt-x', created: 1 };
const STOP: HubEvent = { type: 'finish', finishReason: { unified: 'stop' } };

/** A hub answer as the events a reducer would emit: usage first or last, text and arguments in two pieces. */
function eventsOf(response: HubResponse, usageFirst = true): HubEvent[] {
  const events: HubEvent[] = [{ type: 'response-start', id: response.id, model: response.model, created: response.created }];
  const usage: HubEvent = { type: 'usage', usage: response.usage };
  if (usageFirst) events.push(usage);
  const halves = (text: string) => [text.slice(0, Math.ceil(text.length / 2)), text.slice(Math.ceil(text.length / 2))];
  response.output.forEach((o: HubOutput, i) => {
    const block = `b${i}`;
    if (o.type === 'text' || o.type === 'refusal') {
      events.push({ type: 'text-start', block }, ...halves(o.text).map((delta): HubEvent => ({ type: 'text-delta', block, delta })), { type: 'text-end', block });
    } else if (o.type === 'tool-call') {
      const start: HubEvent = o.custom ? { type: 'tool-call-start', block, id: o.id, name: o.name, custom: true } : { type: 'tool-call-start', block, id: o.id, name: o.name };
      events.push(start, ...halves(o.arguments).map((delta): HubEvent => ({ type: 'tool-call-delta', block, delta })), { type: 'tool-call-end', block });
    } else {
      events.push(o.redacted ? { type: 'reasoning-start', block, origin: o.origin, redacted: true } : { type: 'reasoning-start', block, origin: o.origin });
      for (const delta of halves(o.text ?? '')) events.push({ type: 'reasoning-delta', block, delta, kind: 'text' });
      const end: HubEvent = { type: 'reasoning-end', block };
      if (o.signature !== undefined) end.signature = o.signature;
      if (o.encrypted !== undefined) end.encrypted = o.encrypted;
      events.push(end);
    }
  });
  if (!usageFirst) events.push(usage);
  events.push(response.stopSequence === undefined ? { type: 'finish', finishReason: response.finishReason } : { type: 'finish', finishReason: response.finishReason, stopSequence: response.stopSequence });
  return events;
}

function decodeFixture(name: string): HubResponse {
  return claudeCodec.decodeResponse(readFixtureJson('claude', `${name}.response.json`), new Warnings());
}

function answer(extra: Partial<HubResponse>): HubResponse {
  return { id: 'resp_1', model: 'gpt-x', output: [], finishReason: { unified: 'stop' }, usage: { input: 10, output: 5 }, created: 1, ...extra };
}

const ANSWERS: Record<string, HubResponse> = {
  text: decodeFixture('text'),
  'tool-calls-parallel': decodeFixture('tool-calls-parallel'),
  'usage-cache': decodeFixture('usage-cache'),
  'max-tokens': decodeFixture('max-tokens'),
  'signed thinking, redacted thinking, then text': answer({
    output: [
      { type: 'reasoning', origin: 'claude', text: 'Let me think.', signature: 'sig-abc' },
      { type: 'reasoning', origin: 'claude', redacted: true, encrypted: 'opaque-data' },
      { type: 'text', text: 'Done.' },
    ],
  }),
  'foreign reasoning (skipped) and a call whose id needs encoding': answer({
    output: [
      { type: 'reasoning', origin: 'openai-responses', text: 'hidden', encrypted: 'enc' },
      { type: 'tool-call', id: 'functions.Bash:0', name: 'Bash', arguments: '{"command":"ls -la"}' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: { input: 100, output: 20, cacheRead: 40, cacheWrite: 10 },
  }),
  'custom tool input': answer({
    output: [{ type: 'tool-call', id: 'call_1', name: 'apply_patch', arguments: '*** Begin Patch\n"quoted" \\ é 😀\n*** End Patch', custom: true }],
    finishReason: { unified: 'tool-calls' },
  }),
  'stop sequence': answer({ output: [{ type: 'text', text: 'Hi' }], stopSequence: '###' }),
};

describe('claude stream encoder: the SDK accumulates what encodeResponse returns', () => {
  for (const usageFirst of [true, false]) {
    it.each(Object.entries(ANSWERS))(`%s (usage ${usageFirst ? 'before the blocks' : 'at the end'})`, async (_name, response) => {
      const frames = encode(eventsOf(response, usageFirst));
      expectClaudeFrames(frames);
      const streamed = await sdkFinalMessage(sseText(frames));
      const expected = claudeCodec.encodeResponse(response, REQUEST, new Warnings());
      expect(streamed).toEqual(expected);
    });
  }
});

describe('claude stream encoder: event shape and order', () => {
  it('stream-text through the reducer: the upstream event sequence comes back, with input tokens in message_start', () => {
    const hub = runReducer(claudeStreamCodec.reducer(REQUEST), sseMessages(readFixture('claude', 'stream-text.response.sse')));
    const events = encodeChecked(hub);
    expect(events.map((e) => e.type)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(events[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_01VvAKc8W5vFej5KVc1RzQkK', type: 'message', role: 'assistant', model: 'test-model', content: [], stop_reason: null, stop_sequence: null, stop_details: null,
        usage: { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
      usage: { output_tokens: 6, input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('message_start waits for the first usage, but no longer than the first block', () => {
    const encoder = claudeStreamCodec.encoder(REQUEST);
    expect(encoder.step(encoder.init(), START)).toEqual([]);
    const early = encodeChecked([START, { type: 'usage', usage: { input: 100, output: 0, cacheRead: 75 } }, { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hi' }, { type: 'text-end', block: 't' }, STOP]);
    expect(early[0]).toMatchObject({ type: 'message_start', message: { id: 'msg_resp_1', usage: { input_tokens: 25, cache_read_input_tokens: 75 } } });
    const late = encodeChecked([START, { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hi' }, { type: 'text-end', block: 't' }, { type: 'usage', usage: { input: 100, output: 7, cacheRead: 75 } }, STOP]);
    expect(late[0]).toMatchObject({ type: 'message_start', message: { usage: { input_tokens: 0, output_tokens: 0 } } });
    expect(late[1]?.type).toBe('content_block_start');
    expect(late.at(-2)).toMatchObject({ usage: { input_tokens: 25, cache_read_input_tokens: 75, output_tokens: 7 } });
  });

  it('empty text blocks are never sent, so the next block takes index 0', () => {
    const events = encodeChecked([
      START,
      { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: '' }, { type: 'text-end', block: 't' },
      { type: 'tool-call-start', block: 'c', id: 'call_1', name: 'f' }, { type: 'tool-call-delta', block: 'c', delta: '' }, { type: 'tool-call-delta', block: 'c', delta: '{}' }, { type: 'tool-call-end', block: 'c' },
      { type: 'finish', finishReason: { unified: 'tool-calls' } },
    ]);
    expect(events.filter((e) => e.type.startsWith('content_block'))).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'call_1', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('thinking: start, deltas, exactly one signature_delta, stop; redacted whole; foreign reasoning skipped', () => {
    const events = encodeChecked(eventsOf(ANSWERS['signed thinking, redacted thinking, then text'] as HubResponse));
    expect(events.filter((e) => e.type.startsWith('content_block')).map((e) => [e.type, e.index, (e.delta as { type?: string } | undefined)?.type ?? (e.content_block as { type?: string } | undefined)?.type])).toEqual([
      ['content_block_start', 0, 'thinking'], ['content_block_delta', 0, 'thinking_delta'], ['content_block_delta', 0, 'thinking_delta'],
      ['content_block_delta', 0, 'signature_delta'], ['content_block_stop', 0, undefined],
      ['content_block_start', 1, 'redacted_thinking'], ['content_block_stop', 1, undefined],
      ['content_block_start', 2, 'text'], ['content_block_delta', 2, 'text_delta'], ['content_block_delta', 2, 'text_delta'], ['content_block_stop', 2, undefined],
    ]);
    // Another origin's reasoning: a thinking block whose one signature_delta carries the item back.
    const foreign = encodeChecked(eventsOf(ANSWERS['foreign reasoning (skipped) and a call whose id needs encoding'] as HubResponse));
    const starts = foreign.filter((e) => e.type === 'content_block_start').map((e) => (e.content_block as { type: string }).type);
    expect(starts.at(-1)).toBe('tool_use');
    const signatures = foreign.flatMap((e) => ((e.delta as { type?: string; signature?: string } | undefined)?.type === 'signature_delta' ? [(e.delta as { signature: string }).signature] : []));
    expect(signatures.length).toBe(starts.filter((t) => t === 'thinking').length);
    expect(signatures.every((s) => decodeReasoningSignature(s)?.origin !== undefined && decodeReasoningSignature(s)?.origin !== 'claude')).toBe(true);
    expect(foreign.find((e) => (e.content_block as { type?: string } | undefined)?.type === 'tool_use')).toMatchObject({
      content_block: { type: 'tool_use', id: toClaudeToolId('functions.Bash:0'), name: 'Bash', input: {} },
    });
  });

  it('a finish while a block is open closes it first', () => {
    const events = encodeChecked([START, { type: 'tool-call-start', block: 'c', id: 'call_1', name: 'f' }, { type: 'tool-call-delta', block: 'c', delta: '{"a":1}' }, { type: 'finish', finishReason: { unified: 'tool-calls' } }]);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('an error: one `error` event typed by status, then nothing', () => {
    for (const [status, type] of [[529, 'overloaded_error'], [503, 'overloaded_error'], [429, 'rate_limit_error'], [400, 'invalid_request_error'], [502, 'api_error'], [599, 'api_error']] as const) {
      const frames = encode([START, { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hel' }, { type: 'error', status, message: 'Overloaded' }, STOP]);
      const events = expectClaudeFrames(frames);
      expect(frames.at(-1)?.event).toBe('error');
      expect(events.at(-1)).toEqual({ type: 'error', error: { type, message: 'Overloaded' } });
      expect(events.map((e) => e.type)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'error']);
    }
  });

  it('a hub stream that stops without finish or error ends in an error, never a clean message_stop', () => {
    const events = encodeChecked([START, { type: 'text-start', block: 't' }, { type: 'text-delta', block: 't', delta: 'Hi' }]);
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'api_error', message: 'upstream stream ended early' } });
    expect(events.some((e) => e.type === 'message_stop')).toBe(false);
  });

  it('the keep-alive is Anthropic ping, which the SDK skips anywhere', async () => {
    expect(claudeStreamCodec.keepAlive).toEqual({ event: 'ping', data: '{"type":"ping"}' });
    const frames = encode(eventsOf(ANSWERS.text as HubResponse));
    const withPings = [claudeStreamCodec.keepAlive, ...frames.flatMap((f) => [f, claudeStreamCodec.keepAlive])];
    expectClaudeFrames(withPings);
    expect(await sdkFinalMessage(sseText(withPings))).toEqual(await sdkFinalMessage(sseText(frames)));
  });
});
