// What real clients send (Claude Code, Codex CLI, Gemini CLI, opencode — modelled in
// test/fixtures/<protocol>/client-*.request.json) passes through to a same-protocol upstream
// with only the model changed, and the upstream's stream comes back byte for byte.
// Adding a client-*.request.json fixture adds a case here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { fixtureFiles, readFixture, readFixtureJson } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, PROVIDER_ID, type RunningGateway } from '../helpers/gateway.ts';
import type { MockUpstream } from '../helpers/mock-upstream.ts';
import { startTextUpstreamGateway, type TextUpstreamGateway } from '../helpers/text-upstream-gateway.ts';

let upstream: MockUpstream;
let gateway: RunningGateway;
let setup: TextUpstreamGateway;

const GATEWAY_PATH: Record<ProtocolId, (stream: boolean, model: string) => string> = {
  'openai-chat-completions': () => '/v1/chat/completions',
  'openai-responses': () => '/openai/v1/responses',
  claude: () => '/claude/v1/messages?beta=true',
  gemini: (stream, model) => `/gemini/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
};

beforeAll(async () => {
  setup = await startTextUpstreamGateway();
  ({ upstream, gateway } = setup);
});

afterAll(() => setup.close());

describe.each(PROTOCOL_IDS)('%s client requests, same-protocol upstream', (protocol) => {
  const cases = fixtureFiles(protocol, /^client-.*\.request\.json$/);

  it('has client fixtures', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('%s reaches the upstream intact but for the model; the answer is relayed verbatim', async (file) => {
    setup.protocol = protocol;
    upstream.requests.length = 0;
    const body = readFixtureJson(protocol, file);
    const model = `${PROVIDER_ID[protocol]}.test-model`;
    const sent = protocol === 'gemini' ? body : { ...body, model };
    const stream = protocol === 'gemini' ? /gemini-cli/.test(file) : body.stream === true;
    const response = await fetch(`${gateway.url}${GATEWAY_PATH[protocol](stream, model)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json', 'anthropic-beta': 'interleaved-thinking-2025-05-14' },
      body: JSON.stringify(sent),
    });
    expect(response.status).toBe(200);
    const expected = readFixture(protocol, `${stream ? 'stream-text' : 'text'}.response.${stream ? 'sse' : 'json'}`);
    expect(await response.text()).toBe(expected);
    const received = upstream.requests[0];
    expect(received?.body).toEqual(protocol === 'gemini' ? body : { ...body, model: 'test-model' });
    if (protocol === 'claude') expect(received?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    if (protocol === 'gemini') expect(received?.path).toBe(`/v1beta/models/test-model:${stream ? 'streamGenerateContent' : 'generateContent'}`);
  });
});
