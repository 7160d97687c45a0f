// Tools and tool_choice both ways. Responses tools are flat (`{type:"function", name, …}`), plus
// Codex's freeform `custom` tools (apply_patch with a Lark grammar), `namespace` groups and
// built-ins (web_search, tool_search, file_search, mcp, …) that only OpenAI itself can run.
import type { HubFunctionTool, HubToolChoice } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, recordsAt, stringAt } from '../read-json.ts';

/**
 * A custom tool seen by a non-Responses upstream: a function with one string argument. Encoders
 * for those targets unwrap `{input}` back into the custom call's raw input.
 */
export const CUSTOM_TOOL_PARAMETERS: Record<string, unknown> = {
  type: 'object',
  properties: { input: { type: 'string' } },
  required: ['input'],
};

const NO_PARAMETERS: Record<string, unknown> = { type: 'object', properties: {} };

function decodeTool(tool: Record<string, unknown>, warnings: Warnings): HubFunctionTool[] {
  const name = stringAt(tool.name) ?? '';
  const description = stringAt(tool.description);
  switch (tool.type) {
    case 'function': {
      const hub: HubFunctionTool = { type: 'function', name, parameters: isRecord(tool.parameters) ? tool.parameters : NO_PARAMETERS };
      if (description) hub.description = description;
      if (typeof tool.strict === 'boolean') hub.strict = tool.strict;
      if (tool.defer_loading === true) hub.deferLoading = true;
      return [hub];
    }
    case 'custom': {
      const hub: HubFunctionTool = { type: 'function', name, parameters: CUSTOM_TOOL_PARAMETERS, custom: tool.format === undefined ? {} : { format: tool.format } };
      if (description) hub.description = description;
      return [hub];
    }
    case 'namespace': {
      const inner = recordsAt(tool.tools);
      warnings.drop(`tools[namespace ${name}]`, `namespace grouping flattened; its ${inner.length} tools are offered under their own names`);
      return inner.flatMap((t) => decodeTool(t, warnings));
    }
    default:
      warnings.drop(`tools[${String(tool.type)}]`, 'built-in tool that only an OpenAI Responses upstream can run; left out');
      return [];
  }
}

export function decodeTools(tools: unknown, warnings: Warnings): HubFunctionTool[] {
  return recordsAt(tools).flatMap((tool) => decodeTool(tool, warnings));
}

export function decodeToolChoice(choice: unknown, warnings: Warnings): HubToolChoice | undefined {
  if (choice === 'none' || choice === 'auto' || choice === 'required') return { type: choice };
  if (!isRecord(choice)) return undefined;
  if ((choice.type === 'function' || choice.type === 'custom') && typeof choice.name === 'string') {
    return { type: 'tool', name: choice.name };
  }
  if (choice.type === 'allowed_tools') {
    // Closest hub form: one allowed tool + required = that tool; otherwise the mode alone.
    const allowed = recordsAt(choice.tools).flatMap((t) => (typeof t.name === 'string' ? [t.name] : []));
    warnings.drop('tool_choice.allowed_tools', 'only Responses can restrict a call to a subset of tools; sent as the closest plain choice');
    if (choice.mode === 'required' && allowed.length === 1 && allowed[0]) return { type: 'tool', name: allowed[0] };
    return { type: choice.mode === 'required' ? 'required' : 'auto' };
  }
  warnings.drop(`tool_choice.${String(choice.type)}`, 'forcing a built-in tool has no twin elsewhere; sent as auto');
  return { type: 'auto' };
}

export function encodeTools(tools: readonly HubFunctionTool[], warnings: Warnings): Record<string, unknown>[] {
  return tools.map((tool) => {
    if (tool.cacheControl !== undefined) {
      warnings.drop('tools[].cache_control', 'OpenAI caches prompt prefixes automatically; tool cache breakpoints are not sent');
    }
    const description = tool.description ? { description: tool.description } : {};
    if (tool.custom) {
      return { type: 'custom', name: tool.name, ...description, ...(tool.custom.format === undefined ? {} : { format: tool.custom.format }) };
    }
    // Always an explicit boolean: the Responses API reads a missing `strict` as true (every
    // property required, additionalProperties false) and refuses ordinary schemas, so a tool is
    // strict only when the client asked for it. The reverse direction keeps a Responses tool's
    // missing `strict` unset in the hub: other targets' strict modes have schema preconditions
    // the client never checked against them.
    // https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
    return { type: 'function', name: tool.name, ...description, parameters: tool.parameters, strict: tool.strict ?? false };
  });
}

export function encodeToolChoice(choice: HubToolChoice, tools: readonly HubFunctionTool[]): unknown {
  if (choice.type !== 'tool') return choice.type;
  const custom = tools.some((tool) => tool.name === choice.name && tool.custom);
  return { type: custom ? 'custom' : 'function', name: choice.name };
}
