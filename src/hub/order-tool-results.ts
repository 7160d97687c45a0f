// Claude and Gemini require every tool call of an assistant turn to be answered, in the very
// next user turn, before anything else. OpenAI-style histories may split, reorder or miss
// results. This puts results right after their calls, in call order, and gives a missing
// result a synthetic error result, with a warning.
// https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
import type { HubItem, HubToolResult } from './hub-request.ts';
import type { Warnings } from './warnings.ts';

export function orderToolResults(items: readonly HubItem[], warnings: Warnings): HubItem[] {
  const results = new Map<string, HubToolResult>();
  for (const item of items) if (item.type === 'tool-result') results.set(item.callId, item);
  const callIds = new Set(items.flatMap((item) => (item.type === 'tool-call' ? [item.id] : [])));
  const out: HubItem[] = [];
  let pending: string[] = [];
  const flush = () => {
    for (const id of pending) {
      const result = results.get(id);
      if (result) {
        out.push(result);
        results.delete(id);
      } else {
        warnings.note(`tool call ${id} had no result in the history; sent a placeholder error result`);
        out.push({ type: 'tool-result', callId: id, content: [{ type: 'text', text: 'No result was provided for this tool call.' }], isError: true });
      }
    }
    pending = [];
  };
  // A call after a result starts a new assistant turn (sequential tool use: A, rA, B, rB).
  let resultSeen = false;
  for (const item of items) {
    if (item.type === 'tool-call') {
      if (resultSeen) flush();
      resultSeen = false;
      pending.push(item.id);
      out.push(item);
    } else if (item.type === 'tool-result') {
      resultSeen = true;
      if (!callIds.has(item.callId)) {
        warnings.note(`tool result for unknown call ${item.callId} sent as user text`);
        out.push({ type: 'message', role: 'user', content: [{ type: 'text', text: `Tool result (${item.callId}):` }, ...item.content] });
      }
      // Known results are placed by flush() right after their calls.
    } else if (item.type === 'reasoning' && !resultSeen) {
      // Thinking among the calls of one turn stays with them.
      out.push(item);
    } else {
      flush();
      resultSeen = false;
      out.push(item);
    }
  }
  flush();
  return out;
}
