// Hub conversation items → Responses `input` items, in order. Tool calls keep their call ids
// exactly; the `fc_…` / `ctc_…` item id is sent only when a Responses upstream issued it.
import type { HubPart } from '../../hub/hub-content.ts';
import type { HubItem, HubToolCall, HubToolResult } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { encodeInputPart } from './convert-parts.ts';
import { encodeReasoningInput } from './convert-reasoning.ts';

function encodeParts(parts: readonly HubPart[], warnings: Warnings): Record<string, unknown>[] {
  return parts.flatMap((part) => {
    const encoded = encodeInputPart(part, warnings);
    return encoded ? [encoded] : [];
  });
}

function encodeToolCall(call: HubToolCall, warnings: Warnings): Record<string, unknown> {
  if (call.signature && call.signature.origin !== 'openai-responses') {
    warnings.drop('tool_call.signature', `per-call state from ${call.signature.origin} is valid only there; not sent`);
  }
  const itemPrefix = call.custom ? 'ctc_' : 'fc_';
  const id = call.itemId?.startsWith(itemPrefix) ? { id: call.itemId } : {};
  if (call.custom) return { type: 'custom_tool_call', call_id: call.id, name: call.name, input: call.arguments, ...id };
  return { type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments, ...id };
}

function encodeToolResult(result: HubToolResult, warnings: Warnings): Record<string, unknown> {
  if (result.isError) {
    warnings.drop('tool_result.is_error', 'Responses tool outputs have no error flag; the result text is sent as is');
  }
  // Plain text stays a string (what every client sends); images and files need the parts form.
  const textOnly = result.content.every((part) => part.type === 'text');
  const output = textOnly
    ? result.content.map((part) => (part.type === 'text' ? part.text : '')).join('')
    : encodeParts(result.content, warnings);
  return { type: result.custom ? 'custom_tool_call_output' : 'function_call_output', call_id: result.callId, output };
}

function encodeItem(item: HubItem, warnings: Warnings): Record<string, unknown> | undefined {
  switch (item.type) {
    case 'instruction': {
      const content = encodeParts(item.content, warnings);
      return content.length > 0 ? { type: 'message', role: item.role, content } : undefined;
    }
    case 'message': {
      if (item.role === 'user') {
        const content = encodeParts(item.content, warnings);
        return content.length > 0 ? { type: 'message', role: 'user', content } : undefined;
      }
      // Assistant history is output text; Responses takes no media from the assistant.
      if (item.content.some((part) => part.type !== 'text')) {
        warnings.drop('assistant.content', 'Responses assistant messages hold text only; media parts were left out');
      }
      const content = item.content.flatMap((part) => (part.type === 'text' && part.text !== '' ? [{ type: 'output_text', text: part.text }] : []));
      return content.length > 0 ? { type: 'message', role: 'assistant', content } : undefined;
    }
    case 'tool-call':
      return encodeToolCall(item, warnings);
    case 'tool-result':
      return encodeToolResult(item, warnings);
    case 'reasoning':
      return encodeReasoningInput(item, warnings);
  }
}

export function encodeInput(items: readonly HubItem[], warnings: Warnings): Record<string, unknown>[] {
  return items.flatMap((item) => {
    const encoded = encodeItem(item, warnings);
    return encoded ? [encoded] : [];
  });
}
