// The mock provider's Gemini answers: generateContent, streamGenerateContent (?alt=sse, or a
// JSON array without it, as Gemini does), countTokens.
import { SSE_HEADERS, sseStream } from '../../stream/sse.ts';
import type { EchoScript } from './echo-script.ts';

export function mockGeminiCountTokens(script: EchoScript): Response {
  return Response.json({ totalTokens: script.inputTokens });
}

export function mockGemini(script: EchoScript, model: string, stream: boolean, sse: boolean): Response {
  const usage = (output: number) => ({ promptTokenCount: script.inputTokens, candidatesTokenCount: output, totalTokenCount: script.inputTokens + output });
  const response = (text: string, last: boolean, output: number) => ({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
    usageMetadata: usage(output),
    modelVersion: model,
    responseId: script.id,
  });
  if (!stream) return Response.json(response(script.text, true, script.outputTokens));
  const chunks = script.chunks.map((text, i) => response(text, i === script.chunks.length - 1, i === script.chunks.length - 1 ? script.outputTokens : 0));
  if (!sse) return Response.json(chunks);
  return new Response(sseStream(chunks.map((c) => ({ data: JSON.stringify(c) }))), { headers: SSE_HEADERS });
}
