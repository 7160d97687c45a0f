// Our fixtures agree with our own schemas: every client request passes the inbound validator; every upstream body, stream event and error passes
// the matching validator. Adding a fixture adds a case.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { fixtureFiles, readFixture, readFixtureJson, sseData, upstreamReply } from '../helpers/fixtures.ts';
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

// The real CLIs a user points at the gateway: each has request fixtures of its own (written in
// the shape of what it sends), so the validator check above covers every one of them. A client
// losing its fixtures, or one whose body no longer validates, fails here.
const REAL_CLIENTS: Array<[string, ProtocolId, RegExp]> = [
  ['Claude Code', 'claude', /^client-claude-code.*\.request\.json$/],
  ['opencode (Anthropic)', 'claude', /^client-opencode.*\.request\.json$/],
  ['Codex CLI', 'openai-responses', /^client-codex.*\.request\.json$/],
  ['opencode (Responses)', 'openai-responses', /^client-opencode.*\.request\.json$/],
  ['opencode (Chat)', 'openai-chat-completions', /^client-opencode.*\.request\.json$/],
  ['Gemini CLI', 'gemini', /^client-gemini-cli.*\.request\.json$/],
  ['opencode (Gemini)', 'gemini', /^client-opencode.*\.request\.json$/],
];

describe('requests of Claude Code, Codex CLI, Gemini CLI and opencode', () => {
  it.each(REAL_CLIENTS)('%s has %s request fixtures that pass the inbound validator', (_client, protocol, pattern) => {
    const files = fixtureFiles(protocol, pattern);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(issuesOf(CONTRACTS[protocol].request, readFixtureJson(protocol, file)), file).toBe('');
  });
});
