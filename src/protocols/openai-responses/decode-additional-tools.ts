// Codex "Responses Lite" (codex PR #27946) declares its tools in an input item,
// `{type:"additional_tools", role:"developer", tools:[function | custom | namespace | built-in…]}`,
// instead of the top-level `tools`. A bridge that reads only `tools` leaves the model with none
// ("no shell tool available"). The hub hoists them into its one tool list,
// which every target has, and keeps the item and its place (HubToolDeclaration) so that a
// Responses target can put it back.
import type { HubFunctionTool, HubToolDeclaration } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { decodeTools } from './convert-tools.ts';

export interface DecodedToolItem {
  tools: HubFunctionTool[];
  declaration: HubToolDeclaration;
}

/** One `additional_tools` item that `at` conversation items preceded. */
export function decodeAdditionalTools(item: Record<string, unknown>, at: number, warnings: Warnings): DecodedToolItem {
  const tools = decodeTools(item.tools, warnings);
  if (at > 0) {
    warnings.drop('input[].additional_tools', 'tools declared inside the conversation are offered from its start, with the top-level tools');
  }
  return { tools, declaration: { at, raw: item, names: tools.map((tool) => tool.name) } };
}

/** Top-level tools, then declared ones under a name not taken yet (targets refuse two tools of one name). */
export function mergeTools(top: readonly HubFunctionTool[], declared: readonly HubFunctionTool[], warnings: Warnings): HubFunctionTool[] {
  const names = new Set(top.map((tool) => tool.name));
  const merged = [...top];
  for (const tool of declared) {
    if (names.has(tool.name)) {
      warnings.drop(`input[].additional_tools.${tool.name}`, 'a tool of this name was declared before; the first declaration is used');
      continue;
    }
    names.add(tool.name);
    merged.push(tool);
  }
  return merged;
}
