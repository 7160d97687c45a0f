// Tool search converted: a Claude Code request whose MCP tools are `defer_loading` (found by
// Anthropic's tool-search tool on demand) reaches other upstreams with the tools that are not
// deferred plus the deferred ones the conversation already used or loaded — never every
// deferred schema up front — and the warnings header says so.
import { describe, expect, it } from 'vitest';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { readFixtureJson } from '../helpers/fixtures.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';

const ctx = useConversionGateway();

/** Tool names as each upstream protocol lists them. */
function toolNames(body: Record<string, any>): string[] {
  if (Array.isArray(body.tools) && body.tools[0]?.functionDeclarations) return body.tools.flatMap((t: any) => t.functionDeclarations.map((f: any) => f.name));
  return (body.tools ?? []).map((t: any) => t.name ?? t.function?.name);
}

/** Sends a Claude fixture to `provider`; the answer and the tool names the upstream was offered. */
async function send(fixture: string, provider: string): Promise<{ response: Response; offered: string[] }> {
  ctx.upstream.scenario = 'text';
  const response = await fetch(`${ctx.gateway.url}/claude/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ ...readFixtureJson('claude', fixture), model: `${provider}.test-model` }),
  });
  expect(response.status).toBe(200);
  return { response, offered: toolNames(ctx.upstream.last().body as Record<string, any>).sort() };
}

describe.each(['chat', 'responses', 'gemini'])('Claude Code with tool search → %s upstream', (provider) => {
  it('offers the tools not deferred and the deferred ones already used; warns about the rest', async () => {
    const { response, offered } = await send('client-claude-code-tool-search.request.json', provider);
    expect(offered).toEqual(['Read', 'mcp__github__create_issue']);
    expect(response.headers.get('x-any-api-warnings')).toContain('tool search: 1 deferred tool');
  });
  it('offers a deferred tool the search already loaded (tool_reference), not the others', async () => {
    const { offered } = await send('client-claude-code-tool-search-loaded.request.json', provider);
    expect(offered).toEqual(['Read', 'mcp__slack__post_message']);
  });
});
