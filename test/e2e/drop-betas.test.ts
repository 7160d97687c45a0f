// Anthropic betas are one decision per upstream: a Claude upstream gets the client's
// anthropic-beta values and their body fields, except those `quirks.dropBetas` names, which go
// with their fields (and a warning); other upstreams never get the header at all.
import { expect, it } from 'vitest';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { readFixtureJson } from '../helpers/fixtures.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';

const ctx = useConversionGateway((config) => {
  config.providers.claude!.quirks = { dropBetas: ['context-management', 'advanced-tool-use'] };
});

const BETAS = 'context-management-2025-06-27,advanced-tool-use-2025-11-20,fine-grained-tool-streaming-2025-05-14';

async function send(model: string) {
  ctx.upstream.scenario = 'text';
  const body = { ...readFixtureJson('claude', 'client-claude-code-tool-search.request.json'), model, context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] } };
  const response = await fetch(`${ctx.gateway.url}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json', 'anthropic-beta': BETAS },
    body: JSON.stringify(body),
  });
  return { response, sent: ctx.upstream.last() };
}

it('a Claude upstream gets the betas it supports, without the dropped ones or their fields', async () => {
  const { response, sent } = await send('claude.test-model');
  expect(response.status).toBe(200);
  expect(sent.headers['anthropic-beta']).toBe('fine-grained-tool-streaming-2025-05-14');
  const body = sent.body as { context_management?: unknown; tools: Array<Record<string, unknown>> };
  expect(body.context_management).toBeUndefined();
  expect(body.tools.map((t) => t.name)).toEqual(['Read', 'mcp__github__create_issue', 'mcp__slack__post_message']);
  expect(body.tools.some((t) => 'defer_loading' in t)).toBe(false);
  expect(response.headers.get('x-any-api-warnings')).toContain('quirks.dropBetas');
});

it('other upstreams never get anthropic-beta', async () => {
  const { response, sent } = await send('chat.test-model');
  expect(response.status).toBe(200);
  expect(sent.headers['anthropic-beta']).toBeUndefined();
  expect((sent.body as Record<string, unknown>).context_management).toBeUndefined();
});
