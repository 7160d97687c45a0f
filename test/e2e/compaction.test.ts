// Compaction through the official `openai` SDK on every upstream type: `/responses/compact` and
// a final `compaction_trigger` give back exactly one `compaction` item — emulated (one
// summarising turn, sealed by the gateway) on Chat, Claude, Gemini and a Responses upstream with
// quirks.noCompaction, passed through to a Responses upstream that has compaction. The item, sent
// back in a later request, reaches every upstream as the summary, without what came before it.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { SUMMARY_INSTRUCTION, SUMMARY_PREAMBLE } from '../../src/compaction/compaction-items.ts';
import { COMPACT_PATH, startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { readFixtureJson } from '../helpers/fixtures.ts';
import { OTHER_KEY } from '../helpers/responses-turns.ts';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from '../helpers/gateway.ts';

type Item = OpenAI.Responses.ResponseInputItem;
const EARLIER = 'My cat is called Mistigri and she hates Mondays.';
const NEXT = 'What should I cook tonight?';
/** The text answer of the conversion upstream's `text` scenario: the summary the model "writes". */
const SUMMARY = 'Hello from the upstream.';
const CONVERSATION: Item[] = [
  { role: 'user', content: EARLIER },
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Noted.', annotations: [] }], id: 'msg_1', status: 'completed' },
];
const EMULATED = ['chat', 'claude', 'gemini', 'noncompacting'] as const;
const PROTOCOL = { chat: 'openai-chat-completions', claude: 'claude', gemini: 'gemini', noncompacting: 'openai-responses', responses: 'openai-responses' } as const;
/** What the upstream's compact answer holds (the documented shape). */
const UPSTREAM_COMPACTED = readFixtureJson<{ output: Array<{ type: string; encrypted_content?: string }> }>('openai-responses', 'compact.compacted.json');
const UPSTREAM_ENVELOPE = UPSTREAM_COMPACTED.output.find((item) => item.type === 'compaction')!.encrypted_content!;

let upstream: ConversionUpstream;
let gateway: RunningGateway;
const client = (key = GATEWAY_KEY) => new OpenAI({ baseURL: `${gateway.url}/openai/v1`, apiKey: key, maxRetries: 0 });

beforeAll(async () => {
  upstream = await startConversionUpstream();
  const config: AnyApiConfig = configFor(upstream.url);
  // The same Responses upstream, declared as one without compaction: the gateway emulates it.
  config.providers.noncompacting = { ...config.providers.responses!, quirks: { noCompaction: true } };
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEYS: `${GATEWAY_KEY},${OTHER_KEY}`, ANY_API_SECRET: 'test-compaction-secret' });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
  expect(upstream.invalid).toEqual([]);
});

function onlyCompaction(output: readonly { type: string }[]): OpenAI.Responses.ResponseCompactionItem {
  const compactions = output.filter((item) => item.type === 'compaction');
  expect(compactions).toHaveLength(1);
  return compactions[0] as OpenAI.Responses.ResponseCompactionItem;
}

/** A compaction_trigger turn, streamed or not: the final Response either way. */
async function triggerTurn(model: string, stream: boolean): Promise<OpenAI.Responses.Response> {
  const params = { model, input: [...CONVERSATION, { type: 'compaction_trigger' } as unknown as Item] };
  if (!stream) return client().responses.create(params);
  let final: OpenAI.Responses.Response | undefined;
  const types: string[] = [];
  for await (const event of await client().responses.create({ ...params, stream: true })) {
    types.push(event.type);
    if (event.type === 'response.completed') final = event.response;
  }
  expect(types).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.output_item.done', 'response.completed']);
  if (!final) throw new Error('the stream had no response.completed');
  return final;
}

const upstreamText = () => JSON.stringify(upstream.last().body);

describe.each(EMULATED)('%s upstream: compaction emulated by the gateway', (provider) => {
  const model = `${provider}.test-model`;

  it('/responses/compact: one summarising turn on the model, exactly one sealed compaction item back', async () => {
    upstream.scenario = 'text';
    const compacted = await client().responses.compact({ model, input: CONVERSATION });
    expect(compacted.object).toBe('response.compaction');
    expect(compacted.output).toHaveLength(1);
    const item = onlyCompaction(compacted.output);
    expect(item.encrypted_content.startsWith('v1.')).toBe(true);
    expect(item.encrypted_content).not.toContain(SUMMARY);
    const sent = upstream.last();
    expect(sent.protocol).toBe(PROTOCOL[provider]);
    expect(sent.path).not.toBe(COMPACT_PATH);
    expect(JSON.stringify(sent.body)).toContain(EARLIER);
    expect(JSON.stringify(sent.body)).toContain(SUMMARY_INSTRUCTION);
  });

  it.each([false, true])('compaction_trigger (stream: %s): a Response whose output is exactly one compaction item', async (stream) => {
    upstream.scenario = 'text';
    const response = await triggerTurn(model, stream);
    expect(response.status).toBe('completed');
    expect(response.output).toHaveLength(1);
    expect(onlyCompaction(response.output).encrypted_content.startsWith('v1.')).toBe(true);
    expect(upstreamText()).toContain(SUMMARY_INSTRUCTION);
    expect(upstreamText()).not.toContain('compaction_trigger');
  });

  it('a follow-up carrying the item: the upstream gets the summary and the new input, nothing from before the item', async () => {
    upstream.scenario = 'text';
    const item = onlyCompaction((await client().responses.compact({ model, input: CONVERSATION })).output);
    const answer = await client().responses.create({
      model,
      input: [{ role: 'user', content: 'Dropped: this came before the compaction item.' }, item as unknown as Item, { role: 'user', content: NEXT }],
    });
    expect(answer.output_text).toBe(SUMMARY);
    const text = upstreamText();
    expect(text).toContain(SUMMARY_PREAMBLE);
    expect(text).toContain(SUMMARY);
    expect(text).toContain(NEXT);
    expect(text).not.toContain('Dropped');
    expect(text).not.toContain(item.encrypted_content);
  });
});

describe('stored turns', () => {
  it.each([false, true])('previous_response_id after a compaction_trigger turn (stream: %s): the upstream gets the summary, not the turns before it', async (stream) => {
    upstream.scenario = 'text';
    const compacted = await triggerTurn('claude.test-model', stream);
    await client().responses.create({ model: 'claude.test-model', previous_response_id: compacted.id, input: NEXT });
    const text = upstreamText();
    expect(text).toContain(SUMMARY_PREAMBLE);
    expect(text).toContain(NEXT);
    expect(text).not.toContain(EARLIER);
  });
});

describe('responses upstream with compaction of its own: passed through', () => {
  const model = 'responses.test-model';

  it('/responses/compact is forwarded to the upstream, and its answer relayed', async () => {
    const compacted = await client().responses.compact({ model, input: CONVERSATION });
    const sent = upstream.last();
    expect(sent.path).toBe(COMPACT_PATH);
    expect((sent.body as { model?: string }).model).toBe('test-model');
    expect(JSON.stringify(sent.body)).toContain(EARLIER);
    expect(onlyCompaction(compacted.output).encrypted_content).toBe(UPSTREAM_ENVELOPE);
  });

  it('a compaction_trigger goes to the upstream as it is', async () => {
    upstream.scenario = 'text';
    await client().responses.create({ model, input: [...CONVERSATION, { type: 'compaction_trigger' } as unknown as Item] });
    expect(upstream.last().path).toBe('/v1/responses');
    expect((upstream.last().body as { input: Array<{ type?: string }> }).input.at(-1)).toEqual({ type: 'compaction_trigger' });
  });

  it('previous_response_id after a passed-through compaction_trigger turn: the spent trigger is not sent again', async () => {
    upstream.scenario = 'text';
    const first = await client().responses.create({ model, input: [...CONVERSATION, { type: 'compaction_trigger' } as unknown as Item] });
    await client().responses.create({ model, previous_response_id: first.id, input: NEXT });
    expect(upstreamText()).not.toContain('compaction_trigger');
    expect(upstreamText()).toContain(NEXT);
  });

  it("the upstream's own compaction item passes through untouched, with the items before it", async () => {
    upstream.scenario = 'text';
    const theirs = { type: 'compaction', id: 'cmp_upstream', encrypted_content: UPSTREAM_ENVELOPE } as unknown as Item;
    await client().responses.create({ model, input: [{ role: 'user', content: EARLIER }, theirs, { role: 'user', content: NEXT }] });
    const text = upstreamText();
    expect(text).toContain(UPSTREAM_ENVELOPE);
    expect(text).toContain(EARLIER);
  });

  it("the gateway's own compaction item is expanded for it too", async () => {
    upstream.scenario = 'text';
    const ours = onlyCompaction((await client().responses.compact({ model: 'chat.test-model', input: CONVERSATION })).output);
    await client().responses.create({ model, input: [ours as unknown as Item, { role: 'user', content: NEXT }] });
    expect(upstream.last().path).toBe('/v1/responses');
    expect(upstreamText()).toContain(SUMMARY_PREAMBLE);
    expect(upstreamText()).not.toContain(ours.encrypted_content);
  });
});

describe('envelopes the gateway will not open', () => {
  async function ourItem(): Promise<OpenAI.Responses.ResponseCompactionItem> {
    upstream.scenario = 'text';
    return onlyCompaction((await client().responses.compact({ model: 'claude.test-model', input: CONVERSATION })).output);
  }

  it.each(['claude', 'responses'])('a tampered envelope is a 400 on input (%s upstream), and nothing reaches the upstream', async (provider) => {
    const item = await ourItem();
    const body = item.encrypted_content;
    const tampered = { ...item, encrypted_content: `${body.slice(0, 20)}${body[20] === 'A' ? 'g' : 'A'}${body.slice(21)}` };
    const before = upstream.requests.length;
    await expect(client().responses.create({ model: `${provider}.test-model`, input: [tampered as unknown as Item, { role: 'user', content: NEXT }] }))
      .rejects.toMatchObject({ status: 400, param: 'input', code: 'invalid_encrypted_content' });
    expect(upstream.requests.length).toBe(before);
  });

  it("another gateway key's compaction item does not open (400)", async () => {
    const item = await ourItem();
    await expect(client(OTHER_KEY).responses.create({ model: 'gemini.test-model', input: [item as unknown as Item] }))
      .rejects.toMatchObject({ status: 400, param: 'input' });
  });

  it("input_tokens counts the gateway's item as its summary (a converted upstream would refuse an unopened item)", async () => {
    const item = await ourItem();
    const count = await client().responses.inputTokens.count({ model: 'chat.test-model', input: [item as unknown as Item, { role: 'user', content: NEXT }] });
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it("OpenAI's own compaction item sent to a converted upstream is a 400, not silently dropped", async () => {
    const theirs = { type: 'compaction', encrypted_content: UPSTREAM_ENVELOPE } as unknown as Item;
    await expect(client().responses.create({ model: 'chat.test-model', input: [theirs, { role: 'user', content: NEXT }] }))
      .rejects.toMatchObject({ status: 400, param: 'input' });
  });

  it('a compaction_trigger that is not the final input item is a 400', async () => {
    await expect(client().responses.create({ model: 'chat.test-model', input: [{ type: 'compaction_trigger' } as unknown as Item, { role: 'user', content: NEXT }] }))
      .rejects.toMatchObject({ status: 400 });
  });
});
