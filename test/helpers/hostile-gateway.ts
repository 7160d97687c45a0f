// The in-process gateway for hostile-input tests: every POST route, valid seed bodies for each
// (from test/fixtures/<protocol>/client-*.request.json), an upstream fetch that records every
// call and answers with the protocol's recorded fixture, and the per-family error envelope check.
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';
import { nodeO200kTokenizer } from '../../src/runtime/node/o200k-tokenizer.ts';
import type { Operation } from '../../src/protocols/protocol.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { fixtureFiles, readFixtureJson, upstreamReply } from './fixtures.ts';
import { configFor, PROVIDER_ID } from './gateway.ts';
import { envWith } from './in-process.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Family = 'openai' | 'claude' | 'gemini';

export interface PostRoute {
  name: string;
  protocol: ProtocolId;
  family: Family;
  operation: Operation;
  /** Whether the model is named in the URL (Gemini) rather than in the body. */
  modelInPath: boolean;
  path(model: string): string;
}

const FAMILY: Record<ProtocolId, Family> = { 'openai-chat-completions': 'openai', 'openai-responses': 'openai', claude: 'claude', gemini: 'gemini' };

function route(name: string, protocol: ProtocolId, operation: Operation, path: string): PostRoute {
  return { name, protocol, family: FAMILY[protocol], operation, modelInPath: false, path: () => path };
}

const GEMINI_METHODS = [
  ['generateContent', 'generate'],
  ['streamGenerateContent', 'generate'],
  ['streamGenerateContent?alt=sse', 'generate'],
  ['countTokens', 'count-tokens'],
] as const;

export const POST_ROUTES: readonly PostRoute[] = [
  route('chat', 'openai-chat-completions', 'generate', '/v1/chat/completions'),
  route('chat (openai/v1)', 'openai-chat-completions', 'generate', '/openai/v1/chat/completions'),
  route('responses', 'openai-responses', 'generate', '/openai/v1/responses'),
  route('responses input_tokens', 'openai-responses', 'count-tokens', '/openai/v1/responses/input_tokens'),
  route('claude messages', 'claude', 'generate', '/claude/v1/messages'),
  route('claude messages beta', 'claude', 'generate', '/claude/v1/messages?beta=true'),
  route('claude count_tokens', 'claude', 'count-tokens', '/claude/v1/messages/count_tokens'),
  ...['v1beta', 'v1'].flatMap((version) => GEMINI_METHODS.map(([method, operation]): PostRoute => ({
    name: `gemini ${version} :${method}`,
    protocol: 'gemini',
    family: 'gemini',
    operation,
    modelInPath: true,
    path: (model) => `/gemini/${version}/models/${encodeURIComponent(model)}:${method}`,
  }))),
];

export const PROVIDERS = Object.values(PROVIDER_ID);
/** Providers with a counting endpoint: a count for a Chat upstream is estimated, never sent. */
export const COUNTING_PROVIDERS = PROVIDERS.filter((p) => p !== PROVIDER_ID['openai-chat-completions']);

/** Token-relevant fields each count endpoint takes (the rest of a generate body is refused there). */
const COUNT_KEYS: Partial<Record<ProtocolId, readonly string[]>> = {
  claude: ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'output_config', 'cache_control', 'context_management'],
  'openai-responses': ['model', 'input', 'instructions', 'tools', 'tool_choice', 'text', 'reasoning', 'parallel_tool_calls', 'truncation'],
};

function pick(body: Record<string, Json>, keys: readonly string[]): Record<string, Json> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => keys.includes(key)));
}

/** Valid bodies for a route, model left to `withModel`. Gemini counts come in both accepted shapes. */
function seedsOf(protocol: ProtocolId, operation: Operation): Record<string, Json>[] {
  const bodies = fixtureFiles(protocol, /^client-.*\.request\.json$/).map((file) => readFixtureJson<Record<string, Json>>(protocol, file));
  if (operation === 'generate') return bodies;
  if (protocol === 'gemini') {
    return bodies.flatMap((body): Record<string, Json>[] => [{ contents: body.contents ?? [] }, { generateContentRequest: { ...body, model: 'models/x' } }]);
  }
  const keys = COUNT_KEYS[protocol];
  return keys ? bodies.map((body) => pick(body, keys)) : [];
}

const SEEDS = new Map(POST_ROUTES.map((r) => [r, seedsOf(r.protocol, r.operation)]));

export function seedsFor(r: PostRoute): Record<string, Json>[] {
  return SEEDS.get(r) ?? [];
}

/** A fresh copy of the seed, naming `provider.test-model` where the protocol names models in the body. */
export function withModel(r: PostRoute, seed: Record<string, Json>, provider: string): Record<string, Json> {
  const body = structuredClone(seed);
  if (!r.modelInPath) body.model = `${provider}.test-model`;
  return body;
}

// ------------------------------------------------------------------ the app and its upstream

export interface UpstreamCall {
  url: string;
  text: string;
}

/** Which recorded answer an upstream URL gets (count endpoints answer with a bare count). */
function answerFor(url: string, body: string): Response {
  const stream = /"stream"\s*:\s*true/.test(body) || url.includes(':streamGenerateContent');
  const reply = (protocol: ProtocolId) => {
    const { status, headers, body: text } = upstreamReply(protocol, stream ? 'stream-text' : 'text');
    return new Response(text, { status, headers });
  };
  if (url.includes('/responses/input_tokens')) return Response.json({ object: 'response.input_tokens', input_tokens: 7 });
  if (url.includes('/messages/count_tokens')) return Response.json({ input_tokens: 7 });
  if (url.includes(':countTokens')) return Response.json({ totalTokens: 7 });
  if (url.includes('/chat/completions')) return reply('openai-chat-completions');
  if (url.includes('/responses')) return reply('openai-responses');
  if (url.includes('/messages')) return reply('claude');
  return reply('gemini');
}

export const upstreamCalls: UpstreamCall[] = [];

const app = createApp({
  tokenizer: nodeO200kTokenizer,
  fetch: async (request) => {
    const text = await request.text();
    upstreamCalls.push({ url: request.url, text });
    return answerFor(request.url, text);
  },
});
const env = envWith(configFor('https://upstream.test'));

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  /** Upstream calls this request made. */
  calls: UpstreamCall[];
}

/** One request through the gateway; `body` undefined sends none. */
export async function send(path: string, body: string | undefined, method = 'POST'): Promise<Answer> {
  upstreamCalls.length = 0;
  const headers: Record<string, string> = { authorization: 'Bearer k-main' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.fetch(new Request(`http://gateway.test${path}`, { method, headers, body }), env);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, calls: [...upstreamCalls] };
}

// ------------------------------------------------------------------ assertions

/** A client error in the family's own envelope, and nothing sent upstream. */
export function expectRefused(family: Family, answer: Answer, statuses: readonly number[] = [400, 404, 405, 413]): Record<string, unknown> {
  const where = `${answer.status} ${answer.text.slice(0, 300)}`;
  expect(statuses, where).toContain(answer.status);
  expect(answer.calls, where).toEqual([]);
  expect(answer.contentType, where).toContain('application/json');
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  expectEnvelope(family, answer.status, body);
  return body;
}

/** Exactly the envelope each family's SDKs parse. */
export function expectEnvelope(family: Family, status: number, body: Record<string, unknown>): void {
  const error = body.error as Record<string, unknown>;
  switch (family) {
    case 'openai':
      expect(Object.keys(body)).toEqual(['error']);
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(typeof error.message).toBe('string');
      expect(typeof error.type).toBe('string');
      expect(error.param === null || typeof error.param === 'string').toBe(true);
      expect(error.code === null || typeof error.code === 'string').toBe(true);
      return;
    case 'claude':
      expect(Object.keys(body).sort()).toEqual(['error', 'type']);
      expect(body.type).toBe('error');
      expect(Object.keys(error).sort()).toEqual(['message', 'type']);
      expect(typeof error.type).toBe('string');
      expect(typeof error.message).toBe('string');
      return;
    case 'gemini':
      expect(Object.keys(body)).toEqual(['error']);
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'status']);
      expect(error.code).toBe(status);
      expect(typeof error.message).toBe('string');
      expect(typeof error.status).toBe('string');
  }
}

/** The message of an error body of any family. */
export function messageOf(body: Record<string, unknown>): string {
  return String((body.error as { message?: unknown }).message);
}
