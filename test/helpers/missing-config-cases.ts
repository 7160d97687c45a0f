// Requests of every inbound protocol, and where its error envelope keeps the message: what a
// gateway without ANY_API_CONFIG (a Worker) must refuse, in that protocol's own shape. Shared by
// the in-process test and the one on real workerd.
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';

type Json = any;

export interface MissingConfigCase {
  protocol: ProtocolId;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** The error message, read where the protocol's envelope puts it (undefined: not that shape). */
  message: (body: Json) => unknown;
}

const messages = [{ role: 'user', content: 'hello' }];
const openaiMessage = (b: Json) => (typeof b?.error?.type === 'string' ? b.error.message : undefined);
const claudeMessage = (b: Json) => (b?.type === 'error' && typeof b.error?.type === 'string' ? b.error.message : undefined);
const geminiMessage = (b: Json) => (b?.error?.code === 500 && b.error.status === 'INTERNAL' ? b.error.message : undefined);

export const MISSING_CONFIG_CASES: MissingConfigCase[] = [
  { protocol: 'openai-chat-completions', method: 'POST', path: '/v1/chat/completions', body: { model: 'mock.echo', messages }, message: openaiMessage },
  { protocol: 'openai-chat-completions', method: 'GET', path: '/v1/models', message: openaiMessage },
  { protocol: 'openai-responses', method: 'POST', path: '/openai/v1/responses', body: { model: 'mock.echo', input: 'hello', stream: true }, message: openaiMessage },
  { protocol: 'claude', method: 'POST', path: '/claude/v1/messages', body: { model: 'mock.echo', max_tokens: 64, messages }, message: claudeMessage },
  { protocol: 'gemini', method: 'POST', path: '/gemini/v1beta/models/mock.echo:streamGenerateContent?alt=sse', body: { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }, message: geminiMessage },
];

export const missingConfigRequest = (base: string, c: MissingConfigCase, headers: Record<string, string> = {}): Request =>
  new Request(`${base}${c.path}`, {
    method: c.method,
    headers: { ...(c.body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
  });
