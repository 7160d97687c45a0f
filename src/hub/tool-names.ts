// Tool results in Claude/Chat/Responses name only the call id; Gemini matches results by
// function name. The name is recovered from the tool call with that id earlier in the history.
import type { HubItem } from './hub-request.ts';

export function toolNamesById(items: readonly HubItem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of items) if (item.type === 'tool-call') names.set(item.id, item.name);
  return names;
}
