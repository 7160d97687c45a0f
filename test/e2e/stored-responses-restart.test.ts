// Stored Responses on Node outlive the process: the real gateway (`npm start`) on a SQLite file
// in a temp dir stores turns through the `openai` SDK, is stopped with SIGTERM, and a new
// process on the same file serves GET /responses/{id} and expands `previous_response_id` for
// the upstream. The file is not created before the first stored response.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startConversionUpstream, type ConversionUpstream } from '../helpers/conversion-upstream.ts';
import { GATEWAY_KEY, configFor } from '../helpers/gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';

const QUESTION = 'What is the weather in Paris?';
const FOLLOW_UP = 'And tomorrow?';
/** The assistant text of the `text` recordings, streamed or not. */
const ANSWER = 'Hello from the upstream.';

let upstream: ConversionUpstream;
let dir: string;
let storePath: string;
const gateways: GatewayProcess[] = [];

beforeAll(async () => {
  upstream = await startConversionUpstream();
  dir = mkdtempSync(join(tmpdir(), 'any-api-store-'));
  // A directory that does not exist yet: the gateway makes it along with the file.
  storePath = join(dir, 'data', 'responses.sqlite');
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
  expect(upstream.invalid).toEqual([]);
});

async function start(): Promise<{ gateway: GatewayProcess; client: OpenAI }> {
  const gateway = await startGatewayProcess(configFor(upstream.url), { storePath });
  gateways.push(gateway);
  return { gateway, client: new OpenAI({ baseURL: `${gateway.url}/openai/v1`, apiKey: GATEWAY_KEY, maxRetries: 0 }) };
}

async function streamed(client: OpenAI, params: OpenAI.Responses.ResponseCreateParamsNonStreaming): Promise<OpenAI.Responses.Response> {
  let final: OpenAI.Responses.Response | undefined;
  for await (const event of await client.responses.create({ ...params, stream: true })) {
    if (event.type === 'response.completed') final = event.response;
  }
  if (!final) throw new Error('the stream had no response.completed');
  return final;
}

/** The output text (the SDK adds `output_text` to non-stream answers only). */
const textOf = (response: OpenAI.Responses.Response) =>
  response.output.flatMap((item) => (item.type === 'message' ? item.content : [])).map((c) => (c.type === 'output_text' ? c.text : '')).join('');

it('a response stored by one process is read, and continued with previous_response_id, by the next one on the same file', async () => {
  upstream.scenario = 'text';
  const first = await start();

  // Nothing stored yet: a miss and a store:false turn leave no file behind.
  await expect(first.client.responses.retrieve('resp_not_there')).rejects.toMatchObject({ status: 404 });
  await first.client.responses.create({ model: 'claude.test-model', input: QUESTION, store: false });
  expect(existsSync(storePath)).toBe(false);

  const whole = await first.client.responses.create({ model: 'claude.test-model', input: QUESTION });
  expect(existsSync(storePath)).toBe(true);
  const stream = await streamed(first.client, { model: 'chat.test-model', input: QUESTION });
  expect([textOf(whole), textOf(stream)]).toEqual([ANSWER, ANSWER]);

  // SIGTERM the instant the stream has ended: the turn was committed before its last byte.
  first.gateway.kill('SIGTERM');
  expect(await first.gateway.exited).toBe(0);

  const second = await start();
  for (const created of [whole, stream]) {
    const got = await second.client.responses.retrieve(created.id);
    expect(got).toMatchObject({ id: created.id, status: 'completed', output_text: ANSWER });
    const items = await second.client.responses.inputItems.list(created.id);
    expect(JSON.stringify(items.data)).toContain(QUESTION);
  }

  const before = upstream.requests.length;
  const next = await second.client.responses.create({ model: 'claude.test-model', input: FOLLOW_UP, previous_response_id: whole.id });
  expect(next.previous_response_id).toBe(whole.id);
  expect(upstream.requests).toHaveLength(before + 1);
  const sent = upstream.last();
  expect(sent.protocol).toBe('claude');
  // The earlier turn, as Claude messages: the question, the stored answer, then the new input.
  const messages = (sent.body as { messages: Array<{ role: string; content: unknown }> }).messages;
  expect(messages.map((m) => [m.role, JSON.stringify(m.content)])).toEqual([
    ['user', expect.stringContaining(QUESTION)],
    ['assistant', expect.stringContaining(ANSWER)],
    ['user', expect.stringContaining(FOLLOW_UP)],
  ]);
});
