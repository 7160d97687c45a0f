// Hub items → Claude `messages`. Claude wants alternating user/assistant turns, every tool_use
// answered by a tool_result at the start of the very next user turn, thinking blocks first in
// their assistant turn, no empty text, and replays only reasoning it signed itself.
// Instructions are not here: they go to `system`.
import type { HubItem, HubReasoning, HubToolCall, HubToolResult } from '../../hub/hub-request.ts';
import { orderToolResults } from '../../hub/order-tool-results.ts';
import { toClaudeToolId } from '../../hub/tool-call-id.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord } from '../read-json.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { encodePart } from './convert-parts.ts';

type Block =
  | Schemas['TextBlock'] | Schemas['ImageBlock'] | Schemas['DocumentBlock'] | Schemas['ToolUseBlock']
  | Schemas['ToolResultBlock'] | Schemas['ThinkingBlock'] | Schemas['RedactedThinkingBlock'];

interface Turn {
  role: 'user' | 'assistant';
  content: Block[];
}

const PLACEHOLDER = '(no content)';

function toolInput(call: HubToolCall, at: string, warnings: Warnings): Record<string, unknown> {
  // A freeform (Responses custom) tool is declared with one string parameter `input`.
  if (call.custom) return { input: call.arguments };
  if (call.arguments.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(call.arguments);
    if (isRecord(parsed)) return parsed;
  } catch {
    // reported below
  }
  warnings.drop(`${at}.arguments`, `arguments of ${call.name} are not a JSON object, which Claude requires; sent {}`);
  return {};
}

function toolResult(result: HubToolResult, at: string, warnings: Warnings): Schemas['ToolResultBlock'] {
  const block: Schemas['ToolResultBlock'] = { type: 'tool_result', tool_use_id: toClaudeToolId(result.callId) };
  const content = result.content.flatMap((part, j) => encodePart(part, `${at}.content[${j}]`, warnings) ?? []);
  const only = content[0];
  if (content.length === 1 && only?.type === 'text') {
    // One text part travels as a plain string; its cache breakpoint moves to the result block.
    block.content = only.text;
    if (only.cache_control) block.cache_control = only.cache_control;
  } else if (content.length > 0) block.content = content;
  if (result.isError !== undefined) block.is_error = result.isError;
  return block;
}

function reasoningBlock(item: HubReasoning, warnings: Warnings): Block | undefined {
  if (item.origin !== 'claude') {
    warnings.drop('reasoning', `reasoning from ${item.origin} carries no Claude signature and cannot be replayed as thinking; dropped`);
    return undefined;
  }
  if (item.redacted && item.encrypted !== undefined) return { type: 'redacted_thinking', data: item.encrypted };
  if (item.signature !== undefined) return { type: 'thinking', thinking: item.text ?? '', signature: item.signature };
  warnings.drop('reasoning', 'Claude thinking without a signature cannot be replayed; dropped');
  return undefined;
}

/** Inserts `block` after the leading blocks that satisfy `lead` (thinking first; tool results first). */
function insertAfterLeading(turn: Turn, block: Block, lead: (b: Block) => boolean): void {
  const index = turn.content.findIndex((b) => !lead(b));
  turn.content.splice(index === -1 ? turn.content.length : index, 0, block);
}

export function encodeMessages(hubItems: readonly HubItem[], warnings: Warnings): Schemas['InputMessage'][] {
  const items = orderToolResults(hubItems, warnings);
  const turns: Turn[] = [];
  const turnFor = (role: Turn['role']): Turn => {
    const last = turns.at(-1);
    if (last?.role === role) return last;
    const turn: Turn = { role, content: [] };
    turns.push(turn);
    return turn;
  };
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    switch (item.type) {
      case 'instruction':
        return; // moved into `system` by encodeRequest
      case 'message': {
        const turn = turnFor(item.role);
        item.content.forEach((part, j) => {
          if (item.role === 'assistant' && part.type !== 'text') {
            warnings.drop(`assistant ${part.type}`, 'Claude assistant turns hold only text, tool calls and thinking; dropped');
            return;
          }
          const block = encodePart(part, `${at}.content[${j}]`, warnings);
          if (block) turn.content.push(block);
        });
        return;
      }
      case 'tool-call':
        if (item.signature) warnings.drop('tool-call.signature', `${item.signature.origin} call signatures mean nothing to Claude; dropped`);
        if (item.itemId !== undefined) warnings.drop('tool-call.itemId', 'Claude has no item ids besides the call id; dropped');
        turnFor('assistant').content.push({ type: 'tool_use', id: toClaudeToolId(item.id), name: item.name, input: toolInput(item, at, warnings) });
        return;
      case 'tool-result':
        insertAfterLeading(turnFor('user'), toolResult(item, at, warnings), (b) => b.type === 'tool_result');
        return;
      case 'reasoning': {
        const block = reasoningBlock(item, warnings);
        if (block) insertAfterLeading(turnFor('assistant'), block, (b) => b.type === 'thinking' || b.type === 'redacted_thinking');
        return;
      }
    }
  });
  if (turns[0]?.role === 'assistant') {
    // Claude rejects a conversation that opens with the assistant ("first message must use the user role").
    warnings.note(`the conversation opened with an assistant turn, which Claude rejects; a placeholder user turn "${PLACEHOLDER}" was put first`);
    turns.unshift({ role: 'user', content: [] });
  }
  return turns.map((turn) => ({ role: turn.role, content: turn.content.length > 0 ? turn.content : [{ type: 'text', text: PLACEHOLDER }] }));
}
