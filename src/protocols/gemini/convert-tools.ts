// Tools and tool choice: Gemini `tools[].functionDeclarations` + `toolConfig.functionCallingConfig`
// ⇔ hub function tools + toolChoice. https://ai.google.dev/gemini-api/docs/function-calling
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubFunctionTool, HubToolChoice } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord } from '../read-json.ts';
import { openApiToJsonSchema, toGeminiJsonSchema } from './convert-schema.ts';

type Tool = Schemas['Tool'];
type FunctionCallingConfig = NonNullable<Schemas['ToolConfig']['functionCallingConfig']>;

/** A Responses freeform (custom) tool becomes a function taking its raw input as this one string. */
export const CUSTOM_INPUT = 'input';

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {} };

/** Built-in Gemini tools run server-side and have no twin in a function-only hub. */
const BUILT_IN_TOOL_WHY = 'a Gemini built-in (server-side) tool has no twin on other upstreams';

export function decodeTools(tools: readonly Tool[] | undefined, warnings: Warnings): HubFunctionTool[] {
  const out: HubFunctionTool[] = [];
  for (const tool of tools ?? []) {
    for (const key of Object.keys(tool)) if (key !== 'functionDeclarations') warnings.drop(`tools[].${key}`, BUILT_IN_TOOL_WHY);
    for (const declaration of tool.functionDeclarations ?? []) {
      for (const key of ['response', 'responseJsonSchema', 'behavior'] as const) {
        if (declaration[key] !== undefined) warnings.drop(`functionDeclarations[${declaration.name}].${key}`, 'no twin outside Gemini');
      }
      const parameters = isRecord(declaration.parametersJsonSchema)
        ? declaration.parametersJsonSchema
        : declaration.parameters
          ? openApiToJsonSchema(declaration.parameters)
          : EMPTY_OBJECT_SCHEMA;
      out.push({ type: 'function', name: declaration.name, ...(declaration.description !== undefined ? { description: declaration.description } : {}), parameters });
    }
  }
  return out;
}

export function decodeToolChoice(config: FunctionCallingConfig | undefined, tools: readonly HubFunctionTool[], warnings: Warnings): HubToolChoice | undefined {
  if (!config) return undefined;
  const allowed = config.allowedFunctionNames ?? [];
  // A subset restriction is lost only when it leaves some declared tool out.
  const restricts = allowed.length > 0 && tools.some((tool) => !allowed.includes(tool.name));
  switch (config.mode) {
    case 'ANY': {
      const only = allowed.length === 1 ? allowed[0] : undefined;
      if (only !== undefined) return { type: 'tool', name: only };
      if (restricts) warnings.drop('allowedFunctionNames', 'the hub forces one tool or any tool; the model may now call any declared tool');
      return { type: 'required' };
    }
    case 'NONE':
      return { type: 'none' };
    case 'VALIDATED':
      warnings.drop('functionCallingConfig.mode VALIDATED', 'sent as auto: schema-checked calls have no twin');
      break;
    case 'AUTO':
      break;
    default: // unset / MODE_UNSPECIFIED: the upstream's default, which is AUTO
      if (restricts) warnings.drop('allowedFunctionNames', 'a subset without mode ANY has no twin; all declared tools stay available');
      return undefined;
  }
  if (restricts) warnings.drop('allowedFunctionNames', 'a subset with AUTO/VALIDATED has no twin; all declared tools stay available');
  return { type: 'auto' };
}

export function encodeTools(tools: readonly HubFunctionTool[], warnings: Warnings): Tool[] | undefined {
  if (tools.length === 0) return undefined;
  const functionDeclarations = tools.map((tool): Schemas['FunctionDeclaration'] => {
    if (tool.strict !== undefined) warnings.drop('tool strict', 'Gemini has no strict flag; it always follows the declared schema');
    if (tool.cacheControl !== undefined) warnings.drop('tool cache_control', 'Gemini has no prompt-cache breakpoints');
    if (tool.custom) warnings.drop(`custom tool ${tool.name}`, `sent as a function with one string parameter "${CUSTOM_INPUT}"; its format/grammar has no twin`);
    const parameters = tool.custom
      ? { type: 'object', properties: { [CUSTOM_INPUT]: { type: 'string' } }, required: [CUSTOM_INPUT] }
      : toGeminiJsonSchema(tool.parameters);
    return { name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), parametersJsonSchema: parameters };
  });
  return [{ functionDeclarations }];
}

export function encodeToolConfig(choice: HubToolChoice | undefined, parallelToolCalls: boolean | undefined, warnings: Warnings): Schemas['ToolConfig'] | undefined {
  if (parallelToolCalls === false) warnings.drop('parallel_tool_calls', 'Gemini has no switch to turn parallel function calls off');
  switch (choice?.type) {
    case undefined:
      return undefined;
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  }
}
