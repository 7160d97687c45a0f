// Chat tools, tool_choice and tool calls ⇔ hub. Function tools map 1:1; Chat `custom` (free-form input)
// tools become hub function tools with `custom` set. The hub keeps a custom tool's grammar in
// the flat Responses shape `{type:'grammar', syntax, definition}`; Chat nests it under `grammar`.
// https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
import type { HubFunctionTool, HubToolCall, HubToolChoice } from '../../hub/hub-request.ts';
import type { Drop } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, recordsAt, stringAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { opaque, rec } from './json-objects.ts';

type ChatTool = Schemas['ChatTool'];
type ChatToolChoice = Schemas['ChatToolChoice'];
type ChatToolCall = Schemas['ChatToolCall'];

/** What a target without custom tools sees: one string argument carrying the free-form input. (Fresh objects: encoders may rewrite schemas.) */
const customToolParameters = () => ({ type: 'object', properties: { input: { type: 'string' } }, required: ['input'] });

function formatToHub(format: unknown): unknown {
  if (!isRecord(format) || format.type !== 'grammar' || !isRecord(format.grammar)) return format;
  return { type: 'grammar', syntax: format.grammar.syntax, definition: format.grammar.definition };
}

function formatFromHub(format: unknown): { type: string } | undefined {
  if (!isRecord(format) || typeof format.type !== 'string') return undefined;
  if (format.type !== 'grammar') return { type: format.type };
  const grammar = { type: 'grammar', grammar: { syntax: format.syntax, definition: format.definition } };
  return grammar;
}

function functionTool(fn: JsonObject): HubFunctionTool | undefined {
  const name = stringAt(fn.name);
  if (name === undefined) return undefined;
  const description = stringAt(fn.description);
  return {
    type: 'function',
    name,
    ...(description === undefined ? {} : { description }),
    // A function that declares no parameters takes none (Chat allows omitting `parameters`).
    parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
    ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
  };
}

/** `tools` (plus the legacy `functions`) → hub tools; built-in or unknown tool types are dropped with a warning. */
export function decodeTools(tools: unknown, functions: unknown, drop: Drop): HubFunctionTool[] {
  const out: HubFunctionTool[] = [];
  for (const tool of recordsAt(tools)) {
    let hub: HubFunctionTool | undefined;
    if (tool.type === 'function') hub = functionTool(rec(tool.function));
    else if (tool.type === 'custom') {
      const custom = rec(tool.custom);
      const base = functionTool({ name: custom.name, description: custom.description, parameters: customToolParameters() });
      if (base) hub = { ...base, custom: custom.format === undefined ? {} : { format: formatToHub(custom.format) } };
    }
    if (hub) out.push(hub);
    else drop(`tools[].type=${String(tool.type)}`, 'tool type without a hub twin; not forwarded');
  }
  for (const fn of recordsAt(functions)) {
    const hub = functionTool(fn);
    if (hub) out.push(hub);
  }
  return out;
}

function named(choice: JsonObject): string | undefined {
  return stringAt(rec(choice.function).name) ?? stringAt(rec(choice.custom).name) ?? stringAt(choice.name);
}

/** `tool_choice` (or the legacy `function_call`) → hub; `allowed_tools` keeps its mode, loses its subset. */
export function decodeToolChoice(choice: unknown, drop: Drop): HubToolChoice | undefined {
  if (choice === 'none' || choice === 'auto' || choice === 'required') return { type: choice };
  if (!isRecord(choice)) return undefined;
  if (choice.type === 'allowed_tools') {
    const allowed = rec(choice.allowed_tools);
    const list = recordsAt(allowed.tools);
    const only = list.length === 1 && list[0] ? named(list[0]) : undefined;
    drop('tool_choice.allowed_tools', 'the hub cannot restrict the model to a subset of tools; sent as the plain mode');
    if (allowed.mode === 'required' && only !== undefined) return { type: 'tool', name: only };
    return { type: allowed.mode === 'required' ? 'required' : 'auto' };
  }
  const name = named(choice);
  if (name !== undefined) return { type: 'tool', name };
  drop(`tool_choice.type=${String(choice.type)}`, 'unknown tool_choice; the upstream default applies');
  return undefined;
}

export function encodeTools(tools: readonly HubFunctionTool[], drop: Drop): ChatTool[] {
  return tools.map((tool): ChatTool => {
    if (tool.cacheControl !== undefined) drop('tools[].cacheControl', 'OpenAI Chat caches prompt prefixes automatically; not sent');
    const description = tool.description === undefined ? {} : { description: tool.description };
    if (tool.custom) {
      const format = formatFromHub(tool.custom.format);
      return { type: 'custom', custom: { name: tool.name, ...description, ...(format ? { format } : {}) } };
    }
    const strict = tool.strict === undefined ? {} : { strict: tool.strict };
    return { type: 'function', function: { name: tool.name, ...description, parameters: opaque(tool.parameters), ...strict } };
  });
}

export function encodeToolChoice(choice: HubToolChoice, tools: readonly HubFunctionTool[]): ChatToolChoice {
  if (choice.type !== 'tool') return choice.type;
  const custom = tools.some((tool) => tool.name === choice.name && tool.custom);
  return custom ? { type: 'custom', custom: { name: choice.name } } : { type: 'function', function: { name: choice.name } };
}

/** A call (request history or answer) → Chat; the id goes out exactly as the hub has it. */
export function encodeToolCall(call: Omit<HubToolCall, 'type'>, drop: Drop): ChatToolCall {
  if (call.signature !== undefined) drop('tool-call.signature', `Chat has no field for ${call.signature.origin} call signatures; not sent`);
  if (call.itemId !== undefined) drop('tool-call.itemId', 'Responses item ids have no Chat field; the call id is kept');
  return call.custom
    ? { id: call.id, type: 'custom', custom: { name: call.name, input: call.arguments } }
    : { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}
