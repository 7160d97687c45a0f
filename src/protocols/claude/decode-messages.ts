// Claude `messages` → hub items, in block order. Within a turn, consecutive text/image/document
// blocks join into one hub message; tool_use, tool_result and thinking blocks become their own
// items where they stand. A `role: "system"` message (Claude Code's environment message, beta
// mid-conversation-system-2026-04-07) becomes an `instruction` item in place; one
// with no text (the directive-only form, `content: []` + settings such as `output_config`)
// becomes nothing, its settings reported as dropped.
import type { HubPart, HubText } from '../../hub/hub-content.ts';
import type { HubItem, HubReasoning, HubRole, HubToolResult } from '../../hub/hub-request.ts';
import { fromClaudeToolId } from '../../hub/tool-call-id.ts';
import { decodeReasoningSignature } from '../../hub/reasoning-carrier.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, recordsAt, stringAt } from '../read-json.ts';
import { decodeMediaBlock, decodeText } from './convert-parts.ts';
import { isMeaningful } from './is-meaningful.ts';

function blocksOf(content: unknown): JsonObject[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : recordsAt(content);
}

function decodeInstruction(message: JsonObject, at: string, warnings: Warnings): HubItem[] {
  for (const [key, value] of Object.entries(message)) {
    if (key !== 'role' && key !== 'content' && isMeaningful(value)) warnings.drop(`${at}.${key}`, 'settings on a system message have no hub twin; dropped');
  }
  const texts: HubText[] = [];
  blocksOf(message.content).forEach((block, j) => {
    if (block.type === 'text') texts.push(decodeText(block));
    else warnings.drop(`${at}.content[${j}]`, `a ${String(block.type)} block in a system message has no twin; dropped`);
  });
  // An empty instruction would reach Chat as a system message with no content, which OpenAI refuses.
  return texts.some((text) => text.text.trim() !== '') ? [{ type: 'instruction', role: 'system', content: texts }] : [];
}

/** tool_result content: a string or text/image/document blocks. */
function decodeToolResult(block: JsonObject, at: string, warnings: Warnings): HubToolResult {
  const content: HubPart[] = [];
  blocksOf(block.content).forEach((inner, j) => {
    const parts = decodeMediaBlock(inner, `${at}.content[${j}]`, warnings);
    if (parts) content.push(...parts);
    else warnings.drop(`${at}.content[${j}]`, `a ${String(inner.type)} block in a tool result has no hub twin; dropped`);
  });
  const result: HubToolResult = { type: 'tool-result', callId: fromClaudeToolId(stringAt(block.tool_use_id) ?? ''), content };
  if (typeof block.is_error === 'boolean') result.isError = block.is_error;
  if (isMeaningful(block.cache_control)) {
    // The hub has no breakpoint on a tool result; the same cache prefix ends at its last text part.
    const last = content.at(-1);
    if (last?.type === 'text' && last.cacheControl === undefined) last.cacheControl = block.cache_control;
    else warnings.drop(`${at}.cache_control`, 'a cache breakpoint on a tool result without trailing text has no hub twin; dropped');
  }
  return result;
}

/** One non-system turn's blocks → items, in order. */
function decodeTurn(role: HubRole, content: unknown, at: string, warnings: Warnings): HubItem[] {
  const items: HubItem[] = [];
  let parts: HubPart[] = [];
  const flush = () => {
    if (parts.length > 0) items.push({ type: 'message', role, content: parts });
    parts = [];
  };
  blocksOf(content).forEach((block, j) => {
    const where = `${at}.content[${j}]`;
    const media = decodeMediaBlock(block, where, warnings);
    if (media) {
      parts.push(...media);
      return;
    }
    flush();
    if (block.type === 'tool_use') {
      if (isMeaningful(block.cache_control)) warnings.drop(`${where}.cache_control`, 'the hub keeps cache breakpoints only on text; dropped');
      if (isRecord(block.caller) && block.caller.type !== 'direct') warnings.drop(`${where}.caller`, 'programmatic tool callers have no hub twin; dropped');
      const input = isRecord(block.input) ? block.input : {};
      items.push({ type: 'tool-call', id: fromClaudeToolId(stringAt(block.id) ?? ''), name: stringAt(block.name) ?? '', arguments: JSON.stringify(input) });
    } else if (block.type === 'tool_result') {
      items.push(decodeToolResult(block, where, warnings));
    } else if (block.type === 'thinking') {
      const signature = stringAt(block.signature);
      // A thinking block the gateway made from another origin's reasoning carries that reasoning back.
      const carried = signature === undefined ? undefined : decodeReasoningSignature(signature);
      const reasoning: HubReasoning = carried ?? { type: 'reasoning', origin: 'claude', text: stringAt(block.thinking) ?? '' };
      if (!carried && signature !== undefined) reasoning.signature = signature;
      items.push(reasoning);
    } else if (block.type === 'redacted_thinking') {
      items.push({ type: 'reasoning', origin: 'claude', redacted: true, encrypted: stringAt(block.data) ?? '' });
    } else {
      // server_tool_use, web_search_tool_result, search_result, container_upload, …
      warnings.drop(where, `a ${String(block.type)} block (server-side tool state) has no hub twin; dropped`);
    }
  });
  flush();
  return items;
}

export function decodeMessages(messages: unknown, warnings: Warnings): HubItem[] {
  return recordsAt(messages).flatMap((message, i): HubItem[] => {
    const at = `messages[${i}]`;
    if (message.role === 'system') return decodeInstruction(message, at, warnings);
    const role: HubRole = message.role === 'assistant' ? 'assistant' : 'user';
    return decodeTurn(role, message.content, at, warnings);
  });
}
