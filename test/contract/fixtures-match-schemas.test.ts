// Our fixtures and the real client recordings agree with our own schemas: every client
// request passes the inbound validator; every upstream body, stream event and error passes
// the matching validator. Adding a fixture adds a case.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { fixtureFiles, readFixture, readFixtureJson, sseData, upstreamReply } from '../helpers/fixtures.ts';
import { recordedModelCalls } from '../helpers/recorded-clients.ts';
import { CONTRACTS, issuesOf } from './contracts.ts';

describe.each(PROTOCOL_IDS)('%s fixtures match the schemas', (protocol) => {
  const contract = CONTRACTS[protocol];

  it.each(fixtureFiles(protocol, /^client-.*\.request\.json$/))('%s is a valid inbound request', (file) => {
    expect(issuesOf(contract.request, readFixtureJson(protocol, file))).toBe('');
  });

  it.each(fixtureFiles(protocol, /\.response\.(json|sse)$/))('%s is a valid upstream answer', (file) => {
    const name = file.replace(/\.response\.(json|sse)$/, '');
    const reply = upstreamReply(protocol, name);
    if (file.endsWith('.sse')) {
      const events = sseData(readFixture(protocol, file));
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) expect(issuesOf(contract.event, event)).toBe('');
    } else {
      expect(issuesOf(reply.status === 200 ? contract.response : contract.error, JSON.parse(reply.body))).toBe('');
    }
  });
});

describe('the validators reject what the APIs reject, naming the JSON path', () => {
  const cases: Array<[ProtocolId, unknown, string]> = [
    ['openai-chat-completions', { model: 'a.b', messages: 'hi' }, '/messages'],
    ['openai-chat-completions', { model: 'a.b', messages: [{ role: 'wizard', content: 'x' }] }, '/messages/0'],
    ['openai-responses', { model: 'a.b', input: [{ type: 'function_call_output', output: 'x' }] }, '/input/0'],
    ['claude', { model: 'a.b', max_tokens: '10', messages: [] }, '/max_tokens'],
    ['claude', { model: 'a.b', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, '/messages/0/content/0'],
    ['gemini', { contents: [{ role: 'user', parts: [{ functionCall: { args: {} } }] }] }, '/contents/0/parts/0/functionCall'],
  ];
  it.each(cases)('%s rejects %j at %s', (protocol, body, path) => {
    const result = CONTRACTS[protocol].request(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).some((p) => p.startsWith(path))).toBe(true);
  });
});

// What the real CLIs sent, recorded by `npm run record:clients` into test/fixtures/clients/.
describe('recorded requests of Claude Code, Codex CLI, Gemini CLI and opencode', () => {
  it.each(recordedModelCalls().map((c) => [c.name, c] as const))('%s passes the inbound validator', (_name, call) => {
    expect(issuesOf(CONTRACTS[call.protocol].request, call.body)).toBe('');
  });
});
