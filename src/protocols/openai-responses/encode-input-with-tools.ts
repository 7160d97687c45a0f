// Hub conversation + tools → Responses `input` and top-level tools. Histories go in call/result
// order first: Responses rejects calls without outputs and outputs without calls (400 "No tool
// output found for function call …"). Tools a client declared in an `additional_tools` input
// item (Codex Responses Lite, HubToolDeclaration) go back into the input as that item, where it
// stood — as sent, so namespaces and built-ins survive — when the hub still holds every tool it
// declared and the item it stood before; otherwise they stay in the top-level list, which every
// Responses upstream reads. A tool is never declared twice.
import type { HubFunctionTool, HubItem, HubRequest, HubToolDeclaration } from '../../hub/hub-request.ts';
import { orderToolResults } from '../../hub/order-tool-results.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { encodeInput } from './encode-input-items.ts';

export interface EncodedInput {
  input: Record<string, unknown>[];
  /** The hub tools left for the top-level `tools` list. */
  tools: HubFunctionTool[];
}

interface Placed {
  /** Index in the ordered items the declaration goes before (their length: at the end). */
  index: number;
  declaration: HubToolDeclaration;
}

/** Where each declaration that can be kept goes in `ordered`; undefined for one that cannot. */
function placeOf(declaration: HubToolDeclaration, request: HubRequest, ordered: readonly HubItem[], names: ReadonlySet<string>): Placed | undefined {
  if (!declaration.names.every((name) => names.has(name)) || declaration.at > request.items.length) return undefined;
  const anchor: HubItem | undefined = request.items[declaration.at];
  const index = anchor === undefined ? ordered.length : ordered.indexOf(anchor);
  return index < 0 ? undefined : { index, declaration };
}

export function encodeInputWithTools(request: HubRequest, warnings: Warnings): EncodedInput {
  const ordered = orderToolResults(request.items, warnings);
  const names = new Set(request.tools.map((tool) => tool.name));
  const placed: Placed[] = [];
  for (const declaration of request.toolDeclarations ?? []) {
    const place = placeOf(declaration, request, ordered, names);
    if (place) placed.push(place);
    else warnings.note(`an additional_tools input item could not be kept in place; its tools (${declaration.names.join(', ')}) were sent as top-level tools`);
  }
  placed.sort((a, b) => a.index - b.index);
  const input: Record<string, unknown>[] = [];
  let from = 0;
  for (const { index, declaration } of placed) {
    input.push(...encodeInput(ordered.slice(from, index), warnings), declaration.raw);
    from = index;
  }
  input.push(...encodeInput(ordered.slice(from), warnings));
  const inItems = new Set(placed.flatMap(({ declaration }) => declaration.names));
  return { input, tools: request.tools.filter((tool) => !inItems.has(tool.name)) };
}
