// Shared by the Claude stream tests: SSE text ⇔ messages (framed by eventsource-parser, as in
// production), the hub-event rules of hub-events.ts as assertions, an accumulator that folds
// hub events into the answer a user sees, and Claude frame checks (spec validator, indexes).
import Anthropic from '@anthropic-ai/sdk';
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubFinishReason, HubOutput, HubUsage } from '../../../src/hub/hub-response.ts';
import { formatSse, type SseFrame } from '../../../src/stream/sse.ts';
import type { SseMessage } from '../../../src/stream/sse-message.ts';
import { validators } from '../../../generated/claude/index.ts';

export const REQUEST: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: true };

export function sseMessages(raw: string): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createParser({ onEvent: (e) => messages.push(e.event ? { event: e.event, data: e.data } : { data: e.data }) });
  parser.feed(raw);
  return messages;
}

export function sseText(frames: readonly SseFrame[]): string {
  return frames.map(formatSse).join('');
}

/** The rules every reducer keeps (hub-events.ts); fails the test on the first broken one. */
export function expectHubRules(events: readonly HubEvent[]): void {
  const last = events.at(-1);
  expect(last?.type === 'finish' || last?.type === 'error').toBe(true);
  expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1);
  if (!(events.length === 1 && last?.type === 'error')) {
    expect(events[0]?.type).toBe('response-start');
    expect(events.filter((e) => e.type === 'response-start')).toHaveLength(1);
  }
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
  stopSequence?: string;
  error?: { status: number; message: string; code?: string };
}

/** Hub events → the answer they describe, in the shape of a non-streamed HubResponse. */
export function accumulate(events: readonly HubEvent[]): Accumulated {
  const acc: Accumulated = { output: [] };
  const blocks = new Map<string, HubOutput>();
  for (const event of events) {
    switch (event.type) {
      case 'response-start':
        acc.id = event.id;
        acc.model = event.model;
        break;
      case 'text-start':
        blocks.set(event.block, { type: 'text', text: '' });
        break;
      case 'reasoning-start': {
        const reasoning: HubOutput = { type: 'reasoning', origin: event.origin, text: '' };
        if (event.redacted) reasoning.redacted = true;
        blocks.set(event.block, reasoning);
        break;
      }
      case 'tool-call-start':
        blocks.set(event.block, { type: 'tool-call', id: event.id, name: event.name, arguments: '' });
        break;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-delta': {
        const block = blocks.get(event.block);
        if (block?.type === 'text' || (block?.type === 'reasoning')) block.text = (block.text ?? '') + event.delta;
        if (block?.type === 'tool-call') block.arguments += event.delta;
        break;
      }
      case 'text-end':
      case 'tool-call-end':
      case 'reasoning-end': {
        const block = blocks.get(event.block);
        if (block === undefined) break;
        if (event.type === 'reasoning-end' && block.type === 'reasoning') {
          if (event.signature !== undefined) block.signature = event.signature;
          if (event.encrypted !== undefined) block.encrypted = event.encrypted;
          if (block.redacted) delete block.text;
        }
        acc.output.push(block);
        break;
      }
      case 'usage':
        acc.usage = event.usage;
        break;
      case 'finish':
        acc.finish = event.finishReason;
        if (event.stopSequence !== undefined) acc.stopSequence = event.stopSequence;
        break;
      case 'error':
        acc.error = event.code === undefined ? { status: event.status, message: event.message } : { status: event.status, message: event.message, code: event.code };
        break;
    }
  }
  return acc;
}

/** What a user cares about: text, reasoning, calls with parsed arguments, finish, usage counts. */
export function userView(acc: { output: readonly HubOutput[]; usage?: HubUsage; finish?: HubFinishReason; finishReason?: HubFinishReason }) {
  return {
    output: acc.output.map((o) => (o.type === 'tool-call' ? { ...o, arguments: JSON.parse(o.arguments === '' ? '{}' : o.arguments) as unknown } : o)),
    finish: acc.finish ?? acc.finishReason,
    usage: acc.usage && { input: acc.usage.input, output: acc.usage.output, cacheRead: acc.usage.cacheRead ?? 0, cacheWrite: acc.usage.cacheWrite ?? 0 },
  };
}

export type ClaudeEvent = Record<string, unknown> & { type: string };

/**
 * Claude frames: `event:` equals the payload's type, every payload passes the generated
 * MessagesStreamEvent validator, message_start comes first, indexes run 0..n in push order, each
 * started block is stopped before the next starts, and message_stop (or an error) is last.
 */
export function expectClaudeFrames(frames: readonly SseFrame[]): ClaudeEvent[] {
  const events = frames.map((f) => {
    const data = JSON.parse(f.data) as ClaudeEvent;
    expect(f.event).toBe(data.type);
    expect(validators.MessagesStreamEvent(data), f.data).toBe(true);
    return data;
  });
  const body = events.filter((e) => e.type !== 'ping');
  const last = body.at(-1);
  if (last?.type !== 'error') {
    expect(body[0]?.type).toBe('message_start');
    expect(last?.type).toBe('message_stop');
    expect(body.at(-2)?.type).toBe('message_delta');
  }
  expect(body.filter((e) => e.type === 'message_start').length).toBeLessThanOrEqual(1);
  let next = 0;
  let open: number | undefined;
  for (const event of body) {
    if (event.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(event.index).toBe(next);
      open = next++;
    } else if (event.type === 'content_block_delta') {
      expect(event.index).toBe(open);
    } else if (event.type === 'content_block_stop') {
      expect(event.index).toBe(open);
      open = undefined;
    } else if (event.type === 'message_delta' || event.type === 'message_stop') {
      expect(open).toBeUndefined();
    }
  }
  return events;
}

/** The Anthropic SDK's own accumulation of a Claude SSE body (MessageStream over a stubbed fetch). */
export async function sdkFinalMessage(raw: string): Promise<Anthropic.Message> {
  // `parsed_output` is the SDK's own addition (structured-output parsing), not part of the wire message.
  const client = new Anthropic({
    apiKey: 'test',
    baseURL: 'http://upstream.test',
    maxRetries: 0,
    fetch: () => Promise.resolve(new Response(raw, { headers: { 'content-type': 'text/event-stream' } })),
  });
  const { parsed_output: _parsed, ...message } = await client.messages.stream({ model: 'test-model', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
  return message;
}
