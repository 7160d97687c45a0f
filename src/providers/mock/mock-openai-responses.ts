// The mock provider's OpenAI Responses answers: JSON, the full SSE lifecycle, input_tokens.
import { SSE_HEADERS, sseStream } from '../../stream/sse.ts';
import type { EchoScript } from './echo-script.ts';

const CREATED = 1_767_225_600;

export function mockResponsesInputTokens(script: EchoScript): Response {
  return Response.json({ object: 'response.input_tokens', input_tokens: script.inputTokens });
}

export function mockResponses(script: EchoScript, body: Record<string, unknown>, stream: boolean): Response {
  const model = String(body.model ?? 'mock-echo');
  const itemId = `msg_${script.id}`;
  const part = { type: 'output_text', text: script.text, annotations: [], logprobs: [] };
  const item = { type: 'message', id: itemId, status: 'completed', role: 'assistant', content: [part] };
  const usage = {
    input_tokens: script.inputTokens, input_tokens_details: { cached_tokens: 0 },
    output_tokens: script.outputTokens, output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: script.inputTokens + script.outputTokens,
  };
  const response = (status: string, output: unknown[], withUsage: boolean) => ({
    id: `resp_${script.id}`, object: 'response', created_at: CREATED, status, error: null, incomplete_details: null,
    instructions: body.instructions ?? null, model, output, parallel_tool_calls: true, tool_choice: 'auto', tools: [],
    usage: withUsage ? usage : null,
  });
  if (!stream) return Response.json(response('completed', [item], true));
  const base = { item_id: itemId, output_index: 0, content_index: 0 };
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: response('in_progress', [], false) },
    { type: 'response.in_progress', response: response('in_progress', [], false) },
    { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...base, part: { ...part, text: '' } },
    ...script.chunks.map((delta) => ({ type: 'response.output_text.delta', ...base, delta, logprobs: [] })),
    { type: 'response.output_text.done', ...base, text: script.text, logprobs: [] },
    { type: 'response.content_part.done', ...base, part },
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: response('completed', [item], true) },
  ];
  const frames = events.map((event, sequence_number) => ({ event: String(event.type), data: JSON.stringify({ ...event, sequence_number }) }));
  return new Response(sseStream(frames), { headers: SSE_HEADERS });
}
