// Tool definitions and tool_choice ⇔ hub. Custom (client) tools map to hub functions with
// `input_schema` as their parameters; typed server tools (web_search_20250305, bash_…) run
// on Anthropic's side and have no twin elsewhere (PROTOCOLS §5.3, §6.13).
import type { HubFunctionTool, HubToolChoice } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, recordsAt, stringAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { isMeaningful } from './is-meaningful.ts';

/** Custom-tool fields with no hub twin: the tool is kept, the field is dropped. */
const DROPPED_TOOL_FIELDS = {
  input_examples: 'input examples have no hub twin',
  eager_input_streaming: 'eager input streaming has no hub twin',
  allowed_callers: 'programmatic tool callers have no hub twin',
} as const;

/** A Responses custom (freeform) tool becomes one string parameter named `input`. */
const CUSTOM_TOOL_SCHEMA: Schemas['InputSchema'] = { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] };

export function decodeTools(tools: unknown, warnings: Warnings): HubFunctionTool[] {
  return recordsAt(tools).flatMap((tool, i): HubFunctionTool[] => {
    const at = `tools[${i}]`;
    const name = stringAt(tool.name) ?? '';
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      warnings.drop(at, `server tool ${String(tool.type)} (${name}) runs only on Anthropic's side; dropped`);
      return [];
    }
    for (const [field, why] of Object.entries(DROPPED_TOOL_FIELDS)) {
      if (isMeaningful(tool[field])) warnings.drop(`${at}.${field}`, `${why}; dropped (tool ${name} kept)`);
    }
    const hub: HubFunctionTool = { type: 'function', name, parameters: isRecord(tool.input_schema) ? tool.input_schema : { type: 'object' } };
    const description = stringAt(tool.description);
    if (description !== undefined) hub.description = description;
    if (typeof tool.strict === 'boolean') hub.strict = tool.strict;
    if (isMeaningful(tool.cache_control)) hub.cacheControl = tool.cache_control;
    if (tool.defer_loading === true) hub.deferLoading = true;
    return [hub];
  });
}

export function encodeTools(tools: readonly HubFunctionTool[], warnings: Warnings): Schemas['CustomTool'][] {
  return tools.map((tool, i) => {
    const out: Schemas['CustomTool'] = { name: tool.name, input_schema: tool.custom ? CUSTOM_TOOL_SCHEMA : objectSchema(tool, `tools[${i}]`, warnings) };
    if (tool.description !== undefined) out.description = tool.description;
    if (tool.strict !== undefined) out.strict = tool.strict;
    if (tool.cacheControl !== undefined) out.cache_control = tool.cacheControl as Schemas['CacheControl'];
    if (tool.deferLoading) out.defer_loading = true;
    if (tool.custom?.format !== undefined) {
      warnings.drop(`tools[${i}].format`, `Claude tools take JSON input only; the grammar of custom tool ${tool.name} was dropped (its input is one free-form string)`);
    }
    return out;
  });
}

/** Claude requires an object schema at the root. */
function objectSchema(tool: HubFunctionTool, at: string, warnings: Warnings): Schemas['InputSchema'] {
  const type = tool.parameters.type;
  if (type !== undefined && type !== 'object') {
    warnings.drop(`${at}.parameters.type`, `Claude tool inputs are objects, not ${JSON.stringify(type)}; sent type "object" for ${tool.name}`);
  }
  return { ...tool.parameters, type: 'object' } as Schemas['InputSchema'];
}

export interface DecodedToolChoice {
  toolChoice?: HubToolChoice;
  parallelToolCalls?: boolean;
}

export function decodeToolChoice(choice: unknown): DecodedToolChoice {
  if (!isRecord(choice)) return {};
  const out: DecodedToolChoice = {};
  const name = stringAt(choice.name);
  if (choice.type === 'auto' || choice.type === 'none') out.toolChoice = { type: choice.type };
  else if (choice.type === 'any') out.toolChoice = { type: 'required' };
  else if (choice.type === 'tool' && name !== undefined) out.toolChoice = { type: 'tool', name };
  if (typeof choice.disable_parallel_tool_use === 'boolean') out.parallelToolCalls = !choice.disable_parallel_tool_use;
  return out;
}

/** tool_choice for the upstream; `parallelToolCalls: false` rides on it as disable_parallel_tool_use. */
export function encodeToolChoice(
  choice: HubToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  hasTools: boolean,
  warnings: Warnings,
): Schemas['ToolChoice'] | undefined {
  if (!hasTools) {
    // Claude refuses tool_choice without tools; without tools "auto"/"none" mean nothing anyway.
    if (choice && choice.type !== 'auto' && choice.type !== 'none') warnings.drop('tool_choice', `${choice.type} with no tools defined; dropped`);
    return undefined;
  }
  let out: Schemas['ToolChoice'];
  if (choice === undefined) {
    if (parallelToolCalls !== false) return undefined;
    out = { type: 'auto' };
  } else if (choice.type === 'tool') out = { type: 'tool', name: choice.name };
  else out = { type: choice.type === 'required' ? 'any' : choice.type };
  if (parallelToolCalls === false) out.disable_parallel_tool_use = true;
  return out;
}
