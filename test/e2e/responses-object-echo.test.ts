// The Response object a Responses client gets from a converted answer (here the Claude upstream
// fixtures) carries every field OpenAI always returns, typed as OpenAI types them, and echoes the
// request's settings: non-stream, and the `response` of every lifecycle event of a stream.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sseData } from '../helpers/fixtures.ts';
import { sendThrough } from '../helpers/send-through.ts';

type Json = Record<string, unknown>;

const isInt = (v: unknown) => Number.isInteger(v);
const isString = (v: unknown) => typeof v === 'string';
const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullOr = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);

/** The fields of defect 6, each with the type OpenAI gives it. */
const FIELD_TYPES: Record<string, (v: unknown) => boolean> = {
  truncation: (v) => v === 'auto' || v === 'disabled',
  background: (v) => typeof v === 'boolean',
  service_tier: isString,
  top_logprobs: isInt,
  max_tool_calls: nullOr(isInt),
  safety_identifier: nullOr(isString),
  prompt_cache_key: nullOr(isString),
  completed_at: nullOr(isInt),
  presence_penalty: (v) => typeof v === 'number',
  frequency_penalty: (v) => typeof v === 'number',
  temperature: (v) => typeof v === 'number',
  top_p: (v) => typeof v === 'number',
  instructions: nullOr(isString),
  metadata: isRecord,
  store: (v) => typeof v === 'boolean',
  previous_response_id: (v) => v === null,
  user: nullOr(isString),
  tools: Array.isArray,
  text: isRecord,
  reasoning: nullOr(isRecord),
  parallel_tool_calls: (v) => typeof v === 'boolean',
  max_output_tokens: nullOr(isInt),
};

function expectAllFields(response: Json): void {
  const wrong = Object.entries(FIELD_TYPES).filter(([field, check]) => !(field in response) || !check(response[field])).map(([field]) => `${field}=${JSON.stringify(response[field])}`);
  expect(wrong).toEqual([]);
}

const TOOL = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false };

const FULL = {
  model: 'claude.test-model',
  input: [{ role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] }],
  instructions: 'Answer in one sentence.',
  metadata: { session: 'sess-42', team: 'docs' },
  temperature: 0.4,
  top_p: 0.9,
  max_output_tokens: 300,
  max_tool_calls: 3,
  tools: [TOOL],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  user: 'user-7',
  safety_identifier: 'sid-7',
  prompt_cache_key: 'pck-7',
};

/** What FULL must come back with. */
const FULL_ECHO = {
  instructions: 'Answer in one sentence.',
  metadata: { session: 'sess-42', team: 'docs' },
  temperature: 0.4,
  top_p: 0.9,
  max_output_tokens: 300,
  max_tool_calls: 3,
  tools: [{ type: 'function', name: 'get_weather', description: null, parameters: TOOL.parameters, strict: false }],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  user: 'user-7',
  safety_identifier: 'sid-7',
  prompt_cache_key: 'pck-7',
  previous_response_id: null,
};

/** OpenAI's values for a request that sets nothing (the recorded text.response.json has exactly these). */
const DEFAULTS = {
  instructions: null,
  metadata: {},
  temperature: 1,
  top_p: 1,
  max_tool_calls: null,
  tools: [],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  user: null,
  safety_identifier: null,
  prompt_cache_key: null,
  previous_response_id: null,
  truncation: 'disabled',
  service_tier: 'default',
  top_logprobs: 0,
  presence_penalty: 0,
  frequency_penalty: 0,
  background: false,
  // OpenAI's default, and what the gateway does: the response is stored.
  store: true,
  reasoning: { effort: null, summary: null },
  text: { format: { type: 'text' }, verbosity: 'medium' },
};

const MINIMAL = { model: 'claude.test-model', input: 'hello' };

beforeEach(() => {
  // Conversions log what they drop (the header carries it too); expected here, and noise.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('non-stream: a converted Claude answer as a Response object', () => {
  it('has every field, typed, and echoes instructions, metadata, temperature, top_p and the other settings', async () => {
    const { response, json } = await sendThrough('/openai/v1/responses', FULL, { scenario: 'text' });
    expect(response.status).toBe(200);
    expectAllFields(json);
    expect(json).toMatchObject({ status: 'completed', ...FULL_ECHO });
    expect(json.completed_at).toBeGreaterThanOrEqual(json.created_at);
  });

  it('a request that sets nothing gets OpenAI\'s defaults', async () => {
    const { json } = await sendThrough('/openai/v1/responses', MINIMAL, { scenario: 'text' });
    expectAllFields(json);
    expect(json).toMatchObject(DEFAULTS);
  });

  it('settings the gateway drops report what applied, not what was asked (warned in the header)', async () => {
    const asked = { ...MINIMAL, store: true, service_tier: 'flex', truncation: 'auto', top_logprobs: 5, background: false };
    const { json, warnings } = await sendThrough('/openai/v1/responses', asked, { scenario: 'text' });
    expectAllFields(json);
    expect(json).toMatchObject({ service_tier: 'default', truncation: 'disabled', top_logprobs: 0, background: false });
    for (const field of ['service_tier', 'truncation', 'top_logprobs']) expect(warnings).toContain(field);
    // `store` is not dropped: the gateway keeps the response itself (stored-responses tests).
    expect(json.store).toBe(true);
    expect(warnings).not.toMatch(/(^|; )store:/);
  });

  it('an answer cut by the output limit is incomplete: completed_at is null', async () => {
    const { json } = await sendThrough('/openai/v1/responses', FULL, { scenario: 'max-tokens' });
    expectAllFields(json);
    expect(json).toMatchObject({ status: 'incomplete', completed_at: null, ...FULL_ECHO });
  });
});

describe('stream: the response of every lifecycle event', () => {
  const lifecycle = (events: Json[]) => events.filter((e) => isRecord(e.response));

  it('created, in_progress and completed all carry every field and the echo', async () => {
    const { response, json } = await sendThrough('/openai/v1/responses', { ...FULL, stream: true }, { scenario: 'stream-text' });
    expect(response.status).toBe(200);
    const events = lifecycle(sseData(String(json)) as Json[]);
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.in_progress', 'response.completed']);
    for (const event of events) {
      const body = event.response as Json;
      expectAllFields(body);
      expect(body).toMatchObject(FULL_ECHO);
      expect(body.completed_at === null).toBe(event.type !== 'response.completed');
    }
  });

  it('defaults, and response.failed after an upstream error mid-stream', async () => {
    const { json } = await sendThrough('/openai/v1/responses', { ...MINIMAL, stream: true }, { scenario: 'stream-error-after-output' });
    const events = lifecycle(sseData(String(json)) as Json[]);
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    for (const event of events) {
      expectAllFields(event.response as Json);
      expect(event.response).toMatchObject({ ...DEFAULTS, completed_at: null });
    }
  });
});
