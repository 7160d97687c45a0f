// OpenAI Responses as a scripted fake: the semantic stream events Codex and the AI SDK read,
// each output item announced and then completed (https://platform.openai.com/docs/api-reference/responses-streaming).
import { propertyNames } from './write-action.ts';
import { json, list, scriptedTurn, sse, type FakeReply, type Json, type TaskFile } from './scripted-turn.ts';

/** Function tools, including those grouped in Codex's `namespace` tools. */
function functionTools(tools: Json[]): Json[] {
  return tools.flatMap((t) => (t.type === 'namespace' ? functionTools(list(t.tools)) : t.type === 'function' ? [t] : []));
}

export function fakeResponses(body: Json, task: TaskFile): FakeReply {
  const tools = functionTools(list(body.tools)).map((t) => ({ name: String(t.name), properties: propertyNames(t.parameters) }));
  const hasToolResult = list(body.input).some((i) => i.type === 'function_call_output');
  const turn = scriptedTurn({ tools, hasToolResult }, task);
  const item = turn.kind === 'call'
    ? { type: 'function_call', id: 'fc_rec_1', call_id: turn.callId, name: turn.action.tool, arguments: JSON.stringify(turn.action.args), status: 'completed' }
    : { type: 'message', id: 'msg_rec_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: turn.text, annotations: [] }] };
  const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };
  const response = { id: 'resp_rec_1', object: 'response', created_at: 1_700_000_000, model: String(body.model), status: 'completed', output: [item], usage };
  if (body.stream !== true) return json(response);
  const pending = { ...response, status: 'in_progress', output: [], usage: null };
  let seq = 0;
  const ev = (type: string, rest: Json) => ({ event: type, data: { type, sequence_number: seq++, ...rest } });
  const middle = item.type === 'function_call'
    ? [
        ev('response.output_item.added', { output_index: 0, item: { ...item, arguments: '', status: 'in_progress' } }),
        ev('response.function_call_arguments.delta', { output_index: 0, item_id: item.id, delta: item.arguments }),
        ev('response.function_call_arguments.done', { output_index: 0, item_id: item.id, arguments: item.arguments }),
      ]
    : [
        ev('response.output_item.added', { output_index: 0, item: { ...item, content: [], status: 'in_progress' } }),
        ev('response.content_part.added', { output_index: 0, item_id: item.id, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
        ev('response.output_text.delta', { output_index: 0, item_id: item.id, content_index: 0, delta: turn.kind === 'text' ? turn.text : '' }),
        ev('response.output_text.done', { output_index: 0, item_id: item.id, content_index: 0, text: turn.kind === 'text' ? turn.text : '' }),
        ev('response.content_part.done', { output_index: 0, item_id: item.id, content_index: 0, part: { type: 'output_text', text: turn.kind === 'text' ? turn.text : '', annotations: [] } }),
      ];
  return sse([
    ev('response.created', { response: pending }),
    ev('response.in_progress', { response: pending }),
    ...middle,
    ev('response.output_item.done', { output_index: 0, item }),
    ev('response.completed', { response }),
  ]);
}
