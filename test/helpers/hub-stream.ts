// Shared test helpers for stream reducers/encoders: SSE text → messages (framed by
// eventsource-parser, as production frames them), the hub-event rules checker (the rules of
// src/hub/hub-events.ts as assertions), and hub events → the accumulated answer they describe.
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import type { HubEvent } from '../../src/hub/hub-events.ts';
import type { HubFinishReason, HubOutput, HubUsage } from '../../src/hub/hub-response.ts';
import { formatSse, type SseFrame } from '../../src/stream/sse.ts';
import type { SseMessage } from '../../src/stream/sse-parser.ts';

/**
 * SSE text → messages. Like production's EventSourceParserStream, the parser is never flushed:
 * an event without its closing blank line at the end of the text is not dispatched.
 */
export function sseMessages(raw: string): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createParser({ onEvent: (e) => messages.push(e.event ? { event: e.event, data: e.data } : { data: e.data }) });
  parser.feed(raw);
  return messages;
}

/** Encoder frames → the SSE text a client reads. */
export function sseText(frames: readonly SseFrame[]): string {
  return frames.map(formatSse).join('');
}

export interface HubRulesOptions {
  /** The reducer sends `response-start` even before an error, so a lone `error` breaks the rules too. */
  alwaysStarts?: boolean;
}

/** The rules every reducer keeps (hub-events.ts); fails the test on the first broken one. */
export function expectHubRules(events: readonly HubEvent[], options: HubRulesOptions = {}): void {
  const last = events.at(-1);
  expect(['finish', 'error']).toContain(last?.type);
  expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1);
  if (options.alwaysStarts || !(events.length === 1 && last?.type === 'error')) {
    expect(events[0]?.type).toBe('response-start');
    expect(events.filter((e) => e.type === 'response-start')).toHaveLength(1);
  }
  const seen = new Set<string>();
  let open: { block: string; kind: string } | undefined;
  let toolCalls = 0;
  for (const event of events) {
    if (!('block' in event)) continue;
    const dash = event.type.lastIndexOf('-');
    const [kind, phase] = [event.type.slice(0, dash), event.type.slice(dash + 1)];
    if (phase === 'start') {
      expect(open, `${event.type} ${event.block} while ${open?.block} is open`).toBeUndefined();
      expect(seen.has(event.block), `block ${event.block} reused`).toBe(false);
      seen.add(event.block);
      open = { block: event.block, kind };
      if (kind === 'tool-call') toolCalls += 1;
    } else {
      expect(open, `${event.type} outside its block`).toEqual({ block: event.block, kind });
      if (phase === 'end') open = undefined;
    }
  }
  if (last?.type === 'finish') {
    expect(open, 'a block is still open at finish').toBeUndefined();
    expect(last.finishReason.unified === 'tool-calls').toBe(toolCalls > 0);
  }
}

/** Hub events added up: the fields of a non-streamed HubResponse, plus the stream's own end. */
export interface HubAnswer {
  id?: string;
  model?: string;
  output: HubOutput[];
  usage?: HubUsage;
  finishReason?: HubFinishReason;
  stopSequence?: string;
  error?: { status: number; message: string; code?: string };
}

export interface AccumulateOptions {
  /**
   * Where `kind: 'summary'` reasoning deltas go: joined into one `summary` entry (Responses,
   * Chat reasoning_details), or into `text` (Gemini thought summaries, which decodeResponse
   * reads as the reasoning's text).
   */
  summaryAs?: 'summary' | 'text';
}

/**
 * Hub events → the answer they describe, shaped like decodeResponse's output. Blocks become
 * HubOutput items in the order they start; a block the stream never ends (an error cut it) is
 * kept with what it got, as a client shows it.
 */
export function accumulate(events: readonly HubEvent[], options: AccumulateOptions = {}): HubAnswer {
  const answer: HubAnswer = { output: [] };
  const blocks = new Map<string, HubOutput>();
  const add = (block: string, output: HubOutput) => {
    blocks.set(block, output);
    answer.output.push(output);
  };
  for (const event of events) {
    switch (event.type) {
      case 'response-start':
        answer.id = event.id;
        answer.model = event.model;
        break;
      case 'text-start':
        add(event.block, { type: 'text', text: '' });
        break;
      case 'reasoning-start':
        add(event.block, { type: 'reasoning', origin: event.origin, ...(event.itemId ? { itemId: event.itemId } : {}), ...(event.redacted ? { redacted: true } : {}) });
        break;
      case 'tool-call-start':
        add(event.block, { type: 'tool-call', id: event.id, name: event.name, arguments: '', ...(event.custom ? { custom: true } : {}), ...(event.itemId ? { itemId: event.itemId } : {}) });
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
        if (event.kind === 'text' || options.summaryAs === 'text') block.text = (block.text ?? '') + event.delta;
        else block.summary = [(block.summary ?? []).join('') + event.delta];
        break;
      }
      case 'reasoning-end': {
        const block = blocks.get(event.block);
        if (block?.type !== 'reasoning') break;
        if (event.signature !== undefined) block.signature = event.signature;
        if (event.encrypted !== undefined) block.encrypted = event.encrypted;
        break;
      }
      case 'tool-call-end': {
        const block = blocks.get(event.block);
        if (block?.type === 'tool-call' && event.signature !== undefined) block.signature = event.signature;
        break;
      }
      case 'text-end':
        break;
      case 'usage':
        answer.usage = event.usage;
        break;
      case 'finish':
        answer.finishReason = event.finishReason;
        if (event.stopSequence !== undefined) answer.stopSequence = event.stopSequence;
        break;
      case 'error':
        answer.error = { status: event.status, message: event.message, ...(event.code === undefined ? {} : { code: event.code }) };
        break;
    }
  }
  return answer;
}
