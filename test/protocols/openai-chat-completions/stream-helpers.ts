// Shared by the Chat stream tests: SSE text → messages (eventsource-parser, as in production),
// the reducer and encoder over arrays, the hub-event rules, and hub events folded back into a
// non-streamed answer so a stream can be compared with decodeResponse of the same answer.
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubFinishReason, HubOutput, HubUsage } from '../../../src/hub/hub-response.ts';
import { openaiChatCompletionsStreamCodec as streamCodec } from '../../../src/protocols/openai-chat-completions/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import { formatSse, type SseFrame } from '../../../src/stream/sse.ts';
import type { SseMessage } from '../../../src/stream/sse-message.ts';
import { hubRequest } from './helpers.ts';

export { streamCodec };

export function sseMessages(raw: string): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createParser({ onEvent: (m) => messages.push(m.event ? { event: m.event, data: m.data } : { data: m.data }) });
  parser.feed(raw);
  parser.reset({ consume: true });
  return messages;
}

/** `data:` lines of chunks (objects are JSON-encoded), as an upstream sends them. */
export function sse(...chunks: Array<Record<string, unknown> | string>): string {
  return chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('');
}

/** A chunk with one choice-0 delta, in OpenAI's envelope. */
export function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1700000000, model: 'm', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra };
}

export const usageChunk = (prompt: number, completion: number) =>
  ({ id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1700000000, model: 'm', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } });

export function reduce(raw: string, request: HubRequest = hubRequest({ stream: true })): HubEvent[] {
  return runReducer(streamCodec.reducer(request), sseMessages(raw));
}

export function encode(events: readonly HubEvent[], request: HubRequest = hubRequest({ stream: true })): SseFrame[] {
  return runReducer(streamCodec.encoder(request), events);
}

export function sseText(frames: readonly SseFrame[]): string {
  return frames.map(formatSse).join('');
}

/** Parsed `data:` payloads of the encoder's frames, `[DONE]` kept as the string. */
export function payloads(frames: readonly SseFrame[]): unknown[] {
  return frames.map((f) => (f.data === '[DONE]' ? '[DONE]' : (JSON.parse(f.data) as unknown)));
}

/** Asserts the rules of src/hub/hub-events.ts. */
export function expectHubRules(events: readonly HubEvent[]): void {
  expect(events[0]?.type).toBe('response-start');
  expect(events.filter((e) => e.type === 'response-start')).toHaveLength(1);
  const last = events.at(-1);
  expect(['finish', 'error']).toContain(last?.type);
  expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1);
  const seen = new Set<string>();
  let open: { block: string; kind: string } | undefined;
  let tools = 0;
  for (const event of events) {
    if (!('block' in event)) continue;
    const [kind, phase] = [event.type.slice(0, event.type.lastIndexOf('-')), event.type.slice(event.type.lastIndexOf('-') + 1)];
    if (phase === 'start') {
      expect(open, `${event.type} while ${open?.block} is open`).toBeUndefined();
      expect(seen.has(event.block), `block ${event.block} reused`).toBe(false);
      seen.add(event.block);
      open = { block: event.block, kind };
      if (kind === 'tool-call') tools++;
    } else {
      expect(open).toEqual({ block: event.block, kind });
      if (phase === 'end') open = undefined;
    }
  }
  if (last?.type === 'finish') {
    expect(open, 'a block is still open at finish').toBeUndefined();
    expect(last.finishReason.unified === 'tool-calls').toBe(tools > 0);
  }
}

export interface Accumulated {
  id: string;
  model: string;
  output: HubOutput[];
  finishReason: HubFinishReason | undefined;
  usage: HubUsage | undefined;
  error: Extract<HubEvent, { type: 'error' }> | undefined;
}

/** What a client accumulates from hub events: the non-streamed answer's shape. */
export function accumulate(events: readonly HubEvent[]): Accumulated {
  const result: Accumulated = { id: '', model: '', output: [], finishReason: undefined, usage: undefined, error: undefined };
  const blocks = new Map<string, HubOutput>();
  for (const event of events) {
    switch (event.type) {
      case 'response-start':
        Object.assign(result, { id: event.id, model: event.model });
        break;
      case 'text-start':
        blocks.set(event.block, { type: 'text', text: '' });
        result.output.push(blocks.get(event.block) as HubOutput);
        break;
      case 'reasoning-start':
        blocks.set(event.block, { type: 'reasoning', origin: event.origin });
        result.output.push(blocks.get(event.block) as HubOutput);
        break;
      case 'tool-call-start':
        blocks.set(event.block, { type: 'tool-call', id: event.id, name: event.name, arguments: '', ...(event.custom ? { custom: true } : {}) });
        result.output.push(blocks.get(event.block) as HubOutput);
        break;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-delta': {
        const block = blocks.get(event.block);
        if (block?.type === 'text') block.text += event.delta;
        if (block?.type === 'tool-call') block.arguments += event.delta;
        if (block?.type === 'reasoning' && event.type === 'reasoning-delta') {
          if (event.kind === 'text') block.text = (block.text ?? '') + event.delta;
          else block.summary = [(block.summary ?? []).join('') + event.delta];
        }
        break;
      }
      case 'reasoning-end': {
        const block = blocks.get(event.block);
        if (block?.type === 'reasoning') Object.assign(block, event.signature ? { signature: event.signature } : {}, event.encrypted ? { encrypted: event.encrypted } : {});
        break;
      }
      case 'usage':
        result.usage = event.usage;
        break;
      case 'finish':
        result.finishReason = event.finishReason;
        break;
      case 'error':
        result.error = event;
        break;
    }
  }
  return result;
}

/** Tool calls without their ids (a stream fixture and its non-stream twin have their own ids). */
export function callsOf(output: readonly HubOutput[]): Array<{ name: string; arguments: string }> {
  return output.flatMap((o) => (o.type === 'tool-call' ? [{ name: o.name, arguments: o.arguments }] : []));
}

export function textOf(output: readonly HubOutput[]): string {
  return output.map((o) => (o.type === 'text' ? o.text : '')).join('');
}

export function usageWithoutRaw(usage: HubUsage | undefined): Omit<HubUsage, 'raw'> | undefined {
  if (!usage) return undefined;
  const { raw: _raw, ...rest } = usage;
  return rest;
}
