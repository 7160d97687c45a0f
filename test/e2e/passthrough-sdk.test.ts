// Same protocol in and out, through the official SDKs, against a loopback upstream that
// replays real-format traffic: text and tool calls, streaming and not; the request reaches
// the upstream with only the model changed and the upstream's own key; upstream errors keep
// their status and shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { upstreamReply } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, PROVIDER_ID, UPSTREAM_KEYS, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream, type RecordedRequest } from '../helpers/mock-upstream.ts';
import { SDK_DRIVERS } from '../helpers/sdk-clients.ts';

const UPSTREAM_PATH: Record<ProtocolId, (stream: boolean) => string> = {
  'openai-chat-completions': () => '/v1/chat/completions',
  'openai-responses': () => '/v1/responses',
  claude: () => '/v1/messages',
  gemini: (stream) => `/v1beta/models/test-model:${stream ? 'streamGenerateContent' : 'generateContent'}`,
};

function upstreamKey(protocol: ProtocolId, request: RecordedRequest): unknown {
  if (protocol === 'claude') return request.headers['x-api-key'];
  if (protocol === 'gemini') return request.headers['x-goog-api-key'];
  return request.headers.authorization;
}

const isStream = (request: RecordedRequest) =>
  (request.body as { stream?: unknown } | undefined)?.stream === true || request.path.includes(':streamGenerateContent');

let upstream: MockUpstream;
let gateway: RunningGateway;
let scenario = 'text';

beforeAll(async () => {
  upstream = await startMockUpstream((request) => {
    const protocol = PROTOCOL_IDS.find((p) => request.path === UPSTREAM_PATH[p](isStream(request)));
    if (!protocol) return { status: 404, headers: {}, body: 'no such path' };
    return upstreamReply(protocol, scenario.startsWith('error') || !isStream(request) ? scenario : `stream-${scenario}`);
  });
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(configFor(upstream.url)), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe.each(PROTOCOL_IDS)('%s SDK → same-protocol upstream (pass-through)', (protocol) => {
  const driver = SDK_DRIVERS[protocol];
  const model = `${PROVIDER_ID[protocol]}.test-model`;

  for (const mode of ['generate', 'stream'] as const) {
    it(`${mode}: text arrives, request reaches the upstream with its own key and the upstream model`, async () => {
      scenario = 'text';
      upstream.requests.length = 0;
      const answer = await driver[mode](gateway.url, model);
      expect(answer.text).toBe('Hello from the upstream.');
      const [request] = upstream.requests;
      expect(request?.path).toBe(UPSTREAM_PATH[protocol](mode === 'stream'));
      expect(upstreamKey(protocol, request!)).toContain(UPSTREAM_KEYS[protocol]);
      expect(JSON.stringify(request?.headers)).not.toContain(GATEWAY_KEY);
      if (protocol !== 'gemini') expect((request?.body as { model?: unknown }).model).toBe('test-model');
    });

    it(`${mode}: a tool call arrives with its parsed arguments`, async () => {
      scenario = 'tool-call';
      const answer = await driver[mode](gateway.url, model);
      expect(answer.toolCalls).toMatchObject([{ name: 'get_weather', args: { city: 'Paris' } }]);
    });
  }

  it('an unmodelled request field reaches the upstream unchanged', async () => {
    scenario = 'text';
    upstream.requests.length = 0;
    const extra = { x_future_field: { nested: [1, 2], deep: { keep: true } } };
    // The Gemini SDK builds its body from known fields only; the raw-request suite covers Gemini.
    if (protocol === 'gemini') return;
    await driver.generate(gateway.url, model, { extra });
    expect((upstream.requests[0]?.body as Record<string, unknown>).x_future_field).toEqual(extra.x_future_field);
  });

  it('an upstream 429 reaches the SDK as 429 with retry-after', async () => {
    scenario = 'error-429';
    const error = await driver.generate(gateway.url, model).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    const headers = (error as { headers?: Headers | Record<string, string> }).headers;
    const retryAfter = headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
    if (protocol !== 'gemini') expect(retryAfter).toBe(upstreamReply(protocol, 'error-429').headers['retry-after']);
  });
});
