// A gateway in front of a mock upstream that answers every request with the `text` fixture of
// the protocol under test, or its `stream-text` fixture when the request streams. A test sets
// `protocol` before each request it sends.
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { upstreamReply } from './fixtures.ts';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from './gateway.ts';
import { startMockUpstream, type MockUpstream } from './mock-upstream.ts';

export interface TextUpstreamGateway {
  upstream: MockUpstream;
  gateway: RunningGateway;
  protocol: ProtocolId;
  close(): Promise<void>;
}

export async function startTextUpstreamGateway(): Promise<TextUpstreamGateway> {
  const setup: Partial<TextUpstreamGateway> & { protocol: ProtocolId } = { protocol: 'claude' };
  const upstream = await startMockUpstream((request) => {
    const stream = (request.body as { stream?: unknown }).stream === true || request.path.includes(':stream');
    return upstreamReply(setup.protocol, stream ? 'stream-text' : 'text');
  });
  const gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY });
  return Object.assign(setup, {
    upstream,
    gateway,
    close: async () => {
      await gateway.close();
      await upstream.close();
    },
  });
}
