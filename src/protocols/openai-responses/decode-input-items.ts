// Responses `input` (a string, or items) → hub system prompt + conversation items.
// System/developer messages before the conversation starts are the system prompt: Codex sends
// no `instructions` and puts its system prompt in the first `developer` items.
// Later ones stay in place as hub `instruction` items. Codex's `additional_tools` items are
// hoisted into the hub's tools (decode-additional-tools.ts). A `compaction` item still here is
// OpenAI's own (the gateway expanded its own before): a 400, as nothing else can read it.
import { GatewayError } from '../../errors/gateway-error.ts';
import type { HubText } from '../../hub/hub-content.ts';
import type { HubFunctionTool, HubItem, HubToolDeclaration } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, isSet, stringAt } from '../read-json.ts';
import { decodeAdditionalTools } from './decode-additional-tools.ts';
import { decodeContent } from './convert-parts.ts';
import { decodeReasoningItem } from './convert-reasoning.ts';

export interface DecodedInput {
  system: HubText[];
  items: HubItem[];
  /** Tools declared by `additional_tools` items, in order, and where each item stood. */
  tools: HubFunctionTool[];
  toolDeclarations: HubToolDeclaration[];
}

/** Item-level fields with no hub twin, by item type (values are echoes of a stored server state). */
const ITEM_FIELDS_DROPPED: Record<string, string> = {
  id: 'input item ids refer to items the upstream stored; the hub keeps ids only for function calls and reasoning',
  status: 'item status is informational',
  phase: 'assistant message phase (commentary / final_answer) has no twin elsewhere',
  namespace: 'namespace tools are flattened; the call is matched by its name alone',
};

function dropItemFields(item: Record<string, unknown>, keep: readonly string[], warnings: Warnings): void {
  for (const [field, why] of Object.entries(ITEM_FIELDS_DROPPED)) {
    if (!keep.includes(field) && isSet(item[field])) warnings.drop(`input[].${field}`, why);
  }
}

export function decodeInput(input: unknown, warnings: Warnings): DecodedInput {
  const system: HubText[] = [];
  const items: HubItem[] = [];
  const tools: HubFunctionTool[] = [];
  const toolDeclarations: HubToolDeclaration[] = [];
  if (typeof input === 'string') {
    if (input !== '') items.push({ type: 'message', role: 'user', content: [{ type: 'text', text: input }] });
    return { system, items, tools, toolDeclarations };
  }
  if (!Array.isArray(input)) return { system, items, tools, toolDeclarations };
  const names = new Map<string, string>();
  for (const item of input) {
    if (!isRecord(item)) continue;
    const type = item.type ?? 'message';
    if (type === 'message') {
      dropItemFields(item, [], warnings);
      const role = item.role;
      if (role === 'system' || role === 'developer') {
        const content = decodeContent(item.content, `input[${role}].content`, warnings);
        const texts = content.filter((part): part is HubText => part.type === 'text');
        if (texts.length < content.length) warnings.drop(`input[${role}].content`, 'only text can be part of a system prompt; other parts were left out');
        if (texts.length === 0) continue;
        if (items.length === 0) system.push(...texts);
        else items.push({ type: 'instruction', role, content: texts });
      } else if (role === 'user' || role === 'assistant') {
        const content = decodeContent(item.content, `input[${role}].content`, warnings);
        if (content.length > 0) items.push({ type: 'message', role, content });
      }
      continue;
    }
    switch (type) {
      case 'function_call':
      case 'custom_tool_call': {
        dropItemFields(item, ['id'], warnings);
        const custom = type === 'custom_tool_call';
        const id = stringAt(item.call_id) ?? '';
        const name = stringAt(item.name) ?? '';
        names.set(id, name);
        const args = stringAt(custom ? item.input : item.arguments) ?? '';
        const itemId = stringAt(item.id);
        items.push({ type: 'tool-call', id, name, arguments: args, ...(custom ? { custom } : {}), ...(itemId ? { itemId } : {}) });
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        dropItemFields(item, [], warnings);
        const callId = stringAt(item.call_id) ?? '';
        const name = names.get(callId);
        const custom = type === 'custom_tool_call_output';
        items.push({ type: 'tool-result', callId, ...(name ? { name } : {}), content: decodeContent(item.output, 'input[].output', warnings), ...(custom ? { custom } : {}) });
        break;
      }
      case 'reasoning':
        dropItemFields(item, ['id'], warnings);
        items.push(decodeReasoningItem(item));
        break;
      case 'additional_tools': {
        dropItemFields(item, [], warnings);
        const decoded = decodeAdditionalTools(item, items.length, warnings);
        tools.push(...decoded.tools);
        toolDeclarations.push(decoded.declaration);
        break;
      }
      case 'compaction':
        // The gateway's own compaction items were expanded before conversion (handlers/compaction.ts):
        // this one was sealed by OpenAI, and only OpenAI can read it. Dropping it would lose the
        // whole conversation it stands for, silently.
        throw new GatewayError(400, 'This compaction item was made by OpenAI and can only be sent to an OpenAI Responses upstream; this model is not one. Compact again through this gateway, or send the conversation itself.', { param: 'input' });
      case 'item_reference':
        warnings.drop('input[].item_reference', 'stored items cannot be looked up: this gateway keeps no responses (on Workers, bind the RESPONSES Durable Object); send the items themselves');
        break;
      default:
        warnings.drop(`input[].${String(type)}`, 'built-in tool items can only be replayed to an OpenAI Responses upstream; left out');
    }
  }
  return { system, items, tools, toolDeclarations };
}
