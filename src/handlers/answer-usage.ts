// Token usage of a relayed (same-protocol) answer, for the request log and metrics. A
// conversion gets usage from the hub for free; a pass-through never decodes the answer, so this
// reads only the usage object, with each protocol's own usage decoder. For streams it keeps a
// reference to the last event that carries usage (a string compare per event, no parsing) and
// parses that once, when the stream closes.
import type { HubUsage } from '../hub/hub-response.ts';
import { fromClaudeUsage } from '../protocols/claude/convert-usage.ts';
import { decodeUsage as fromGeminiUsage } from '../protocols/gemini/convert-usage.ts';
import { decodeUsage as fromChatUsage } from '../protocols/openai-chat-completions/convert-usage.ts';
import { fromResponsesUsage } from '../protocols/openai-responses/convert-usage.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { isRecord, parseEventObject } from '../protocols/read-json.ts';
import type { SseMessage } from '../stream/sse-parser.ts';

/** Usage of a whole JSON answer of `protocol`, when it has any. */
export function answerUsage(protocol: ProtocolId, body: unknown): HubUsage | undefined {
  if (!isRecord(body)) return undefined;
  switch (protocol) {
    case 'openai-chat-completions':
      return isRecord(body.usage) ? fromChatUsage(body.usage) : undefined;
    case 'openai-responses':
      return isRecord(body.usage) ? fromResponsesUsage(body.usage) : undefined;
    case 'claude':
      return isRecord(body.usage) ? fromClaudeUsage(body.usage) : undefined;
    case 'gemini':
      return isRecord(body.usageMetadata) ? fromGeminiUsage(body.usageMetadata) : undefined;
  }
}

export interface StreamUsageTap {
  see(event: SseMessage): void;
  /** Read once, when the stream is over: the events kept for it are let go. */
  usage(): HubUsage | undefined;
}

/**
 * Watches a relayed stream's events for usage. Chat, Gemini and Responses repeat cumulative
 * usage (the last one wins; Responses' `response.completed` holds it under `response`);
 * Claude splits it: `message_start` has the input side, `message_delta` the output side.
 */
export function streamUsageTap(protocol: ProtocolId): StreamUsageTap {
  const marker = protocol === 'gemini' ? '"usageMetadata"' : '"usage"';
  let last: string | undefined;
  let claudeStart: string | undefined;
  return {
    see(event) {
      if (!event.data.includes(marker)) return;
      if (protocol === 'claude' && event.event === 'message_start') claudeStart = event.data;
      else last = event.data;
    },
    usage() {
      // A kept event's data is a slice of the upstream chunk it came in, which it keeps whole;
      // the tap itself can outlive the stream in the heap (the GC trace showed every stream's
      // state promoted to the old generation), so what it read is let go at once.
      const startText = claudeStart;
      const lastText = last;
      claudeStart = undefined;
      last = undefined;
      if (protocol === 'claude') {
        const start = startText === undefined ? undefined : parseEventObject(startText)?.message;
        const delta = lastText === undefined ? undefined : parseEventObject(lastText)?.usage;
        if (!isRecord(start) && !isRecord(delta)) return undefined;
        const merged: Record<string, unknown> = { ...(isRecord(start) && isRecord(start.usage) ? start.usage : {}) };
        // message_delta's usage is cumulative; a null field keeps the start's value.
        if (isRecord(delta)) for (const [key, value] of Object.entries(delta)) if (value !== null && value !== undefined) merged[key] = value;
        return fromClaudeUsage(merged);
      }
      if (lastText === undefined) return undefined;
      const data = parseEventObject(lastText);
      return answerUsage(protocol, protocol === 'openai-responses' && isRecord(data?.response) ? data.response : data);
    },
  };
}
