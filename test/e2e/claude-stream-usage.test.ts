// A Claude client's stream reports input tokens in message_start (LangChain reads them only
// there; Claude Code's context meter too): the upstream's own numbers where it reports them
// before the answer, a local estimate where it reports usage only at the end (Chat,
// Responses); message_delta then carries the upstream's exact numbers.
import { describe, expect, it } from 'vitest';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, PROVIDER_ID } from '../helpers/gateway.ts';
import { parseSseItems } from '../helpers/raw-client.ts';

const ctx = useConversionGateway();
const PROMPT = 'Count the tokens of this prompt, which is long enough for an estimate to be clearly more than zero. '.repeat(4);

async function usageOf(upstream: 'openai-chat-completions' | 'openai-responses' | 'gemini'): Promise<{ start: Record<string, number>; end: Record<string, number> }> {
  ctx.upstream.scenario = 'text';
  const response = await fetch(`${ctx.gateway.url}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: `${PROVIDER_ID[upstream]}.test-model`, max_tokens: 100, stream: true, messages: [{ role: 'user', content: PROMPT }] }),
  });
  const events = parseSseItems(await response.text()).flatMap((item) => (item.kind === 'event' ? [JSON.parse(item.data) as Record<string, any>] : []));
  const start = events.find((e) => e.type === 'message_start')!.message.usage;
  const end = events.findLast((e) => e.type === 'message_delta')!.usage;
  return { start, end };
}

describe('Claude message_start usage', () => {
  it.each(['openai-chat-completions', 'openai-responses'] as const)('%s upstream (usage only at the end): an estimate first, exact at the end', async (upstream) => {
    const { start, end } = await usageOf(upstream);
    // ~4 characters a token over the prompt; the fixture's exact count (12) comes at the end.
    expect(start.input_tokens).toBeGreaterThan(PROMPT.length / 6);
    expect(start.input_tokens).toBeLessThan(PROMPT.length / 2);
    expect(end.input_tokens).toBe(12);
  });
  it('Gemini upstream (usage on every chunk): the upstream\'s own numbers from the start', async () => {
    const { start, end } = await usageOf('gemini');
    expect(start.input_tokens).toBe(12);
    expect(end.input_tokens).toBe(12);
  });
});
