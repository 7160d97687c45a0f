// Stream test support for the Gemini reducer/encoder: SSE text ⇄ messages (with eventsource-parser,
// as production does), the hub-event rules checker, and an accumulator that turns hub events
// into the answer a non-stream decodeResponse would give.
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubFinishReason, HubOutput, HubUsage } from '../../../src/hub/hub-response.ts';
import { formatSse, type SseFrame } from '../../../src/stream/sse.ts';
import type { SseMessage } from '../../../src/stream/sse-message.ts';

export const REQUEST: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: true };

export function sseMessages(raw: string): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createParser({ onEvent: (e) => messages.push(e.event ? { event: e.event, data: e.data } : { data: e.data }) });
  parser.feed(raw);
  parser.reset({ consume: true });
  return messages;
}

export const sseText = (frames: readonly SseFrame[]): string => frames.map(formatSse).join('');

/** Asserts the rules of src/hub/hub-events.ts. */
export function expectHubRules(events: readonly HubEvent[]): void {
  expect(events.length).toBeGreaterThan(0);
  const last = events.at(-1);
  expect(['finish', 'error']).toContain(last?.type);
  expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1);
  const starts = events.filter((e) => e.type === 'response-start');
  if (last?.type === 'finish') expect(events[0]?.type).toBe('response-start');
  expect(starts.length).toBeLessThanOrEqual(1);
  if (starts.length === 1) expect(events[0]?.type).toBe('response-start');
  const seen = new Set<string>();
  let open: string | undefined;
  let calls = 0;
  for (const e of events) {
    if (e.type === 'text-start' || e.type === 'reasoning-start' || e.type === 'tool-call-start') {
      expect(open, `block ${e.block} starts while ${open} is open`).toBeUndefined();
      expect(seen.has(e.block), `block ${e.block} reused`).toBe(false);
      seen.add(e.block);
      open = e.block;
      if (e.type === 'tool-call-start') calls += 1;
    } else if (e.type === 'text-delta' || e.type === 'reasoning-delta' || e.type === 'tool-call-delta') {
      expect(e.block).toBe(open);
    } else if (e.type === 'text-end' || e.type === 'reasoning-end' || e.type === 'tool-call-end') {
      expect(e.block).toBe(open);
      open = undefined;
    } else if (e.type === 'finish') {
      expect(open).toBeUndefined();
      expect(e.finishReason.unified === 'tool-calls').toBe(calls > 0);
    }
  }
}

export interface Accumulated {
  id?: string;
  model?: string;
  output: HubOutput[];
  finishReason?: HubFinishReason;
  usage?: HubUsage;
  error?: { status: number; message: string; code?: string };
}

/** Hub events → the answer they add up to (blocks become HubOutput items in order). */
export function accumulate(events: readonly HubEvent[]): Accumulated {
  const acc: Accumulated = { output: [] };
  const items = new Map<string, HubOutput>();
  for (const e of events) {
    switch (e.type) {
      case 'response-start':
        acc.id = e.id;
        acc.model = e.model;
        break;
      case 'text-start':
        items.set(e.block, { type: 'text', text: '' });
        break;
      case 'reasoning-start':
        items.set(e.block, { type: 'reasoning', origin: e.origin });
        break;
      case 'tool-call-start':
        items.set(e.block, { type: 'tool-call', id: e.id, name: e.name, arguments: '' });
        break;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-delta': {
        const item = items.get(e.block);
        if (item?.type === 'text') item.text += e.delta;
        else if (item?.type === 'reasoning') item.text = (item.text ?? '') + e.delta;
        else if (item?.type === 'tool-call') item.arguments += e.delta;
        break;
      }
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end': {
        const item = items.get(e.block);
        if (!item) break;
        if (e.type === 'reasoning-end' && item.type === 'reasoning' && e.signature) item.signature = e.signature;
        if (e.type === 'tool-call-end' && item.type === 'tool-call' && e.signature) item.signature = e.signature;
        acc.output.push(item);
        break;
      }
      case 'usage':
        acc.usage = e.usage;
        break;
      case 'finish':
        acc.finishReason = e.finishReason;
        break;
      case 'error':
        acc.error = { status: e.status, message: e.message, ...(e.code !== undefined ? { code: e.code } : {}) };
        break;
    }
  }
  return acc;
}

/** Generated tool-call ids differ run to run: number them in order. */
export function withStableIds(output: readonly HubOutput[]): HubOutput[] {
  let n = 0;
  return output.map((o) => (o.type === 'tool-call' ? { ...o, id: `call_${n++}` } : o));
}
