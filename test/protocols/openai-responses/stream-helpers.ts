// Responses stream test support: the shared pieces (SSE text → messages, hub-event rules,
// hub events → answer) live in test/helpers/hub-stream.ts; here the reducer and encoder over
// arrays, the accumulator in the shape of Responses' decodeResponse,
// and Responses frame checks (spec validator, sequence numbers, output_index, item lifecycle).
import { expect } from 'vitest';
import { validators } from '../../../generated/openai-responses/index.ts';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { openaiResponsesStreamCodec } from '../../../src/protocols/openai-responses/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import type { SseFrame } from '../../../src/stream/sse.ts';
import type { SseMessage } from '../../../src/stream/sse-parser.ts';
import { accumulate as accumulateHub, expectHubRules as expectSharedHubRules, type HubAnswer } from '../../helpers/hub-stream.ts';

export const REQUEST: HubRequest = { model: 'test-model', system: [], items: [], tools: [], stream: true };

export const reduce = (messages: readonly SseMessage[], request: HubRequest = REQUEST): HubEvent[] =>
  runReducer(openaiResponsesStreamCodec.reducer(request), messages);

export const encode = (events: readonly HubEvent[], request: HubRequest = REQUEST): SseFrame[] =>
  runReducer(openaiResponsesStreamCodec.encoder(request), events);

/** The hub-event rules; the Responses reducer sends `response-start` even before an error, so a lone error fails too. */
export const expectHubRules = (events: readonly HubEvent[]): void => expectSharedHubRules(events, { alwaysStarts: true });

export type Accumulated = HubAnswer;

/**
 * Hub events → the answer they describe, shaped like decodeResponse's output: summary deltas
 * form one summary entry (parts come joined by a blank line), and every reasoning item has a
 * `summary`, [] when none streamed.
 */
export function accumulate(events: readonly HubEvent[]): Accumulated {
  const answer = accumulateHub(events);
  return { ...answer, output: answer.output.map((o) => (o.type === 'reasoning' ? { ...o, summary: o.summary ?? [] } : o)) };
}

/** A decoded non-stream answer in the accumulator's form: summary parts joined as the reducer joins them. */
export function asAccumulated(response: HubResponse): Accumulated {
  return {
    id: response.id,
    model: response.model,
    output: response.output.map((out) => (out.type === 'reasoning' ? { ...out, summary: out.summary?.length ? [out.summary.join('\n\n')] : [] } : out)),
    usage: response.usage,
    finishReason: response.finishReason,
  };
}

/** What must agree between a stream and a whole answer of different recordings: no ids. */
export function content(acc: Accumulated) {
  return {
    text: acc.output.map((o) => (o.type === 'text' ? o.text : '')).join(''),
    toolCalls: acc.output.flatMap((o) => (o.type === 'tool-call' ? [{ name: o.name, arguments: o.arguments }] : [])),
    finish: acc.finishReason,
    usage: acc.usage && { input: acc.usage.input, output: acc.usage.output, cacheRead: acc.usage.cacheRead, reasoning: acc.usage.reasoning },
  };
}

export type ResponsesEvent = Record<string, unknown> & { type: string; sequence_number: number };

/**
 * Responses frames: `event:` equals the payload's type, every payload passes the generated
 * ResponseStreamEvent validator, sequence numbers run 0..n, created + in_progress come first,
 * items are added with output_index 0, 1, 2… and finished before the next one is added, every
 * item-scoped event names the open item, ids are non-empty and unique, and a terminal event
 * (or error + response.failed) comes last.
 */
export function expectResponsesFrames(frames: readonly SseFrame[]): ResponsesEvent[] {
  const events = frames.map((f, i) => {
    const data = JSON.parse(f.data) as ResponsesEvent;
    expect(f.event).toBe(data.type);
    expect(validators.ResponseStreamEvent(data), f.data).toBe(true);
    expect(data.sequence_number).toBe(i);
    return data;
  });
  expect(events.slice(0, 2).map((e) => e.type)).toEqual(['response.created', 'response.in_progress']);
  const terminal = ['response.completed', 'response.incomplete', 'response.failed'];
  expect(terminal).toContain(events.at(-1)?.type);
  expect(events.filter((e) => terminal.includes(e.type))).toHaveLength(1);
  const ids = new Set<string>();
  let open: { index: number; id: string } | undefined;
  let next = 0;
  for (const event of events.slice(2, -1)) {
    if (event.type === 'error') {
      expect(events.at(-1)?.type).toBe('response.failed');
      continue;
    }
    const item = event.item as { id?: string; call_id?: string } | undefined;
    if (event.type === 'response.output_item.added') {
      expect(open).toBeUndefined();
      expect(event.output_index).toBe(next++);
      expect(item?.id).toBeTruthy();
      expect(ids.has(item?.id ?? '')).toBe(false);
      ids.add(item?.id ?? '');
      open = { index: event.output_index as number, id: item?.id ?? '' };
    } else if (event.type === 'response.output_item.done') {
      expect(event.output_index).toBe(open?.index);
      expect(item?.id).toBe(open?.id);
      open = undefined;
    } else {
      expect(event.output_index).toBe(open?.index);
      expect(event.item_id).toBe(open?.id);
    }
  }
  const response = events.at(-1)?.response as { id?: string; output?: Array<{ id?: string }> } | undefined;
  expect(response?.id).toBe((events[0]?.response as { id?: string }).id);
  if (events.at(-1)?.type !== 'response.failed') {
    expect(open).toBeUndefined();
    expect(response?.output?.map((i) => i.id)).toEqual([...ids]);
  }
  return events;
}

export const warnings = () => new Warnings();
