// What the bench sends: two direct-to-upstream baselines (JSON and SSE) and, through the
// gateway, each protocol's same-protocol generate call, non-stream and stream. Requests are
// small and fixed; the upstream answers each protocol's recorded `text` / `stream-text` fixture.
import type { ProtocolId } from '../src/protocols/protocol-id.ts';

export interface BenchCase {
  name: string;
  target: 'direct' | 'gateway';
  protocol: ProtocolId;
  stream: boolean;
  /** Path and query on the target. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

const PROMPT = 'Reply with one short sentence.';

function json(value: unknown): string {
  return JSON.stringify(value);
}

export function benchCases(gatewayKey: string): BenchCase[] {
  const bearer = { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` };
  const chat = (model: string, stream: boolean) => json({ model, messages: [{ role: 'user', content: PROMPT }], ...(stream ? { stream: true } : {}) });
  const gemini = json({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] });
  const claude = (stream: boolean) => json({ model: 'claude.test-model', max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], ...(stream ? { stream: true } : {}) });
  const claudeHeaders = { 'content-type': 'application/json', 'x-api-key': gatewayKey, 'anthropic-version': '2023-06-01' };
  const geminiHeaders = { 'content-type': 'application/json', 'x-goog-api-key': gatewayKey };
  return [
    { name: 'direct chat', target: 'direct', protocol: 'openai-chat-completions', stream: false, path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: chat('test-model', false) },
    { name: 'direct chat stream', target: 'direct', protocol: 'openai-chat-completions', stream: true, path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: chat('test-model', true) },
    { name: 'chat', target: 'gateway', protocol: 'openai-chat-completions', stream: false, path: '/v1/chat/completions', headers: bearer, body: chat('chat.test-model', false) },
    { name: 'chat stream', target: 'gateway', protocol: 'openai-chat-completions', stream: true, path: '/v1/chat/completions', headers: bearer, body: chat('chat.test-model', true) },
    { name: 'responses', target: 'gateway', protocol: 'openai-responses', stream: false, path: '/openai/v1/responses', headers: bearer, body: json({ model: 'responses.test-model', input: PROMPT }) },
    { name: 'claude', target: 'gateway', protocol: 'claude', stream: false, path: '/claude/v1/messages', headers: claudeHeaders, body: claude(false) },
    { name: 'claude stream', target: 'gateway', protocol: 'claude', stream: true, path: '/claude/v1/messages', headers: claudeHeaders, body: claude(true) },
    { name: 'gemini', target: 'gateway', protocol: 'gemini', stream: false, path: '/gemini/v1beta/models/gemini.test-model:generateContent', headers: geminiHeaders, body: gemini },
    { name: 'gemini stream', target: 'gateway', protocol: 'gemini', stream: true, path: '/gemini/v1beta/models/gemini.test-model:streamGenerateContent?alt=sse', headers: geminiHeaders, body: gemini },
  ];
}
