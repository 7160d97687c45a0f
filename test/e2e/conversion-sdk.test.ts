// The 12 cross-protocol pairs through the official SDKs, non-streaming: each inbound protocol's
// SDK against an upstream of every other protocol replaying real-format traffic. What reaches
// the upstream must pass that protocol's generated validator; what comes back must read as
// the SDK's own native answer (text, tool calls with parsed arguments, finish reason, usage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, PROVIDER_ID, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { SDK_DRIVERS } from '../helpers/sdk-clients.ts';

/** Each protocol's own word for "finished normally" and "wants tool results". */
const FINISH: Record<ProtocolId, { stop: string; tools: string; length: string }> = {
  'openai-chat-completions': { stop: 'stop', tools: 'tool_calls', length: 'length' },
  'openai-responses': { stop: 'completed', tools: 'completed', length: 'incomplete' },
  claude: { stop: 'end_turn', tools: 'tool_use', length: 'max_tokens' },
  gemini: { stop: 'STOP', tools: 'STOP', length: 'MAX_TOKENS' },
};

const PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.filter((u) => u !== inbound).map((upstream) => [inbound, upstream] as const));

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

describe.each(PAIRS)('%s SDK → %s upstream', (inbound, target) => {
  const driver = SDK_DRIVERS[inbound];
  const model = `${PROVIDER_ID[target]}.test-model`;

  it('text, finish reason and usage', async () => {
    upstream.scenario = 'text';
    const answer = await driver.generate(gateway.url, model);
    expect(upstream.last().protocol).toBe(target);
    expect(answer.text).toBe('Hello from the upstream.');
    expect(answer.toolCalls).toEqual([]);
    expect(answer.finish).toBe(FINISH[inbound].stop);
    expect(answer.usage).toMatchObject({ input: 12, output: 6 });
  });

  it('a tool call with its parsed arguments and a tool finish reason', async () => {
    upstream.scenario = 'tool-call';
    const answer = await driver.generate(gateway.url, model);
    expect(answer.toolCalls).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }]);
    expect(answer.finish).toBe(FINISH[inbound].tools);
  });

  it.each([429, 500])('an upstream %i arrives with its status in the inbound shape', async (status) => {
    upstream.scenario = `error-${status}`;
    const error = await driver.generate(gateway.url, model).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ status });
  });
});
