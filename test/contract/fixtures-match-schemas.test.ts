// Our fixtures and the real client recordings agree with our own schemas: every client
// request passes the inbound validator; every upstream body, stream event and error passes
// the matching validator. Adding a fixture adds a case.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

// The recordings of real CLIs live in the shared reference folder beside the repository (CI
// has it). They are reference data we may not copy in, so they are read in place when present.
const CLIENT_RECORDINGS = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'clients');
const RECORDING_PROTOCOL: Record<string, ProtocolId> = {
  'anthropic.messages': 'claude',
  'openai.responses': 'openai-responses',
  'openai.chat': 'openai-chat-completions',
  'gemini.stream': 'gemini',
};

describe.runIf(existsSync(CLIENT_RECORDINGS))('recorded requests of Claude Code, Codex CLI, Gemini CLI and opencode', () => {
  const files = existsSync(CLIENT_RECORDINGS) ? readdirSync(CLIENT_RECORDINGS).filter((f) => f.endsWith('.jsonl')) : [];
  it.each(files)('%s passes the inbound validators', (file) => {
    const lines = readFileSync(join(CLIENT_RECORDINGS, file), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      const { api, path, body } = JSON.parse(line) as { api: string; path: string; body: unknown };
      const protocol = RECORDING_PROTOCOL[api] ?? (path.startsWith('/gemini/') ? 'gemini' : undefined);
      expect(protocol, `unknown api ${api} for ${path}`).toBeDefined();
      expect(issuesOf(CONTRACTS[protocol!].request, body)).toBe('');
    }
  });
});
