// The mock provider's OpenAI Chat Completions answers (JSON and SSE with [DONE]).
import { SSE_HEADERS, sseStream, type SseFrame } from '../../stream/sse.ts';
import type { EchoScript } from './echo-script.ts';

const CREATED = 1_767_225_600;

export function mockChat(script: EchoScript, body: Record<string, unknown>, stream: boolean): Response {
  const model = String(body.model ?? 'mock-echo');
  const id = `chatcmpl-${script.id}`;
  const usage = { prompt_tokens: script.inputTokens, completion_tokens: script.outputTokens, total_tokens: script.inputTokens + script.outputTokens };
  if (!stream) {
    return Response.json({
      id, object: 'chat.completion', created: CREATED, model,
      choices: [{ index: 0, message: { role: 'assistant', content: script.text, refusal: null, annotations: [] }, finish_reason: 'stop', logprobs: null }],
      usage,
    });
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    ({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] }) });
  const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const frames: SseFrame[] = [
    chunk({ role: 'assistant', content: '', refusal: null }, null),
    ...script.chunks.map((text) => chunk({ content: text }, null)),
    chunk({}, 'stop'),
    ...(includeUsage ? [{ data: JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage }) }] : []),
    { data: '[DONE]' },
  ];
  return new Response(sseStream(frames), { headers: SSE_HEADERS });
}
