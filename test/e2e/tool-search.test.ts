// Tool search converted: a Claude Code request whose MCP tools are `defer_loading` (found by
// Anthropic's tool-search tool on demand) reaches other upstreams with the tools that are not
// deferred plus the deferred ones the conversation already used — never every deferred schema
// up front — and the warnings header says so.
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

describe.each(['chat', 'responses', 'gemini'])('Claude Code with tool search → %s upstream', (provider) => {
  it('offers the tools not deferred and the deferred ones already used; warns about the rest', async () => {
    ctx.upstream.scenario = 'text';
    const body = { ...readFixtureJson('claude', 'client-claude-code-tool-search.request.json'), model: `${provider}.test-model` };
    const response = await fetch(`${ctx.gateway.url}/claude/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    expect(toolNames(ctx.upstream.last().body as Record<string, any>).sort()).toEqual(['Read', 'mcp__github__create_issue']);
    expect(response.headers.get('x-any-api-warnings')).toContain('tool search: 1 deferred tool');
  });
});

describe.each(['chat', 'responses', 'gemini'])('a tool the search already loaded → %s upstream', (provider) => {
  it('is offered, the unloaded deferred tool is not', async () => {
    ctx.upstream.scenario = 'text';
    const body = { ...readFixtureJson('claude', 'client-claude-code-tool-search-loaded.request.json'), model: `${provider}.test-model` };
    const response = await fetch(`${ctx.gateway.url}/claude/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': GATEWAY_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    expect(toolNames(ctx.upstream.last().body as Record<string, any>).sort()).toEqual(['Read', 'mcp__slack__post_message']);
  });
});
