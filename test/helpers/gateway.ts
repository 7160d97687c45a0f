// Starts the gateway on a loopback port exactly as `npm start` does (same app, same Node
// server), with a given config and env.
import type { AddressInfo } from 'node:net';
import { createApp, type GatewayEnv } from '../../src/app.ts';
import { nodeO200kTokenizer } from '../../src/runtime/node/o200k-tokenizer.ts';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { serve } from '../../src/runtime/node/serve.ts';
import { SqliteResponseStore } from '../../src/runtime/node/sqlite-response-store.ts';
import type { ResponseStore } from '../../src/store/response-store.ts';
import { createNodeUpstream } from '../../src/runtime/node/upstream-client.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';

export const GATEWAY_KEY = 'gw-test-key-0123456789';
export const UPSTREAM_KEYS: Record<ProtocolId, string> = {
  'openai-chat-completions': 'sk-upstream-chat-secret-1',
  'openai-responses': 'sk-upstream-responses-secret-2',
  claude: 'sk-ant-upstream-secret-3',
  gemini: 'AIza-upstream-secret-4',
};

/** One provider per protocol, named after it, each serving `test-model` and a dotted model id. */
export function configFor(upstreamUrl: string): AnyApiConfig {
  const provider = (type: ProtocolId, baseURL: string) => ({
    type,
    baseURL,
    apiKey: UPSTREAM_KEYS[type],
    models: { 'test-model': { upstreamModel: 'test-model' }, 'gpt-5.2': { upstreamModel: 'gpt-5.2-upstream' } },
  });
  return {
    version: 1,
    providers: {
      chat: provider('openai-chat-completions', `${upstreamUrl}/v1`),
      responses: provider('openai-responses', upstreamUrl),
      claude: provider('claude', `${upstreamUrl}/`),
      gemini: provider('gemini', upstreamUrl),
    },
  };
}

export const PROVIDER_ID: Record<ProtocolId, string> = {
  'openai-chat-completions': 'chat',
  'openai-responses': 'responses',
  claude: 'claude',
  gemini: 'gemini',
};

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

export async function startGateway(env: GatewayEnv, options: { allowUnauthenticated?: boolean; store?: ResponseStore } = {}): Promise<RunningGateway> {
  const upstream = createNodeUpstream();
  // Stored Responses in memory unless the test brings its own store: each gateway starts empty.
  const store = options.store ?? new SqliteResponseStore(':memory:');
  const app = createApp({ upstream: upstream.client, allowUnauthenticated: options.allowUnauthenticated ?? false, responseStore: () => store, tokenizer: nodeO200kTokenizer });
  const server = serve(app, env);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => void upstream.close().finally(resolve)); }),
  };
}
