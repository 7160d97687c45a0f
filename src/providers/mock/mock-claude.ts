// The mock provider's Anthropic Messages answers: JSON, the SSE event sequence, count_tokens.
import { SSE_HEADERS, sseStream } from '../../stream/sse.ts';
import type { EchoScript } from './echo-script.ts';

export function mockClaudeCountTokens(script: EchoScript): Response {
  return Response.json({ input_tokens: script.inputTokens });
}

export function mockClaude(script: EchoScript, body: Record<string, unknown>, stream: boolean): Response {
  const model = String(body.model ?? 'mock-echo');
  const usage = { input_tokens: script.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: script.outputTokens };
  const message = { id: `msg_${script.id}`, type: 'message', role: 'assistant', model, content: [{ type: 'text', text: script.text }], stop_reason: 'end_turn', stop_sequence: null, usage };
  if (!stream) return Response.json(message);
  const events: Array<Record<string, unknown>> = [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    ...script.chunks.map((text) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: script.outputTokens } },
    { type: 'message_stop' },
  ];
  return new Response(sseStream(events.map((e) => ({ event: String(e.type), data: JSON.stringify(e) }))), { headers: SSE_HEADERS });
}
