// One suite for the agent frameworks (Vercel AI SDK, LangChain JS): each framework's client for
// every inbound protocol, against an upstream of every type, through the gateway. A driver per
// client family (ai-sdk-clients.ts, langchain-clients.ts) speaks the framework's own API; the
// suite here asks the same five things of all of them, and checks what reached the upstream in
// that upstream's own format.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import type { ConversionUpstream } from './conversion-upstream.ts';
import { upstreamReply } from './fixtures.ts';
import { PROVIDER_ID, type RunningGateway } from './gateway.ts';

export const PROMPT = 'What is the weather in Paris?';
export const WEATHER_TOOL = { name: 'get_weather', description: 'Weather for a city' } as const;
/** What the client's tool returns: it must reach the upstream inside that upstream's tool-result construct. */
export const TOOL_RESULT = '18C and sunny';

export interface ToolLoopAnswer {
  /** The final text, after the tool result went back. */
  text: string;
  /** Every tool call the framework saw, in order. */
  calls: Array<{ name: string; args: unknown }>;
}

/** A text answer as the framework reports it: the text and its token usage. */
export interface TextAnswer {
  text: string;
  usage: { input: number | undefined; output: number | undefined } | undefined;
}

/** A framework's client for one inbound protocol, pointed at the gateway with GATEWAY_KEY and no retries. */
export interface FrameworkDriver {
  /**
   * Whether the client sends tool-call ids back. LangChain's Gemini client does not (the Gemini API
   * does not need them): then the gateway makes ids up for the upstream, which must only pair up.
   */
  echoesCallIds: boolean;
  text(gateway: string, model: string): Promise<TextAnswer>;
  stream(gateway: string, model: string): Promise<TextAnswer>;
  /**
   * A two-step tool loop with `get_weather` (`{ city: string }`), run the framework's own way:
   * the first answer is a tool call, `weather` is the tool's implementation, its result goes back.
   */
  toolLoop(gateway: string, model: string, options: { stream: boolean; weather: (args: { city: string }) => string }): Promise<ToolLoopAnswer>;
  /** Structured output for `{ city: string, temperature_c: number }`, the parsed object. */
  structured(gateway: string, model: string): Promise<unknown>;
}

/** Every inbound protocol × every upstream type: same protocol is pass-through, the rest convert. */
export const MATRIX = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.map((upstream) => [inbound, upstream] as const));

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const has = (v: unknown, text: string) => (typeof v === 'string' ? v : JSON.stringify(v ?? null)).includes(text);
const tokens = (a: TextAnswer) => [a.usage?.input, a.usage?.output];
const args = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** What the upstream issued with its tool call (from the fixture it answered): the call id, or Gemini's thought signature. */
export function issuedByUpstream(target: ProtocolId, stream: boolean): { id?: string; signature?: string } {
  const body = upstreamReply(target, stream ? 'stream-tool-call' : 'tool-call').body;
  const pick = (re: RegExp) => re.exec(body)?.[1];
  if (target === 'openai-chat-completions') return { id: pick(/"id":\s*"(call_[^"]+)"/) };
  if (target === 'openai-responses') return { id: pick(/"call_id":\s*"([^"]+)"/) };
  if (target === 'claude') return { id: pick(/"id":\s*"(toolu_[^"]+)"/) };
  return { signature: pick(/"thoughtSignature":\s*"([^"]+)"/) };
}

/**
 * The tool round found in a request body of `target`'s protocol: where the call and the result
 * sit (turn indexes), with the call's id, name, parsed args (and Gemini signature) and the result.
 */
export function toolRoundSent(target: ProtocolId, body: unknown) {
  const b = body as Json;
  type Found = { at: number; id?: unknown; name?: unknown; args?: unknown; signature?: unknown; output?: unknown };
  let call: Found | undefined;
  let result: Found | undefined;
  if (target === 'openai-chat-completions') {
    list(b.messages).forEach((m, at) => {
      for (const c of list(m.tool_calls)) call ??= { at, id: c.id, name: (c.function as Json).name, args: args((c.function as Json).arguments) };
      if (m.role === 'tool') result ??= { at, id: m.tool_call_id, output: m.content };
    });
  } else if (target === 'openai-responses') {
    list(b.input).forEach((item, at) => {
      if (item.type === 'function_call') call ??= { at, id: item.call_id, name: item.name, args: args(item.arguments) };
      if (item.type === 'function_call_output') result ??= { at, id: item.call_id, output: item.output };
    });
  } else if (target === 'claude') {
    list(b.messages).forEach((m, at) => {
      for (const block of list(m.content)) {
        if (m.role === 'assistant' && block.type === 'tool_use') call ??= { at, id: block.id, name: block.name, args: block.input };
        if (m.role === 'user' && block.type === 'tool_result') result ??= { at, id: block.tool_use_id, output: block.content };
      }
    });
  } else {
    list(b.contents).forEach((c, at) => {
      for (const part of list(c.parts)) {
        const fc = part.functionCall as Json | undefined;
        const fr = part.functionResponse as Json | undefined;
        if (c.role === 'model' && fc) call ??= { at, id: fc.id, name: fc.name, args: fc.args, signature: part.thoughtSignature };
        if (c.role === 'user' && fr) result ??= { at, id: fr.id, name: fr.name, output: fr.response };
      }
    });
  }
  return { call, result };
}

/** The five scenarios for one framework, over the whole matrix. */
export function describeFrameworkMatrix(family: string, drivers: Record<ProtocolId, FrameworkDriver>, ctx: { upstream: ConversionUpstream; gateway: RunningGateway }): void {
  describe.each(MATRIX)(`${family} %s client → %s upstream`, (inbound, target) => {
    const driver = drivers[inbound];
    const model = `${PROVIDER_ID[target]}.test-model`;
    const streamed = (r: { path: string; body: unknown }) => r.path.includes(':streamGenerateContent') || (r.body as Json).stream === true;
    // Invalid upstream requests fail the case that sent them (useConversionGateway checks the file's total too).
    let invalidBefore = 0;
    beforeEach(() => { invalidBefore = ctx.upstream.invalid.length; });
    afterEach(() => {
      const invalid = ctx.upstream.invalid.slice(invalidBefore);
      if (invalid.length > 0) expect.fail(`upstream requests failing the validator: ${invalid.join('; ')}`);
    });

    it('text', async () => {
      ctx.upstream.scenario = 'text';
      const answer = await driver.text(ctx.gateway.url, model);
      expect(answer.text).toBe('Hello from the upstream.');
      expect(tokens(answer), 'usage [input, output]').toEqual([12, 6]);
      expect(ctx.upstream.last().protocol).toBe(target);
      expect(ctx.upstream.last().text).toContain(PROMPT);
    });

    it('stream: the final text and usage equal the non-stream ones', async () => {
      ctx.upstream.scenario = 'text';
      const answer = await driver.stream(ctx.gateway.url, model);
      expect(streamed(ctx.upstream.last())).toBe(true);
      expect(answer.text).toBe('Hello from the upstream.');
      expect(tokens(answer), 'streamed usage [input, output]').toEqual([12, 6]);
      expect(answer).toEqual(await driver.text(ctx.gateway.url, model));
    });

    it.each([false, true])('tool loop (stream: %s): the call and its result reach the upstream in its own format', async (stream) => {
      ctx.upstream.scenario = 'tool-call';
      const from = ctx.upstream.requests.length;
      const seen: unknown[] = [];
      const answer = await driver.toolLoop(ctx.gateway.url, model, {
        stream,
        weather: (args) => { seen.push(args); ctx.upstream.scenario = 'text-after-tool'; return TOOL_RESULT; },
      });
      const requests = ctx.upstream.requests.slice(from);
      expect(requests).toHaveLength(2);
      expect(requests.map(streamed)).toEqual([stream, stream]);
      expect(seen).toEqual([{ city: 'Paris' }]);
      expect(answer.calls).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }]);
      expect(answer.text).toBe('It is 18°C in Paris.');
      expect(requests[0]!.text).toContain(WEATHER_TOOL.name);

      const { call, result } = toolRoundSent(target, requests[1]!.body);
      const issued = issuedByUpstream(target, stream);
      expect(call).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
      expect(result).toBeDefined();
      expect(call!.at).toBeLessThan(result!.at);
      expect(has(result!.output, TOOL_RESULT)).toBe(true);
      // The result answers the call: same id (Gemini may carry none on either).
      if (target !== 'gemini') expect(call!.id).toEqual(expect.any(String));
      expect(result!.id).toBe(call!.id);
      if (issued.id && driver.echoesCallIds) expect(call!.id).toBe(issued.id);
      if (target === 'gemini') {
        expect(result).toMatchObject({ name: 'get_weather' });
        expect(call!.signature).toBe(issued.signature);
      }
    });

    it('structured output: the JSON schema goes upstream, the parsed object comes back', async () => {
      ctx.upstream.scenario = 'structured-output';
      expect(await driver.structured(ctx.gateway.url, model)).toEqual({ city: 'Paris', temperature_c: 18 });
      expect(ctx.upstream.last().text).toContain('"temperature_c"');
    });
  });
}
