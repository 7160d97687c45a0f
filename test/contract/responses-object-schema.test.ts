// Strict readers of the Responses API (zod/pydantic models, Open Responses validators) accept
// what the gateway answers: for every converting upstream type, every answer fixture of that
// upstream, streamed or not, and every Responses client fixture, the Response object (or each
// lifecycle event's `response`) passes the zod model in openai-response-object.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { fixtureFiles, readFixtureJson, sseData } from '../helpers/fixtures.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { sendThrough } from '../helpers/send-through.ts';
import { responseObjectIssues } from './openai-response-object.ts';

type Json = Record<string, unknown>;

const UPSTREAMS: ProtocolId[] = ['openai-chat-completions', 'claude', 'gemini'];

/** Answers that reach the client as a Response: everything but HTTP errors and streams failing before any output. */
function answerCases(protocol: ProtocolId): { name: string; stream: boolean }[] {
  return fixtureFiles(protocol, /\.response\.(json|sse)$/)
    .map((file) => file.replace(/\.response\.(json|sse)$/, ''))
    .filter((name) => !name.startsWith('error-') && name !== 'stream-error-before-output')
    .map((name) => ({ name, stream: name.startsWith('stream-') }));
}

/** The client bodies: recorded clients' requests plus one that sets every echoed setting. */
const CLIENTS: Record<string, Json> = {
  ...Object.fromEntries(fixtureFiles('openai-responses', /^client-.*\.request\.json$/).map((file) => [file.replace('.request.json', ''), readFixtureJson('openai-responses', file)])),
  'every setting': {
    input: 'Weather in Paris?',
    instructions: 'Be brief.',
    metadata: { run: '1' },
    temperature: 0.2,
    top_p: 0.5,
    max_output_tokens: 500,
    tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }],
    tool_choice: { type: 'function', name: 'get_weather' },
    text: { format: { type: 'json_schema', name: 'weather', schema: { type: 'object', properties: { city: { type: 'string' } } } } },
    reasoning: { effort: 'low', summary: 'auto' },
    user: 'u-1',
    prompt_cache_key: 'k-1',
  },
};

/** The Response objects in an answer: the body, or each event's `response`. */
function responseObjects(stream: boolean, answer: unknown): Json[] {
  if (!stream) return [answer as Json];
  return (sseData(String(answer)) as Json[]).filter((e) => typeof e.response === 'object' && e.response !== null).map((e) => e.response as Json);
}

beforeEach(() => {
  // Conversions log what they drop; expected here, and noise.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(UPSTREAMS)('Responses client ← %s upstream: every Response object passes the strict model', (upstream) => {
  it.each(answerCases(upstream))('$name', async ({ name, stream }) => {
    for (const [client, body] of Object.entries(CLIENTS)) {
      const request = { ...body, model: `${PROVIDER_ID[upstream]}.test-model`, stream };
      const { response, json } = await sendThrough('/openai/v1/responses', request, { scenario: name });
      expect(response.status, `${client}: ${JSON.stringify(json).slice(0, 300)}`).toBe(200);
      const objects = responseObjects(stream, json);
      // A stream has created, in_progress and one terminal event.
      expect(objects.length, client).toBe(stream ? 3 : 1);
      for (const object of objects) expect(responseObjectIssues(object), `${client} (${String(object.status)})`).toBe('');
    }
  });
});

describe('the zod model is strict where it matters', () => {
  it('refuses the old gateway shape: null temperature/top_p, no truncation, service_tier, completed_at…', async () => {
    const { json } = await sendThrough('/openai/v1/responses', { model: 'claude.test-model', input: 'hi' }, { scenario: 'text' });
    expect(responseObjectIssues(json)).toBe('');
    const old = { ...json, temperature: null, top_p: null } as Json;
    for (const field of ['truncation', 'service_tier', 'completed_at', 'presence_penalty', 'metadata']) delete old[field];
    const issues = responseObjectIssues(old);
    for (const field of ['temperature', 'top_p', 'truncation', 'service_tier', 'completed_at', 'presence_penalty', 'metadata']) expect(issues).toContain(`${field}:`);
    expect(responseObjectIssues({ ...json, status: 'incomplete' })).toContain('completed_at');
  });
});
