// What the real CLIs sent (test/fixtures/clients/*.jsonl, recorded by `npm run record:clients`)
// reaches a same-protocol upstream exactly as sent but for the model, and the upstream's
// answer comes back verbatim. Re-recording adds or changes cases here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../helpers/fixtures.ts';
import { PROVIDER_ID, type RunningGateway } from '../helpers/gateway.ts';
import type { MockUpstream } from '../helpers/mock-upstream.ts';
import { startTextUpstreamGateway, type TextUpstreamGateway } from '../helpers/text-upstream-gateway.ts';
import { aimedAt, clientFixtureFiles, recordedModelCalls, replayHeaders } from '../helpers/recorded-clients.ts';

let upstream: MockUpstream;
let gateway: RunningGateway;
let setup: TextUpstreamGateway;

beforeAll(async () => {
  setup = await startTextUpstreamGateway();
  ({ upstream, gateway } = setup);
});

afterAll(() => setup.close());

const CALLS = recordedModelCalls();

describe('recorded CLI requests', () => {
  it('are there for every CLI, each with a model call', () => {
    const files = clientFixtureFiles();
    for (const cli of ['claude', 'codex', 'gemini']) expect(files).toContain(`${cli}.jsonl`);
    for (const file of files) expect(CALLS.some((c) => c.name.startsWith(`${file}#`)), file).toBe(true);
  });

  it.each(CALLS.map((c) => [c.name, c] as const))('%s reaches a same-protocol upstream intact but for the model', async (_name, call) => {
    setup.protocol = call.protocol;
    upstream.requests.length = 0;
    const { path, body } = aimedAt(call, `${PROVIDER_ID[call.protocol]}.test-model`);
    const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: replayHeaders(call.request), body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(readFixture(call.protocol, call.stream ? 'stream-text.response.sse' : 'text.response.json'));
    const received = upstream.requests[0];
    expect(received?.body).toEqual(call.protocol === 'gemini' ? call.body : { ...call.body, model: 'test-model' });
    if (call.protocol === 'gemini') expect(received?.path).toMatch(/^\/v1beta\/models\/test-model:/);
  });
});
