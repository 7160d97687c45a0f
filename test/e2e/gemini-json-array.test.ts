// Gemini's :streamGenerateContent without `?alt=sse` answers one JSON array of responses, as
// Google does — on pass-through (the gateway always asks the upstream for SSE and writes the
// array itself) and on a conversion alike.
import { expect, it } from 'vitest';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';

const ctx = useConversionGateway();

it.each([['gemini', 'pass-through'], ['chat', 'converted']])('%s upstream (%s): a JSON array with the whole answer', async (provider) => {
  ctx.upstream.scenario = 'text';
  const response = await fetch(`${ctx.gateway.url}/gemini/v1beta/models/${provider}.test-model:streamGenerateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  const chunks = JSON.parse(await response.text()) as Array<{ candidates?: Array<{ content?: { parts?: Array<{ text?: string }> }; finishReason?: string }> }>;
  expect(Array.isArray(chunks)).toBe(true);
  const text = chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? []).map((p) => p.text ?? '').join('');
  expect(text).toBe('Hello from the upstream.');
  expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  if (provider === 'gemini') expect(ctx.upstream.last().search).toContain('alt=sse');
});
