// Claude stream test support: the shared pieces (SSE text → messages, hub-event rules,
// hub events → answer) live in test/helpers/hub-stream.ts; here the accumulator in the shape of
// Claude's decodeResponse, the user's view of an answer, Claude frame checks (spec validator,
// indexes) and the Anthropic SDK's own accumulation over a stubbed fetch.
import Anthropic from '@anthropic-ai/sdk';
import { expect } from 'vitest';
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubFinishReason, HubOutput, HubUsage } from '../../../src/hub/hub-response.ts';
import type { SseFrame } from '../../../src/stream/sse.ts';
import { validators } from '../../../generated/claude/index.ts';
import { accumulate as accumulateHub, type HubAnswer } from '../../helpers/hub-stream.ts';

export const REQUEST: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: true };

export interface Accumulated extends Omit<HubAnswer, 'finishReason'> {
  finish?: HubFinishReason;
}

/**
 * Hub events → the answer they describe, in the shape of Claude's decodeResponse: every thinking
 * block has a `text` ('' when none streamed), a redacted one none; the finish is `finish`.
 */
export function accumulate(events: readonly HubEvent[]): Accumulated {
  const { finishReason, ...answer } = accumulateHub(events);
  const output = answer.output.map((o) => (o.type === 'reasoning' && !o.redacted ? { text: '', ...o } : o));
  return { ...answer, output, ...(finishReason === undefined ? {} : { finish: finishReason }) };
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
