// What the pass-through bench sends. Direct-to-upstream baselines (small JSON, small SSE, the
// ~200 KB Claude Code request) and, through the gateway (and the floor proxy, and an older
// gateway when asked), each protocol's same-protocol generate call, non-stream and stream;
// small converted calls (a Chat client on a Claude provider and back, non-stream and stream);
// and the Claude Code-sized request, passed through to a Claude provider and converted for a
// Chat one. Requests are fixed; the upstream answers each protocol's recorded `text` /
// `stream-text` fixture. Models name providers of test/helpers/gateway.ts `configFor`: one per
// protocol (`chat`, `responses`, `claude`, `gemini`), so `claude.test-model` asked for by a Chat
// client is a conversion Chat → Claude.
import type { ProtocolId } from '../src/protocols/protocol-id.ts';
import { claudeCodeRequest } from './claude-code-request.ts';

export interface BenchCase {
  name: string;
  target: 'direct' | 'gateway';
  /** The client's protocol. */
  protocol: ProtocolId;
  /** The protocol of the upstream it reaches: `protocol` for a pass-through, another for a conversion. */
  upstream: ProtocolId;
  stream: boolean;
  /** Path and query on the target. */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Gateway cases: the name of the direct case their added latency is measured against. */
  baseline?: string;
  /** At most this many connections (the 200 KB cases: 32 of them at once only measure queueing). */
  maxConnections?: number;
}

const PROMPT = 'Reply with one short sentence.';

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Converted cases' names spell the arrow `→`; BENCH_CASES may write it `->`. */
export function caseName(name: string): string {
  return name.trim().replaceAll('->', '→');
}

export function benchCases(gatewayKey: string): BenchCase[] {
  const plain = { 'content-type': 'application/json' };
  const bearer = { ...plain, authorization: `Bearer ${gatewayKey}` };
  // max_completion_tokens: without it, a Claude upstream gets a default and the gateway logs a
  // warning line per request (bench/streaming.ts does the same).
  const chat = (model: string, stream: boolean) => json({ model, max_completion_tokens: 256, messages: [{ role: 'user', content: PROMPT }], ...(stream ? { stream: true } : {}) });
  const gemini = json({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] });
  const claude = (model: string, stream: boolean) => json({ model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], ...(stream ? { stream: true } : {}) });
  const claudeCode = (model: string) => json({ ...claudeCodeRequest(), model });
  const BIG_CONNECTIONS = 8;
  const claudeHeaders = { ...plain, 'x-api-key': gatewayKey, 'anthropic-version': '2023-06-01' };
  const geminiHeaders = { ...plain, 'x-goog-api-key': gatewayKey };
  const JSON_BASE = 'direct chat';
  const SSE_BASE = 'direct chat stream';
  const BIG_BASE = 'direct claude-code';
  return [
    { name: JSON_BASE, target: 'direct', protocol: 'openai-chat-completions', upstream: 'openai-chat-completions', stream: false, path: '/v1/chat/completions', headers: plain, body: chat('test-model', false) },
    { name: SSE_BASE, target: 'direct', protocol: 'openai-chat-completions', upstream: 'openai-chat-completions', stream: true, path: '/v1/chat/completions', headers: plain, body: chat('test-model', true) },
    { name: BIG_BASE, target: 'direct', protocol: 'claude', upstream: 'claude', stream: false, path: '/v1/messages', headers: plain, body: claudeCode('test-model'), maxConnections: BIG_CONNECTIONS },
    // Same protocol: pass-through.
    { name: 'chat', target: 'gateway', protocol: 'openai-chat-completions', upstream: 'openai-chat-completions', stream: false, path: '/v1/chat/completions', headers: bearer, body: chat('chat.test-model', false), baseline: JSON_BASE },
    { name: 'chat stream', target: 'gateway', protocol: 'openai-chat-completions', upstream: 'openai-chat-completions', stream: true, path: '/v1/chat/completions', headers: bearer, body: chat('chat.test-model', true), baseline: SSE_BASE },
    { name: 'responses', target: 'gateway', protocol: 'openai-responses', upstream: 'openai-responses', stream: false, path: '/openai/v1/responses', headers: bearer, body: json({ model: 'responses.test-model', input: PROMPT }), baseline: JSON_BASE },
    { name: 'claude', target: 'gateway', protocol: 'claude', upstream: 'claude', stream: false, path: '/claude/v1/messages', headers: claudeHeaders, body: claude('claude.test-model', false), baseline: JSON_BASE },
    { name: 'claude stream', target: 'gateway', protocol: 'claude', upstream: 'claude', stream: true, path: '/claude/v1/messages', headers: claudeHeaders, body: claude('claude.test-model', true), baseline: SSE_BASE },
    { name: 'gemini', target: 'gateway', protocol: 'gemini', upstream: 'gemini', stream: false, path: '/gemini/v1beta/models/gemini.test-model:generateContent', headers: geminiHeaders, body: gemini, baseline: JSON_BASE },
    { name: 'gemini stream', target: 'gateway', protocol: 'gemini', upstream: 'gemini', stream: true, path: '/gemini/v1beta/models/gemini.test-model:streamGenerateContent?alt=sse', headers: geminiHeaders, body: gemini, baseline: SSE_BASE },
    // Converted, small.
    { name: 'chat→claude', target: 'gateway', protocol: 'openai-chat-completions', upstream: 'claude', stream: false, path: '/v1/chat/completions', headers: bearer, body: chat('claude.test-model', false), baseline: JSON_BASE },
    { name: 'chat→claude stream', target: 'gateway', protocol: 'openai-chat-completions', upstream: 'claude', stream: true, path: '/v1/chat/completions', headers: bearer, body: chat('claude.test-model', true), baseline: SSE_BASE },
    { name: 'claude→chat', target: 'gateway', protocol: 'claude', upstream: 'openai-chat-completions', stream: false, path: '/claude/v1/messages', headers: claudeHeaders, body: claude('chat.test-model', false), baseline: JSON_BASE },
    { name: 'claude→chat stream', target: 'gateway', protocol: 'claude', upstream: 'openai-chat-completions', stream: true, path: '/claude/v1/messages', headers: claudeHeaders, body: claude('chat.test-model', true), baseline: SSE_BASE },
    // The ~200 KB Claude Code request (bench/claude-code-request.ts), non-stream.
    { name: 'claude-code', target: 'gateway', protocol: 'claude', upstream: 'claude', stream: false, path: '/claude/v1/messages', headers: claudeHeaders, body: claudeCode('claude.test-model'), baseline: BIG_BASE, maxConnections: BIG_CONNECTIONS },
    { name: 'claude-code→chat', target: 'gateway', protocol: 'claude', upstream: 'openai-chat-completions', stream: false, path: '/claude/v1/messages', headers: claudeHeaders, body: claudeCode('chat.test-model'), baseline: BIG_BASE, maxConnections: BIG_CONNECTIONS },
  ];
}
