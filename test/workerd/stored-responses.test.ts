// Stateful Responses on REAL workerd: the gateway Worker (src/runtime/worker.ts, built by
// wrangler as for deploy) with the RESPONSES Durable Object bound and migrated exactly as
// wrangler.toml.example does, in front of a loopback upstream, through the `openai` SDK. Turn 2
// goes the instant turn 1 ends and the upstream receives the whole history; stored responses
// are read, listed and deleted by the key that made them only.
// Run with `npm run test:workerd` (vitest project "workerd").
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, configFor } from '../helpers/gateway.ts';
import { OTHER_KEY, QUESTION, UPSTREAM_PROTOCOL, expectToolRoundThroughStore, type ProviderName } from '../helpers/responses-turns.ts';
import { exampleTables, startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const UPSTREAMS = Object.keys(UPSTREAM_PROTOCOL) as ProviderName[];

let upstream: ConversionUpstream;
let worker: WranglerDev | undefined;
const client = (key = GATEWAY_KEY) => new OpenAI({ baseURL: `${worker!.url}/openai/v1`, apiKey: key, maxRetries: 0 });

beforeAll(async () => {
  upstream = await startConversionUpstream();
  const config = configFor(upstream.url);
  // A Responses upstream that keeps no state of its own: the gateway expands for it too.
  config.providers.responses!.quirks = { noPreviousResponseId: true };
  worker = await startWranglerDev({
    name: 'any-api-workerd-stored-responses',
    main: join(ROOT, 'src', 'runtime', 'worker.ts'),
    toml: [
      ...exampleTables('[[durable_objects.bindings]]', '[[migrations]]'),
      '[vars]',
      `ANY_API_CONFIG = ${JSON.stringify(JSON.stringify(config))}`,
      `WORKER_AUTH_KEYS = ${JSON.stringify(`${GATEWAY_KEY},${OTHER_KEY}`)}`,
    ].join('\n'),
    readyPath: '/v1/models',
    readyHeaders: { authorization: `Bearer ${GATEWAY_KEY}` },
  });
});

afterAll(async () => {
  if (process.env.SHOW_WRANGLER_OUTPUT) console.log(worker?.output()); // debugging aid
  await worker?.stop();
  await upstream?.close();
  expect(upstream?.invalid ?? []).toEqual([]);
});

describe.each(UPSTREAMS)('%s upstream', (provider) => {
  it.each([false, true])('stream: %s — turn 2 with previous_response_id, sent the instant turn 1 ends: the upstream receives the whole history', (stream) =>
    expectToolRoundThroughStore(client(), upstream, provider, stream));
});

describe('stored responses in the Durable Object', () => {
  it('GET returns the stored response, input_items lists its input, DELETE removes it', async () => {
    upstream.scenario = 'text';
    const created = await client().responses.create({ model: 'claude.test-model', input: QUESTION });
    const got = await client().responses.retrieve(created.id);
    expect(got).toMatchObject({ id: created.id, status: 'completed', output_text: created.output_text });
    expect(got.output_text).not.toBe('');
    const items = await client().responses.inputItems.list(created.id);
    expect(items.data).toHaveLength(1);
    expect(JSON.stringify(items.data[0])).toContain(QUESTION);
    expect(await client().responses.delete(created.id)).toMatchObject({ id: created.id, deleted: true });
    await expect(client().responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(client().responses.delete(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('store: false leaves nothing to retrieve or continue; the same turn stored is there', async () => {
    // The response id comes from the upstream's (the recording's) id, so both turns get the
    // same one: the Gemini text recording's, which no other test here stores.
    upstream.scenario = 'text';
    const dropped = await client().responses.create({ model: 'gemini.test-model', input: QUESTION, store: false });
    await expect(client().responses.retrieve(dropped.id)).rejects.toMatchObject({ status: 404 });
    await expect(client().responses.create({ model: 'gemini.test-model', input: 'and tomorrow?', previous_response_id: dropped.id }))
      .rejects.toMatchObject({ status: 404, code: 'previous_response_not_found' });
    const kept = await client().responses.create({ model: 'gemini.test-model', input: QUESTION });
    expect(kept.id).toBe(dropped.id);
    expect((await client().responses.retrieve(kept.id)).id).toBe(kept.id);
  });

  it('another gateway key gets 404, for GET, input_items, DELETE and previous_response_id; the owner still has it', async () => {
    upstream.scenario = 'text';
    const created = await client().responses.create({ model: 'claude.test-model', input: QUESTION });
    const other = client(OTHER_KEY);
    await expect(other.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.responses.inputItems.list(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.responses.delete(created.id)).rejects.toMatchObject({ status: 404 });
    const before = upstream.requests.length;
    await expect(other.responses.create({ model: 'claude.test-model', input: 'and tomorrow?', previous_response_id: created.id }))
      .rejects.toMatchObject({ status: 404, code: 'previous_response_not_found' });
    expect(upstream.requests).toHaveLength(before);
    expect((await client().responses.retrieve(created.id)).id).toBe(created.id);
  });
});
