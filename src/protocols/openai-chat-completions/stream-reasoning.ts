// Reasoning in a Chat stream delta, in the three dialects Chat-compatible servers use (the
// same ones convert-reasoning.ts reads from a whole answer): `reasoning_content` (DeepSeek,
// vLLM, Qwen), `reasoning` as a string (Ollama, OpenRouter) and OpenRouter's `reasoning_details[]`.
// https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details
import type { HubEvent } from '../../hub/hub-events.ts';
import { type JsonObject, numberAt, recordsAt, stringAt } from '../read-json.ts';
import { type ChatStreamState, reasoningBlock } from './stream-state.ts';

/**
 * One `reasoning_details[]` entry. Text and summaries stream as deltas; a signature
 * (`reasoning.text` from an Anthropic model) or `reasoning.encrypted` data is opaque state known
 * once, so it waits for `reasoning-end`. Unknown detail types open no block.
 */
function applyDetail(state: ChatStreamState, detail: JsonObject, out: HubEvent[]): void {
  const text = detail.type === 'reasoning.text' ? stringAt(detail.text) : undefined;
  const summary = detail.type === 'reasoning.summary' ? stringAt(detail.summary) : undefined;
  const signature = detail.type === 'reasoning.text' ? stringAt(detail.signature) : undefined;
  const encrypted = detail.type === 'reasoning.encrypted' ? stringAt(detail.data) : undefined;
  if (!text && !summary && !signature && !encrypted) return;
  const open = reasoningBlock(state, numberAt(detail.index), out);
  if (text) out.push({ type: 'reasoning-delta', block: open.block, delta: text, kind: 'text' });
  if (summary) out.push({ type: 'reasoning-delta', block: open.block, delta: summary, kind: 'summary' });
  if (signature) open.signature = signature;
  if (encrypted) open.encrypted = encrypted;
}

export function applyReasoning(state: ChatStreamState, delta: JsonObject, out: HubEvent[]): void {
  const details = recordsAt(delta.reasoning_details);
  // OpenRouter sends `reasoning` (the same text) beside `reasoning_details`, and some vLLM builds
  // send both `reasoning` and `reasoning_content`: one source per delta, never the text twice.
  if (details.length > 0) {
    for (const detail of details) applyDetail(state, detail, out);
    return;
  }
  const text = stringAt(delta.reasoning_content) || stringAt(delta.reasoning);
  if (!text) return;
  const open = reasoningBlock(state, undefined, out);
  out.push({ type: 'reasoning-delta', block: open.block, delta: text, kind: 'text' });
}
