// Tools that Anthropic's tool search already loaded in this conversation: the `tool_reference`
// blocks it returned (in a tool_search_tool_result, or a client-side search's tool_result).
// A converted request keeps offering those (hub/tool-search.ts), as the model expects to be
// able to call them. https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/tool-search-tool
import { isRecord, recordsAt, stringAt } from '../read-json.ts';

export function toolReferenceNames(messages: unknown): string[] {
  const names: string[] = [];
  const visit = (blocks: unknown) => {
    for (const block of recordsAt(blocks)) {
      if (block.type === 'tool_reference') {
        const name = stringAt(block.tool_name);
        if (name) names.push(name);
      }
      // Search results nest their references one level down.
      if (Array.isArray(block.content)) visit(block.content);
      else if (isRecord(block.content)) visit(block.content.tool_references ?? [block.content]);
    }
  };
  for (const message of recordsAt(messages)) visit(message.content);
  return names;
}
