// Model aliases as each official SDK sees them: a client that sends its own model names
// (Claude Code's `claude-…`, Gemini CLI's `gemini-…`, in Gemini's URL path) reaches the
// configured target the alias names — an exact alias before any prefix, prefixes in the order
// the config writes them, an array tried in order — and a name that is neither a model nor an
// alias gets the gateway's own error in the client's protocol, without an upstream request.
// Every prompt is the case's own: session affinity keys on the first turn, and would send the
// next case of a failed-over chain straight to its fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { configFor, GATEWAY_KEY, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { SDK_ERROR, ask, errorEnvelope, type Outcome } from '../helpers/routing-sdk.ts';
import { startScriptedUpstream, status, type ScriptedRequest, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';

const TEXT = 'Hello from the upstream.';
const UPSTREAM = 'x-any-api-upstream';
const ATTEMPTS = 'x-any-api-attempts';

/** Written in this order on purpose: prefixes are tried in the order the config writes them. */
const ALIASES = {
  'claude-sonnet-4-5': 'claude.test-model',
  'gemini-2.5-flash*': 'claude.gpt-5.2',
  'claude-*': 'chat.gpt-5.2',
  'claude-opus-*': 'gemini.test-model',
  'gemini-*': ['gemini.down', 'responses.test-model'],
  'gpt-*': ['responses.gpt-5.2', 'gemini.down'],
};

let upstream: ScriptedUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  const config: AnyApiConfig = { ...configFor(upstream.url), aliases: ALIASES };
  for (const provider of Object.values(config.providers)) provider.options = { retry: { attempts: 2, backoffMs: 1 } };
  config.providers.gemini!.models.down = { upstreamModel: 'down' };
  upstream.on('down', () => status(503));
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

/** The answer to one question, and the upstream requests it caused as [protocol, upstream model]. */
async function route(inbound: ProtocolId, model: string, stream = false): Promise<{ out: Outcome; sent: Array<[ScriptedRequest['protocol'], string]> }> {
  const before = upstream.requests.length;
  const out = await ask(inbound, gateway.url, model, { stream, prompt: `Say hello as ${model} (${inbound}, stream ${stream})` });
  return { out, sent: upstream.requests.slice(before).map((r) => [r.protocol, r.model]) };
}

describe.each(PROTOCOL_IDS)('%s SDK', (inbound) => {
  it('an exact alias reaches its target', async () => {
    const { out, sent } = await route(inbound, 'claude-sonnet-4-5');
    expect(out.error).toBeUndefined();
    expect(out.text).toBe(TEXT);
    expect(sent).toEqual([['claude', 'test-model']]);
    expect(out.headers.get(UPSTREAM)).toBe('claude.test-model');
    expect(out.headers.get(ATTEMPTS)).toBe('1');
    // Gemini clients name the model in the URL path, and the alias is found there.
    if (inbound === 'gemini') expect(out.path).toBe('/gemini/v1beta/models/claude-sonnet-4-5:generateContent');
  });

  it('a dated model name reaches the prefix alias it starts with', async () => {
    const { out, sent } = await route(inbound, 'claude-haiku-4-5-20251001');
    expect(out.text).toBe(TEXT);
    expect(sent).toEqual([['openai-chat-completions', 'gpt-5.2-upstream']]);
    expect(out.headers.get(UPSTREAM)).toBe('chat.gpt-5.2');
  });

  it('an exact alias wins over a prefix that also matches it', async () => {
    // `claude-sonnet-4-5` starts with `claude-` too; the same name with a date suffix does not match exactly.
    const exact = await route(inbound, 'claude-sonnet-4-5');
    const prefixed = await route(inbound, 'claude-sonnet-4-5-20250929');
    expect([exact.out.headers.get(UPSTREAM), prefixed.out.headers.get(UPSTREAM)]).toEqual(['claude.test-model', 'chat.gpt-5.2']);
  });

  it('prefixes are tried in the order written: an earlier one wins, a longer later one never does', async () => {
    const earlier = await route(inbound, 'gemini-2.5-flash-lite');
    expect(earlier.sent).toEqual([['claude', 'gpt-5.2-upstream']]);
    expect(earlier.out.headers.get(UPSTREAM)).toBe('claude.gpt-5.2');
    const later = await route(inbound, 'claude-opus-4-1');
    expect(later.sent).toEqual([['openai-chat-completions', 'gpt-5.2-upstream']]);
    expect(later.out.headers.get(UPSTREAM)).toBe('chat.gpt-5.2');
  });

  it.each([false, true])('an array alias fails over in order (stream: %s): its first target is tried twice, then the next answers', async (stream) => {
    const { out, sent } = await route(inbound, 'gemini-2.5-pro', stream);
    expect(out.error).toBeUndefined();
    expect(out.text).toBe(TEXT);
    expect(sent).toEqual([['gemini', 'down'], ['gemini', 'down'], ['openai-responses', 'test-model']]);
    expect(out.headers.get(UPSTREAM)).toBe('responses.test-model');
    expect(out.headers.get(ATTEMPTS)).toBe('3');
    if (inbound === 'gemini') expect(out.path).toBe(`/gemini/v1beta/models/gemini-2.5-pro:${stream ? 'streamGenerateContent' : 'generateContent'}`);
  });

  it('an array alias whose first target answers never asks the next', async () => {
    const { out, sent } = await route(inbound, 'gpt-5-codex');
    expect(out.text).toBe(TEXT);
    expect(sent).toEqual([['openai-responses', 'gpt-5.2-upstream']]);
    expect(out.headers.get(UPSTREAM)).toBe('responses.gpt-5.2');
    expect(out.headers.get(ATTEMPTS)).toBe('1');
  });

  it.each([
    ['nonexistent-model', 400],
    ['chat.nonexistent-model', 404],
  ])('%s, neither a model nor an alias: HTTP %i in the client protocol, no upstream request', async (model, expected) => {
    const { out, sent } = await route(inbound, model);
    expect(out.status).toBe(expected);
    expect(out.error).toBeInstanceOf(SDK_ERROR[inbound]);
    expect(out.errorBody).toMatchObject(errorEnvelope(inbound, expect.stringContaining(`"${model}"`)));
    expect(sent).toEqual([]);
  });
});
