// Shared by the Responses stream tests: SSE text ⇔ messages (framed by eventsource-parser, as
// in production), the hub-event rules of hub-events.ts as assertions, an accumulator that folds
// hub events into a HubResponse-like answer, and Responses frame checks (spec validator,
// sequence numbers, output_index, item lifecycle).
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import { validators } from '../../../generated/openai-responses/index.ts';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubFinishReason, HubOutput, HubResponse, HubUsage } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { openaiResponsesStreamCodec } from '../../../src/protocols/openai-responses/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import { formatSse, type SseFrame } from '../../../src/stream/sse.ts';
import type { SseMessage } from '../../../src/stream/sse-message.ts';

export const REQUEST: HubRequest = { model: 'test-model', system: [], items: [], tools: [], stream: true };

export function sseMessages(raw: string): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createParser({ onEvent: (e) => messages.push(e.event ? { event: e.event, data: e.data } : { data: e.data }) });
  parser.feed(raw);
  return messages;
}

/** A `.chunks.txt` recording (one event JSON per line, SSE framing stripped) → one message list per response in it. */
export function chunkResponses(raw: string): SseMessage[][] {
  const responses: SseMessage[][] = [];
  for (const line of raw.split('\n').filter((l) => l.trim() !== '')) {
    if ((JSON.parse(line) as { type?: string }).type === 'response.created' || responses.length === 0) responses.push([]);
    responses.at(-1)?.push({ data: line });
  }
  return responses;
}

export const reduce = (messages: readonly SseMessage[], request: HubRequest = REQUEST): HubEvent[] =>
  runReducer(openaiResponsesStreamCodec.reducer(request), messages);

export const encode = (events: readonly HubEvent[], request: HubRequest = REQUEST): SseFrame[] =>
  runReducer(openaiResponsesStreamCodec.encoder(request), events);

export const sseText = (frames: readonly SseFrame[]): string => frames.map(formatSse).join('');

/** The rules every reducer keeps (hub-events.ts). */
export function expectHubRules(events: readonly HubEvent[]): void {
  expect(events[0]?.type).toBe('response-start');
  expect(events.filter((e) => e.type === 'response-start')).toHaveLength(1);
  const last = events.at(-1);
  expect(last?.type === 'finish' || last?.type === 'error').toBe(true);
  expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1);
  const seen = new Set<string>();
  let open: string | undefined;
  let toolCalls = 0;
  for (const event of events) {
    if (!('block' in event)) {
      if (event.type === 'finish') expect(open).toBeUndefined();
      continue;
    }
    if (event.type.endsWith('-start')) {
      expect(open, `${event.block} starts while ${open} is open`).toBeUndefined();
      expect(seen.has(event.block), `block ${event.block} reused`).toBe(false);
      seen.add(event.block);
      open = event.block;
      if (event.type === 'tool-call-start') toolCalls += 1;
    } else {
      expect(event.block).toBe(open);
      if (event.type.endsWith('-end')) open = undefined;
    }
  }
  if (last?.type === 'finish') expect(last.finishReason.unified === 'tool-calls').toBe(toolCalls > 0);
}

export interface Accumulated {
  id?: string;
  model?: string;
  output: HubOutput[];
  usage?: HubUsage;
  finish?: HubFinishReason;
  error?: { status: number; message: string; code?: string };
}

/**
 * Hub events → the answer they describe, shaped like decodeResponse's output. Reasoning of this
 * protocol: summary deltas form one summary entry (parts come joined by a blank line), raw text
 * deltas the `text`.
 */
export function accumulate(events: readonly HubEvent[]): Accumulated {
  const acc: Accumulated = { output: [] };
  const blocks = new Map<string, HubOutput>();
  const summaries = new Map<string, string>();
  for (const event of events) {
    switch (event.type) {
      case 'response-start':
        acc.id = event.id;
        acc.model = event.model;
        break;
      case 'text-start':
        blocks.set(event.block, { type: 'text', text: '' });
        break;
      case 'reasoning-start':
        blocks.set(event.block, { type: 'reasoning', origin: event.origin, ...(event.itemId ? { itemId: event.itemId } : {}) });
        break;
      case 'tool-call-start':
        blocks.set(event.block, { type: 'tool-call', id: event.id, name: event.name, arguments: '', ...(event.custom ? { custom: true } : {}), ...(event.itemId ? { itemId: event.itemId } : {}) });
        break;
      case 'text-delta':
      case 'tool-call-delta': {
        const block = blocks.get(event.block);
        if (block?.type === 'text') block.text += event.delta;
        if (block?.type === 'tool-call') block.arguments += event.delta;
        break;
      }
      case 'reasoning-delta': {
        const block = blocks.get(event.block);
        if (block?.type !== 'reasoning') break;
        if (event.kind === 'text') block.text = (block.text ?? '') + event.delta;
        else summaries.set(event.block, (summaries.get(event.block) ?? '') + event.delta);
        break;
      }
      case 'text-end':
      case 'tool-call-end':
      case 'reasoning-end': {
        const block = blocks.get(event.block);
        if (block === undefined) break;
        if (event.type === 'reasoning-end' && block.type === 'reasoning') {
          const summary = summaries.get(event.block);
          block.summary = summary === undefined ? [] : [summary];
          if (event.encrypted !== undefined) block.encrypted = event.encrypted;
          if (event.signature !== undefined) block.signature = event.signature;
        }
        acc.output.push(block);
        break;
      }
      case 'usage':
        acc.usage = event.usage;
        break;
      case 'finish':
        acc.finish = event.finishReason;
        break;
      case 'error':
        acc.error = { status: event.status, message: event.message, ...(event.code === undefined ? {} : { code: event.code }) };
        break;
    }
  }
  return acc;
}

/** A decoded non-stream answer in the accumulator's form: summary parts joined as the reducer joins them. */
export function asAccumulated(response: HubResponse): Accumulated {
  return {
    id: response.id,
    model: response.model,
    output: response.output.map((out) => (out.type === 'reasoning' ? { ...out, summary: out.summary?.length ? [out.summary.join('\n\n')] : [] } : out)),
    usage: response.usage,
    finish: response.finishReason,
  };
}

/** What must agree between a stream and a whole answer of different recordings: no ids. */
export function content(acc: Accumulated) {
  return {
    text: acc.output.map((o) => (o.type === 'text' ? o.text : '')).join(''),
    toolCalls: acc.output.flatMap((o) => (o.type === 'tool-call' ? [{ name: o.name, arguments: o.arguments }] : [])),
    finish: acc.finish,
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
