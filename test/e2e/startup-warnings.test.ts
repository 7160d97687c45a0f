// `npm start` with a config whose fallbacks or aliases name unknown models: it starts anyway
// and says so on stderr, one `any-api:` line per problem, once — not again per request.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configWarnings } from '../../src/config/config-warnings.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';
import { routingConfig } from '../helpers/routing-config.ts';

let gateway: GatewayProcess;
beforeAll(async () => {
  // The variables the config's apiKeyEnv names: one unset would stop the start (one line, exit 1).
  gateway = await startGatewayProcess(routingConfig(), { env: { ANTHROPIC_KEY_A: 'test-key-a', GEMINI_KEY: 'test-key-gemini' } });
});
afterAll(() => gateway.stop());

it('prints each warning once on stderr, and serves', async () => {
  const response = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
  expect(response.status).toBe(200);
  const lines = gateway.stderr().split('\n').filter((line) => line.startsWith('any-api: '));
  expect(lines).toEqual(configWarnings(routingConfig()).map((warning) => `any-api: ${warning}`));
  expect(lines).toContain('any-api: alias "broken" points to "nowhere.model", which is not a configured model; it will be skipped.');
});
