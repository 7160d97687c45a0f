// OpenAI Chat Completions as a scripted fake: `chat.completion.chunk` frames ending in a
// usage chunk and `[DONE]` (https://platform.openai.com/docs/api-reference/chat-streaming).
import { propertyNames } from './write-action.ts';
import { json, list, scriptedTurn, sse, type FakeReply, type Json, type TaskFile } from './scripted-turn.ts';

export function fakeChat(body: Json, task: TaskFile): FakeReply {
  const tools = list(body.tools).map((t) => {
    const fn = (t.function ?? {}) as Json;
    return { name: String(fn.name), properties: propertyNames(fn.parameters) };
  });
  const hasToolResult = list(body.messages).some((m) => m.role === 'tool');
  const turn = scriptedTurn({ tools, hasToolResult }, task);
  const base = { id: 'chatcmpl-rec-1', created: 1_700_000_000, model: String(body.model) };
  const call = turn.kind === 'call'
    ? { id: turn.callId, type: 'function', function: { name: turn.action.tool, arguments: JSON.stringify(turn.action.args) } }
    : undefined;
  const finish = call ? 'tool_calls' : 'stop';
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  if (body.stream !== true) {
    const message = call ? { role: 'assistant', content: null, tool_calls: [call] } : { role: 'assistant', content: turn.kind === 'text' ? turn.text : '' };
    return json({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage });
  }
  const chunk = (delta: Json, finishReason: string | null) => ({ data: { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] } });
  const content = call ? { tool_calls: [{ index: 0, ...call }] } : { content: turn.kind === 'text' ? turn.text : '' };
  return sse([
    chunk({ role: 'assistant', content: call ? null : '' }, null),
    chunk(content, null),
    chunk({}, finish),
    { data: { ...base, object: 'chat.completion.chunk', choices: [], usage } },
  ], true);
}
