// Reads test/fixtures/clients/*.jsonl — what real coding CLIs sent, recorded by
// `npm run record:clients` — and readies a recorded request to be replayed at the gateway
// with any provider's model, the gateway's key in place of the redacted one.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { FIXTURES } from './fixtures.ts';
import { GATEWAY_KEY } from './gateway.ts';

export const CLIENT_FIXTURES = join(FIXTURES, 'clients');

export interface RecordedClientRequest {
  method: string;
  /** Path and query as the CLI sent them, with its base URL's path (`/claude`, `/openai/v1`, `/gemini`). */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface ModelCall {
  /** `<file>#<line>`, for test names. */
  name: string;
  protocol: ProtocolId;
  stream: boolean;
  request: RecordedClientRequest;
  body: Record<string, unknown>;
}

const GEMINI_CALL = /\/models\/[^/:]+:(streamGenerateContent|generateContent)(\?|$)/;

export function clientFixtureFiles(): string[] {
  return readdirSync(CLIENT_FIXTURES).filter((f) => f.endsWith('.jsonl')).sort();
}

export function readRecording(file: string): RecordedClientRequest[] {
  return readFileSync(join(CLIENT_FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as RecordedClientRequest);
}

/** The protocol a recorded request speaks, when it is a call to a model (not a list, not count_tokens). */
export function protocolOf(request: RecordedClientRequest): ProtocolId | undefined {
  if (request.method !== 'POST') return undefined;
  const path = request.path.split('?')[0] ?? '';
  if (GEMINI_CALL.test(request.path)) return 'gemini';
  if (path.endsWith('/messages')) return 'claude';
  if (path.endsWith('/responses')) return 'openai-responses';
  if (path.endsWith('/chat/completions')) return 'openai-chat-completions';
  return undefined;
}

/** Every recorded model call of every client fixture. */
export function recordedModelCalls(): ModelCall[] {
  return clientFixtureFiles().flatMap((file) => readRecording(file).flatMap((request, i): ModelCall[] => {
    const protocol = protocolOf(request);
    if (!protocol) return [];
    const body = request.body as Record<string, unknown>;
    const stream = protocol === 'gemini' ? request.path.includes(':streamGenerateContent') : body.stream === true;
    return [{ name: `${file}#${i + 1}`, protocol, stream, request, body }];
  }));
}

/** The recorded path and body aimed at `model`; `stream: false` asks for the JSON answer instead. */
export function aimedAt(call: ModelCall, model: string, stream = call.stream): { path: string; body: Record<string, unknown> } {
  if (call.protocol === 'gemini') {
    const path = call.request.path.replace(GEMINI_CALL, `/models/${model}:${stream ? 'streamGenerateContent' : 'generateContent'}$2`);
    return { path: stream ? path : path.replace(/\?alt=sse$/, ''), body: call.body };
  }
  const body: Record<string, unknown> = { ...call.body, model };
  if (!stream) body.stream = false;
  return { path: call.request.path, body };
}

/** The recorded headers, the gateway's key where the CLI's was, and none that describe the old connection. */
export function replayHeaders(request: RecordedClientRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (['host', 'accept-encoding', 'content-length', 'connection'].includes(name)) continue;
    headers[name] = value === '[redacted]' ? (name === 'authorization' ? `Bearer ${GATEWAY_KEY}` : GATEWAY_KEY) : value;
  }
  return headers;
}
