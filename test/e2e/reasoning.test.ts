// Reasoning across every pair: thinking text or summary arrives where the client's protocol
// puts it, with reasoning tokens; and the opaque state a reasoning upstream issues (Claude
// signature, Gemini thoughtSignature, Responses encrypted_content) comes back to it unchanged,
// in the right place, on the next turn of a tool loop — whichever protocol the client speaks.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { readFixtureJson } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, PROVIDER_ID } from '../helpers/gateway.ts';
import { SDK_DRIVERS } from '../helpers/sdk-clients.ts';
import { sendThrough } from '../helpers/send-through.ts';

const THOUGHT = 'The user wants a greeting. I will say hello.';
const ALL_PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.map((upstream) => [inbound, upstream] as const));

const ctx = useConversionGateway();

/** Claude counts thinking inside output_tokens and reports no reasoning figure of its own. */
const reportsReasoningTokens = (p: ProtocolId) => p !== 'claude';

describe.each(ALL_PAIRS)('reasoning: %s client, %s upstream', (inbound, target) => {
  it.each(['generate', 'stream'] as const)('%s: thinking arrives where the client protocol puts it, with reasoning tokens', async (mode) => {
    ctx.upstream.scenario = 'reasoning';
    const answer = await SDK_DRIVERS[inbound][mode](ctx.gateway.url, `${PROVIDER_ID[target]}.test-model`);
    expect(answer.text).toBe('Hello from the upstream.');
    expect(answer.reasoning).toContain(THOUGHT);
    if (reportsReasoningTokens(inbound) && reportsReasoningTokens(target)) expect(answer.reasoningTokens).toBe(30);
  });
});

// What each reasoning upstream issued in reasoning-tool-call, and where it must find it again.
const ISSUED = {
  claude: () => (readFixtureJson('claude', 'reasoning-tool-call.response.json') as { content: Array<{ signature?: string }> }).content[0]!.signature!,
  gemini: () => {
    const parts = (readFixtureJson('gemini', 'reasoning-tool-call.response.json') as { candidates: Array<{ content: { parts: Array<{ thoughtSignature?: string }> } }> }).candidates[0]!.content.parts;
    return parts.find((p) => p.thoughtSignature)!.thoughtSignature!;
  },
};

function assertReplayed(target: 'claude' | 'gemini', body: any, signature: string): void {
  if (target === 'claude') {
    const assistant = body.messages.find((m: any) => m.role === 'assistant');
    expect(assistant.content[0]).toEqual({ type: 'thinking', thinking: 'I need the weather for Paris.', signature });
    expect(assistant.content[1]).toMatchObject({ type: 'tool_use', name: 'get_weather' });
  } else {
    const model = body.contents.find((c: any) => c.role === 'model');
    const call = model.parts.find((p: any) => p.functionCall);
    expect(call.thoughtSignature).toBe(signature);
  }
}

const LOOP_PAIRS = PROTOCOL_IDS.flatMap((inbound) => (['claude', 'gemini'] as const).filter((t) => t !== inbound).map((target) => [inbound, target] as const));

describe.each(LOOP_PAIRS)('two-turn tool loop with reasoning: %s client, %s upstream', (inbound, target) => {
  it.each(['generate', 'stream'] as const)('%s first turn: the second request carries the exact signature the upstream issued', async (mode) => {
    const model = `${PROVIDER_ID[target]}.test-model`;
    ctx.upstream.scenario = 'reasoning-tool-call';
    const first = await SDK_DRIVERS[inbound][mode](ctx.gateway.url, model);
    expect(first.reasoning).toContain('I need the weather for Paris.');
    const call = first.toolCalls[0]!;
    const id = call.id ?? 'client-made-id';
    ctx.upstream.scenario = 'text-after-tool';
    await SDK_DRIVERS[inbound].generate(ctx.gateway.url, model, {
      toolRound: { calls: [{ id, name: call.name, args: call.args as Record<string, unknown> }], results: [{ id, name: call.name, output: '18C' }] },
    });
    assertReplayed(target, ctx.upstream.last().body, ISSUED[target]());
  });
});

describe('Responses client, Responses upstream', () => {
  it('a two-turn loop keeps the reasoning item {id, encrypted_content} exactly', async () => {
    ctx.upstream.scenario = 'reasoning-tool-call';
    const client = new OpenAI({ baseURL: `${ctx.gateway.url}/openai/v1`, apiKey: GATEWAY_KEY, maxRetries: 0 });
    const first = await client.responses.create({ model: 'responses.test-model', input: 'weather?', store: false, include: ['reasoning.encrypted_content'] });
    const reasoning = first.output.find((item) => item.type === 'reasoning')!;
    const call = first.output.find((item) => item.type === 'function_call')!;
    expect(reasoning).toMatchObject({ id: expect.stringMatching(/^rs_/), encrypted_content: expect.any(String) });
    ctx.upstream.scenario = 'text-after-tool';
    await client.responses.create({
      model: 'responses.test-model', store: false, include: ['reasoning.encrypted_content'],
      input: [{ role: 'user', content: 'weather?' }, reasoning, call, { type: 'function_call_output', call_id: call.call_id, output: '18C' }],
    });
    const sent = ctx.upstream.last().body as { input: Array<Record<string, unknown>> };
    expect(sent.input[1]).toMatchObject({ type: 'reasoning', id: reasoning.id, encrypted_content: reasoning.encrypted_content });
  });
});

describe('reasoning settings: one effort ↔ budget ↔ level table, never both forms to Gemini', () => {
  const user = [{ role: 'user', content: 'hi' }];
  it('Claude thinking budget 10000 → Gemini thinkingBudget, Chat/Responses effort "high"', async () => {
    const body = (model: string) => ({ model, max_tokens: 16000, thinking: { type: 'enabled', budget_tokens: 10000 }, messages: user });
    const gemini = (await sendThrough('/claude/v1/messages', body('gemini.test-model'))).upstream;
    expect(gemini.generationConfig.thinkingConfig).toMatchObject({ thinkingBudget: 10000 });
    expect(gemini.generationConfig.thinkingConfig.thinkingLevel).toBeUndefined();
    expect((await sendThrough('/claude/v1/messages', body('chat.test-model'))).upstream.reasoning_effort).toBe('high');
    expect((await sendThrough('/claude/v1/messages', body('responses.test-model'))).upstream.reasoning).toMatchObject({ effort: 'high' });
  });
  it('Chat reasoning_effort "low" → Claude budget 2048, Gemini thinkingLevel LOW without a budget', async () => {
    const body = (model: string) => ({ model, reasoning_effort: 'low', max_completion_tokens: 8000, messages: user });
    expect((await sendThrough('/v1/chat/completions', body('claude.test-model'))).upstream.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    const gemini = (await sendThrough('/v1/chat/completions', body('gemini.test-model'))).upstream;
    expect(gemini.generationConfig.thinkingConfig).toEqual({ thinkingLevel: 'LOW', includeThoughts: true });
  });
});

describe('Claude upstream with thinking on: what Claude refuses is not sent', () => {
  it('a client effort with no output limit (Codex) leaves room for the answer after the thinking budget', async () => {
    const { upstream } = await sendThrough('/openai/v1/responses', { model: 'claude.test-model', input: 'hi', reasoning: { effort: 'medium', summary: 'auto' } });
    expect(upstream.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(upstream.max_tokens).toBe(8192 + 4096);
  });

  it('Gemini CLI sampling (temperature 0.7, topK 64, topP 0.5) and forced tool use become a request Claude accepts', async () => {
    const { upstream, warnings } = await sendThrough('/gemini/v1beta/models/claude.test-model:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object' } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: { temperature: 0.7, topK: 64, topP: 0.5, maxOutputTokens: 30000, thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } },
    });
    expect(upstream.thinking).toMatchObject({ type: 'enabled' });
    expect([upstream.temperature, upstream.top_k, upstream.top_p]).toEqual([undefined, undefined, undefined]);
    expect(upstream.tool_choice).toEqual({ type: 'auto' });
    expect(warnings).toContain('top_k');
  });
  it('without thinking, sampling settings pass', async () => {
    const { upstream } = await sendThrough('/gemini/v1beta/models/claude.test-model:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { temperature: 0.7, topK: 64 },
    });
    expect([upstream.temperature, upstream.top_k]).toEqual([0.7, 64]);
  });
});

describe('a client that asks for reasoning gets its visible form requested upstream', () => {
  const user = [{ role: 'user', content: 'hi' }];
  const claudeBody = (model: string, thinking: Record<string, unknown>) => ({ model, max_tokens: 16000, thinking, messages: user });
  it('Claude thinking on → Responses reasoning.summary "auto", Gemini includeThoughts', async () => {
    for (const thinking of [{ type: 'enabled', budget_tokens: 4000 }, { type: 'adaptive' }]) {
      expect((await sendThrough('/claude/v1/messages', claudeBody('responses.test-model', thinking))).upstream.reasoning).toMatchObject({ summary: 'auto' });
      expect((await sendThrough('/claude/v1/messages', claudeBody('gemini.test-model', thinking))).upstream.generationConfig.thinkingConfig).toMatchObject({ includeThoughts: true });
    }
  });
  it('Claude thinking with display "omitted", or off → no summary asked', async () => {
    const omitted = { type: 'enabled', budget_tokens: 4000, display: 'omitted' };
    expect((await sendThrough('/claude/v1/messages', claudeBody('responses.test-model', omitted))).upstream.reasoning?.summary).toBeUndefined();
    expect((await sendThrough('/claude/v1/messages', claudeBody('gemini.test-model', { type: 'disabled' }))).upstream.generationConfig?.thinkingConfig?.includeThoughts).toBeUndefined();
  });
  it('Chat reasoning_effort → Responses reasoning.summary "auto", Gemini includeThoughts; "none" asks for nothing', async () => {
    const body = (model: string, effort: string) => ({ model, reasoning_effort: effort, messages: user });
    expect((await sendThrough('/v1/chat/completions', body('responses.test-model', 'medium'))).upstream.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect((await sendThrough('/v1/chat/completions', body('gemini.test-model', 'medium'))).upstream.generationConfig.thinkingConfig).toMatchObject({ includeThoughts: true });
    expect((await sendThrough('/v1/chat/completions', body('responses.test-model', 'none'))).upstream.reasoning?.summary).toBeUndefined();
  });
});
