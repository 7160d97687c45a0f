// Tool search (Anthropic's `defer_loading` tools with a tool-search tool, OpenAI Responses'
// deferred tools): the client declares many tools but wants the model to see only the few it
// loads on demand. The search runs on the vendor's side, so a converted request cannot carry
// it: the upstream gets the tools that are not deferred, plus every deferred tool the
// conversation already loaded (found by a search) or used (its calls and results must keep
// making sense), and one warning
// says how many were held back. Offering all of them instead would send hundreds of MCP tool
// schemas on every turn — what the client turned tool search on to avoid.
import type { HubRequest } from './hub-request.ts';
import type { Warnings } from './warnings.ts';

export function applyToolSearch(request: HubRequest, warnings: Warnings): void {
  if (!request.tools.some((tool) => tool.deferLoading)) return;
  const used = new Set(request.items.flatMap((item) => (item.type === 'tool-call' ? [item.name] : item.type === 'tool-result' && item.name ? [item.name] : [])));
  for (const name of request.loadedTools ?? []) used.add(name);
  const held = request.tools.filter((tool) => tool.deferLoading && !used.has(tool.name));
  // The kept ones are now offered up front: a target with tool search must not defer them
  // either (Anthropic refuses deferred tools without its search tool, which no other client has).
  request.tools = request.tools.filter((tool) => !tool.deferLoading || used.has(tool.name)).map(({ deferLoading: _, ...tool }) => tool);
  if (held.length > 0) {
    warnings.note(`tool search: ${held.length} deferred tool(s) not offered (the upstream cannot search them); those already used in the conversation were kept`);
  }
}
