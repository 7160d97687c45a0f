// The 12 cross-protocol pairs, streaming, through the official SDKs' stream helpers (openai
// chat.completions.stream() and responses.stream(), anthropic messages.stream(), genai
// generateContentStream): they consume the converted stream without error, and the final
// message equals the non-streaming answer for the same upstream scenario.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS } from '../../src/protocols/protocol-id.ts';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { SDK_DRIVERS, type Answer } from '../helpers/sdk-clients.ts';

const PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.filter((u) => u !== inbound).map((upstream) => [inbound, upstream] as const));
/** What must be equal between stream and non-stream: ids are made up per answer where the upstream has none. */
const comparable = (a: Answer) => ({ text: a.text, toolCalls: a.toolCalls.map(({ name, args }) => ({ name, args })), finish: a.finish, usage: a.usage });

const ctx = useConversionGateway();

describe.each(PAIRS)('%s SDK stream → %s upstream', (inbound, target) => {
  const driver = SDK_DRIVERS[inbound];
  const model = `${PROVIDER_ID[target]}.test-model`;

  it.each(['text', 'tool-call', 'tool-calls-parallel'])('%s: the streamed answer equals the non-streamed one', async (scenario) => {
    ctx.upstream.scenario = scenario;
    const streamed = await driver.stream(ctx.gateway.url, model);
    expect(ctx.upstream.last().body).toMatchObject(target === 'gemini' ? {} : { stream: true });
    const whole = await driver.generate(ctx.gateway.url, model);
    expect(comparable(streamed)).toEqual(comparable(whole));
    if (scenario !== 'text') expect(streamed.toolCalls.length).toBeGreaterThan(0);
  });

  it('an upstream HTTP 429 before the stream is an HTTP 429 for the client', async () => {
    ctx.upstream.scenario = 'error-429';
    await expect(driver.stream(ctx.gateway.url, model)).rejects.toMatchObject({ status: 429 });
  });

  it('an in-band error before any output becomes an HTTP error in the client protocol', async () => {
    ctx.upstream.scenario = 'error-before-output';
    const error = await driver.stream(ctx.gateway.url, model).then(() => undefined, (e: unknown) => e);
    expect(error).toBeDefined();
    expect((error as { status?: number }).status).toBeGreaterThanOrEqual(500);
  });

  it('an error after output ends the stream with the client protocol\'s error event, not a clean finish', async () => {
    ctx.upstream.scenario = 'error-after-output';
    await expect(driver.stream(ctx.gateway.url, model)).rejects.toThrow();
  });
});
