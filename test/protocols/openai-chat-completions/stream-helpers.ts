// Chat stream test support: the shared pieces (SSE text → messages, hub-event rules,
// hub events → answer) live in test/helpers/hub-stream.ts; here Chat chunks as an upstream sends
// them, the reducer and encoder over arrays, and views of an accumulated answer.
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubOutput, HubUsage } from '../../../src/hub/hub-response.ts';
import { openaiChatCompletionsStreamCodec as streamCodec } from '../../../src/protocols/openai-chat-completions/stream-codec.ts';
import { runReducer } from '../../../src/stream/reducer.ts';
import type { SseFrame } from '../../../src/stream/sse.ts';
import { expectHubRules as expectSharedHubRules, sseMessages } from '../../helpers/hub-stream.ts';
import { hubRequest } from './helpers.ts';

export { streamCodec };

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

/** Parsed `data:` payloads of the encoder's frames, `[DONE]` kept as the string. */
export function payloads(frames: readonly SseFrame[]): unknown[] {
  return frames.map((f) => (f.data === '[DONE]' ? '[DONE]' : (JSON.parse(f.data) as unknown)));
}

/** The hub-event rules; the Chat reducer sends `response-start` even before an error, so a lone error fails too. */
export const expectHubRules = (events: readonly HubEvent[]): void => expectSharedHubRules(events, { alwaysStarts: true });

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
