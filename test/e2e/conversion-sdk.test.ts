// The 12 cross-protocol pairs through the official SDKs, non-streaming: each inbound protocol's
// SDK against an upstream of every other protocol replaying real-format traffic. Everything
// the gateway sends upstream must pass that protocol's generated validator (checked by the
// upstream on every request); what comes back must read as the SDK's own native answer.
import { describe, expect, it } from 'vitest';
import { decodeCarrier } from '../../src/hub/reasoning-carrier.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { MEDIA_PATH, PNG_BASE64, useConversionGateway } from '../helpers/conversion-upstream.ts';
import { upstreamReply } from '../helpers/fixtures.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { SDK_DRIVERS, type Answer } from '../helpers/sdk-clients.ts';

/** Each protocol's own word for "finished normally", "wants tool results", "hit the limit". */
const FINISH: Record<ProtocolId, { stop: string; tools: string; length: string }> = {
  'openai-chat-completions': { stop: 'stop', tools: 'tool_calls', length: 'length' },
  'openai-responses': { stop: 'completed', tools: 'completed', length: 'incomplete' },
  claude: { stop: 'end_turn', tools: 'tool_use', length: 'max_tokens' },
  gemini: { stop: 'STOP', tools: 'STOP', length: 'MAX_TOKENS' },
};

const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string' }, temperature_c: { type: 'number' } }, required: ['city', 'temperature_c'], additionalProperties: false };
const PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.filter((u) => u !== inbound).map((upstream) => [inbound, upstream] as const));
const calls = (answer: Answer) => answer.toolCalls.map(({ name, args }) => ({ name, args }));

const ctx = useConversionGateway((config) => {
  // The image URL below is served on loopback; Gemini cannot fetch URLs, so the gateway inlines it.
  config.providers.gemini!.options = { mediaFetch: { allowPrivateNetworks: true } };
});

describe.each(PAIRS)('%s SDK → %s upstream', (inbound, target) => {
  const driver = SDK_DRIVERS[inbound];
  const model = `${PROVIDER_ID[target]}.test-model`;

  it('text with a system prompt; finish reason and usage in the client protocol', async () => {
    ctx.upstream.scenario = 'text';
    const answer = await driver.generate(ctx.gateway.url, model, { system: 'You are terse and exact.' });
    expect(ctx.upstream.last().protocol).toBe(target);
    expect(ctx.upstream.last().text).toContain('You are terse and exact.');
    expect(answer).toMatchObject({ text: 'Hello from the upstream.', toolCalls: [], finish: FINISH[inbound].stop, usage: { input: 12, output: 6 } });
  });

  it('a tool call with its parsed arguments and a tool finish reason', async () => {
    ctx.upstream.scenario = 'tool-call';
    const answer = await driver.generate(ctx.gateway.url, model);
    expect(calls(answer)).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }]);
    expect(answer.finish).toBe(FINISH[inbound].tools);
  });

  it('the tool-result round trip: the second turn reaches the upstream with the id it issued', async () => {
    ctx.upstream.scenario = 'tool-call';
    const first = await driver.generate(ctx.gateway.url, model);
    const call = first.toolCalls[0]!;
    const id = call.id ?? 'client-made-id';
    ctx.upstream.scenario = 'text-after-tool';
    const second = await driver.generate(ctx.gateway.url, model, {
      toolRound: { calls: [{ id, name: call.name, args: call.args as Record<string, unknown> }], results: [{ id, name: call.name, output: '18C and sunny' }] },
    });
    expect(second.text).toBe('It is 18°C in Paris.');
    const sent = ctx.upstream.last().text;
    expect(sent).toContain('18C and sunny');
    // The upstream gets back the id it issued; reasoning state the client's id carried is restored.
    const carried = call.id ? decodeCarrier(call.id) : undefined;
    if (call.id) expect(sent).toContain(carried?.i ?? call.id);
    if (carried?.s) expect(sent).toContain(`"thoughtSignature":"${carried.s}"`);
  });

  it('three parallel tool calls, in order, then their three results in one turn', async () => {
    ctx.upstream.scenario = 'tool-calls-parallel';
    const first = await driver.generate(ctx.gateway.url, model);
    expect(calls(first)).toEqual(['Paris', 'Tokyo', 'Lima'].map((city) => ({ name: 'get_weather', args: { city } })));
    expect(first.text).toBe('Checking three cities.');
    const round = first.toolCalls.map((c, i) => ({ id: c.id ?? `c${i}`, name: c.name, args: c.args as Record<string, unknown> }));
    ctx.upstream.scenario = 'text-after-tool';
    await driver.generate(ctx.gateway.url, model, { toolRound: { calls: round, results: round.map((c, i) => ({ id: c.id, name: c.name, output: `result ${i}` })) } });
    const sent = ctx.upstream.last().body as { contents?: Array<{ parts: Array<{ functionResponse?: { response?: unknown } }> }> };
    const text = ctx.upstream.last().text;
    expect([text.indexOf('result 0'), text.indexOf('result 1'), text.indexOf('result 2')].every((i, n, all) => i > 0 && (n === 0 || i > all[n - 1]!))).toBe(true);
    if (target === 'gemini') {
      const responseTurns = sent.contents!.filter((c) => c.parts.some((p) => p.functionResponse));
      expect(responseTurns).toHaveLength(1);
      expect(responseTurns[0]!.parts.filter((p) => p.functionResponse)).toHaveLength(3);
    }
  });

  it('a base64 image reaches the upstream', async () => {
    ctx.upstream.scenario = 'text';
    await driver.generate(ctx.gateway.url, model, { prompt: 'What is this?', image: { base64: PNG_BASE64, mediaType: 'image/png' } });
    expect(ctx.upstream.last().text).toContain(PNG_BASE64);
  });

  it('an image URL reaches the upstream: as a URL where it can fetch one, inlined for Gemini', async () => {
    ctx.upstream.scenario = 'text';
    const url = `${ctx.upstream.url}${MEDIA_PATH}`;
    await driver.generate(ctx.gateway.url, model, { prompt: 'What is this?', image: { url } });
    expect(ctx.upstream.last().text).toContain(target === 'gemini' ? PNG_BASE64 : url);
  });

  it('structured output: the JSON schema reaches the upstream and the JSON answer comes back', async () => {
    ctx.upstream.scenario = 'structured-output';
    const answer = await driver.generate(ctx.gateway.url, model, { jsonSchema: WEATHER_SCHEMA });
    expect(JSON.parse(answer.text)).toEqual({ city: 'Paris', temperature_c: 18 });
    expect(ctx.upstream.last().text).toContain('"temperature_c"');
  });

  it('cache reads count inside the prompt total, in every protocol', async () => {
    ctx.upstream.scenario = 'usage-cache';
    const answer = await driver.generate(ctx.gateway.url, model);
    expect(answer.usage).toEqual({ input: 100, output: 5, cacheRead: 75 });
  });

  it('hitting the output limit reads as the client protocol\'s own "length"', async () => {
    ctx.upstream.scenario = 'max-tokens';
    const answer = await driver.generate(ctx.gateway.url, model);
    expect(answer.text).toBe('Hello from the');
    expect(answer.finish).toBe(FINISH[inbound].length);
  });

  it.each([400, 429, 500])('an upstream %i arrives with its status and message in the inbound shape', async (status) => {
    ctx.upstream.scenario = `error-${status}`;
    const error = await driver.generate(ctx.gateway.url, model).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ status });
    const upstreamBody = JSON.parse(upstreamReply(target, `error-${status}`).body) as { error: { message: string } };
    expect(String((error as Error).message)).toContain(upstreamBody.error.message.split('"')[0]!.slice(0, 30));
    const headers = (error as { headers?: Headers }).headers;
    if (status === 429 && headers instanceof Headers) expect(headers.get('retry-after')).toBe('7');
  });
});
