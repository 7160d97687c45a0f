// Chat has no standard reasoning field, and Chat-compatible servers answer in three dialects:
// `reasoning_content` (DeepSeek, vLLM, Qwen), `reasoning` as a string (Ollama,
// OpenRouter) and OpenRouter's `reasoning_details[]` (text with an optional signature, summary,
// encrypted). All three are read, from responses and from assistant history; only
// `reasoning_content` is written.
import type { HubReasoning } from '../../hub/hub-request.ts';
import type { HubOutput } from '../../hub/hub-response.ts';
import type { Drop } from '../../hub/warnings.ts';
import type { ProtocolId } from '../protocol-id.ts';
import { type JsonObject, recordsAt, stringAt } from '../read-json.ts';

export const CHAT: ProtocolId = 'openai-chat-completions';

function fromDetail(detail: JsonObject, drop: Drop): HubReasoning | undefined {
  switch (detail.type) {
    case 'reasoning.text': {
      const text = stringAt(detail.text);
      const signature = stringAt(detail.signature);
      if (text === undefined && signature === undefined) return undefined;
      return { type: 'reasoning', origin: CHAT, ...(text === undefined ? {} : { text }), ...(signature ? { signature } : {}) };
    }
    case 'reasoning.summary': {
      const summary = stringAt(detail.summary);
      return summary === undefined ? undefined : { type: 'reasoning', origin: CHAT, summary: [summary] };
    }
    case 'reasoning.encrypted': {
      const data = stringAt(detail.data);
      return data === undefined ? undefined : { type: 'reasoning', origin: CHAT, encrypted: data };
    }
  }
  drop(`reasoning_details[].type=${String(detail.type)}`, 'unknown reasoning detail type; not kept');
  return undefined;
}

/** The reasoning an assistant message carries, one hub item per reasoning detail (or one for the text). */
export function readReasoning(message: JsonObject, drop: Drop): HubReasoning[] {
  const details = recordsAt(message.reasoning_details).flatMap((detail) => fromDetail(detail, drop) ?? []);
  // OpenRouter sends `reasoning` (the joined text) beside `reasoning_details`: the details win, no duplicate.
  if (details.length > 0) return details;
  const text = stringAt(message.reasoning_content) || stringAt(message.reasoning);
  return text ? [{ type: 'reasoning', origin: CHAT, text }] : [];
}

/**
 * Reasoning outputs → the `reasoning_content` string (text, else summaries). Signatures and
 * encrypted state have no field in a non-streamed Chat answer: dropped with a warning.
 */
export function reasoningContent(outputs: readonly HubOutput[], drop: Drop): string | undefined {
  const texts: string[] = [];
  for (const output of outputs) {
    if (output.type !== 'reasoning') continue;
    const text = output.text ?? output.summary?.join('\n\n');
    if (text) texts.push(text);
    if (output.signature !== undefined || output.encrypted !== undefined || output.redacted) {
      drop('reasoning.signature/encrypted', 'Chat answers carry reasoning as text only; opaque reasoning state was not sent');
    }
  }
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}
