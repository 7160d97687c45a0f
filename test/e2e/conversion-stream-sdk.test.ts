// The 12 cross-protocol pairs, streaming, through the official SDKs' stream helpers (openai
// chat.completions.stream() and responses.stream(), anthropic messages.stream(), genai
// generateContentStream): they consume the converted stream without error, and the final
// message equals the non-streaming answer for the same upstream scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_IDS } from '../../src/protocols/protocol-id.ts';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, PROVIDER_ID, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { SDK_DRIVERS, type Answer } from '../helpers/sdk-clients.ts';

const PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.filter((u) => u !== inbound).map((upstream) => [inbound, upstream] as const));
/** What must be equal between stream and non-stream: ids are made up per answer where the upstream has none. */
const comparable = (a: Answer) => ({ text: a.text, toolCalls: a.toolCalls.map(({ name, args }) => ({ name, args })), finish: a.finish, usage: a.usage });

let upstream: ConversionUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startConversionUpstream();
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
  expect(upstream.invalid).toEqual([]);
});

describe.each(PAIRS)('%s SDK stream → %s upstream', (inbound, target) => {
  const driver = SDK_DRIVERS[inbound];
  const model = `${PROVIDER_ID[target]}.test-model`;

  it.each(['text', 'tool-call', 'tool-calls-parallel'])('%s: the streamed answer equals the non-streamed one', async (scenario) => {
    upstream.scenario = scenario;
    const streamed = await driver.stream(gateway.url, model);
    expect(upstream.last().body).toMatchObject(target === 'gemini' ? {} : { stream: true });
    const whole = await driver.generate(gateway.url, model);
    expect(comparable(streamed)).toEqual(comparable(whole));
    if (scenario !== 'text') expect(streamed.toolCalls.length).toBeGreaterThan(0);
  });

  it('an upstream HTTP 429 before the stream is an HTTP 429 for the client', async () => {
    upstream.scenario = 'error-429';
    await expect(driver.stream(gateway.url, model)).rejects.toMatchObject({ status: 429 });
  });

  it('an in-band error before any output becomes an HTTP error in the client protocol', async () => {
    upstream.scenario = 'error-before-output';
    const error = await driver.stream(gateway.url, model).then(() => undefined, (e: unknown) => e);
    expect(error).toBeDefined();
    expect((error as { status?: number }).status).toBeGreaterThanOrEqual(500);
  });

  it('an error after output ends the stream with the client protocol\'s error event, not a clean finish', async () => {
    upstream.scenario = 'error-after-output';
    await expect(driver.stream(gateway.url, model)).rejects.toThrow();
  });
});
