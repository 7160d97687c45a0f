// Anthropic Messages as a scripted fake: the stream events Claude Code and the AI SDK read
// (https://docs.anthropic.com/en/api/messages-streaming), or one JSON message.
import { propertyNames } from './write-action.ts';
import { json, list, scriptedTurn, sse, type FakeReply, type Json, type TaskFile } from './scripted-turn.ts';

export function fakeClaude(body: Json, task: TaskFile): FakeReply {
  const tools = list(body.tools).map((t) => ({ name: String(t.name), properties: propertyNames(t.input_schema) }));
  const hasToolResult = list(body.messages).some((m) => list(m.content).some((b) => b.type === 'tool_result'));
  const turn = scriptedTurn({ tools, hasToolResult }, task);
  const block = turn.kind === 'call'
    ? { type: 'tool_use', id: 'toolu_rec_1', name: turn.action.tool, input: turn.action.args }
    : { type: 'text', text: turn.text };
  const stopReason = turn.kind === 'call' ? 'tool_use' : 'end_turn';
  const usage = { input_tokens: 10, output_tokens: 5 };
  const message = { id: 'msg_rec_1', type: 'message', role: 'assistant', model: String(body.model), content: [block], stop_reason: stopReason, stop_sequence: null, usage };
  if (body.stream !== true) return json(message);
  const start = block.type === 'tool_use' ? { ...block, input: {} } : { ...block, text: '' };
  const delta = block.type === 'tool_use'
    ? { type: 'input_json_delta', partial_json: JSON.stringify(block.input) }
    : { type: 'text_delta', text: turn.kind === 'text' ? turn.text : '' };
  return sse([
    { event: 'message_start', data: { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: start } },
    { event: 'ping', data: { type: 'ping' } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 5 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}
