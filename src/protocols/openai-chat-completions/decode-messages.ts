// Chat `messages[]` → hub system prompt + items. Leading system/developer messages are the
// system prompt; later ones stay in place as instructions. An assistant message becomes, in
// order: its reasoning (non-standard dialect fields), its text, its tool calls.
import type { HubPart, HubText } from '../../hub/hub-content.ts';
import type { HubItem, HubToolCall } from '../../hub/hub-request.ts';
import type { Drop } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, recordsAt, stringAt } from '../read-json.ts';
import { decodeTextContent, decodeUserPart } from './convert-parts.ts';
import { readReasoning } from './convert-reasoning.ts';
import { rec } from './json-objects.ts';

export interface DecodedMessages {
  system: HubText[];
  items: HubItem[];
}

/** What earlier tool calls said, so results can carry the tool's name (Gemini matches by name). */
interface CallBook {
  byId: Map<string, { name: string; custom: boolean }>;
  /** Legacy `function_call`s have no id: the gateway names them, and a `function` result answers the latest one of its name. */
  legacy: Map<string, string>;
}

function toolCall(call: JsonObject, drop: Drop): HubToolCall | undefined {
  const id = stringAt(call.id);
  if (call.type === 'function') {
    const fn = rec(call.function);
    const name = stringAt(fn.name);
    if (id !== undefined && name !== undefined) return { type: 'tool-call', id, name, arguments: stringAt(fn.arguments) ?? '' };
  } else if (call.type === 'custom') {
    const custom = rec(call.custom);
    const name = stringAt(custom.name);
    if (id !== undefined && name !== undefined) return { type: 'tool-call', id, name, arguments: stringAt(custom.input) ?? '', custom: true };
  }
  drop(`messages[].tool_calls[].type=${String(call.type)}`, 'unknown or incomplete tool call; not forwarded');
  return undefined;
}

function assistantItems(message: JsonObject, book: CallBook, drop: Drop): HubItem[] {
  const items: HubItem[] = readReasoning(message, drop);
  const content: HubText[] = [];
  if (Array.isArray(message.content)) {
    for (const part of recordsAt(message.content)) {
      // A refusal the model gave is what it said: kept as text, since hub messages have no refusal part.
      const text = part.type === 'text' ? stringAt(part.text) : part.type === 'refusal' ? stringAt(part.refusal) : undefined;
      if (text) content.push({ type: 'text', text });
      else if (part.type !== 'text' && part.type !== 'refusal') drop(`messages[].content[].type=${String(part.type)}`, 'assistant messages take text and refusal parts only');
    }
  } else {
    content.push(...decodeTextContent(message.content, 'messages[]', drop));
  }
  const refusal = stringAt(message.refusal);
  if (refusal) content.push({ type: 'text', text: refusal });
  if (content.length > 0) items.push({ type: 'message', role: 'assistant', content });
  const calls = recordsAt(message.tool_calls).flatMap((call) => toolCall(call, drop) ?? []);
  if (isRecord(message.function_call)) {
    const name = stringAt(message.function_call.name) ?? '';
    const id = `call_legacy_${book.byId.size}`;
    book.legacy.set(name, id);
    calls.push({ type: 'tool-call', id, name, arguments: stringAt(message.function_call.arguments) ?? '' });
  }
  for (const call of calls) book.byId.set(call.id, { name: call.name, custom: call.custom === true });
  if (message.audio != null) drop('messages[].audio', 'a reference to an earlier audio answer has no hub twin');
  return [...items, ...calls];
}

function toolResult(callId: string, content: HubText[], book: CallBook): HubItem {
  const call = book.byId.get(callId);
  return {
    type: 'tool-result',
    callId,
    ...(call ? { name: call.name } : {}),
    content,
    ...(call?.custom ? { custom: true } : {}),
  };
}

export function decodeMessages(messages: readonly unknown[], drop: Drop): DecodedMessages {
  const system: HubText[] = [];
  const items: HubItem[] = [];
  const book: CallBook = { byId: new Map(), legacy: new Map() };
  for (const message of messages.filter(isRecord)) {
    if (message.name != null && message.role !== 'function') drop('messages[].name', 'participant names have no hub twin');
    switch (message.role) {
      case 'system':
      case 'developer': {
        const content = decodeTextContent(message.content, `messages[role=${message.role}]`, drop);
        if (items.length === 0) system.push(...content);
        else if (content.length > 0) items.push({ type: 'instruction', role: message.role, content });
        break;
      }
      case 'user': {
        const content: HubPart[] =
          typeof message.content === 'string'
            ? decodeTextContent(message.content, 'messages[role=user]', drop)
            : recordsAt(message.content).flatMap((part) => decodeUserPart(part, drop) ?? []);
        if (content.length > 0) items.push({ type: 'message', role: 'user', content });
        break;
      }
      case 'assistant':
        items.push(...assistantItems(message, book, drop));
        break;
      case 'tool':
        items.push(toolResult(stringAt(message.tool_call_id) ?? '', decodeTextContent(message.content, 'messages[role=tool]', drop), book));
        break;
      case 'function': {
        const name = stringAt(message.name) ?? '';
        items.push(toolResult(book.legacy.get(name) ?? `call_legacy_${name}`, decodeTextContent(message.content, 'messages[role=function]', drop), book));
        break;
      }
    }
  }
  return { system, items };
}
