// Codex's freeform `custom` tool (apply_patch) through an upstream that has no such thing:
// it goes out as a function with one string parameter, and its call comes back
// to the client as a `custom_tool_call` with the raw input — streamed or not; the call and
// its `custom_tool_call_output` in the next turn's history map to a tool call and result.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { configFor } from '../helpers/gateway.ts';
import { envWith } from '../helpers/in-process.ts';

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch';
const APPLY_PATCH = { type: 'custom' as const, name: 'apply_patch', description: 'Apply a patch', format: { type: 'grammar' as const, syntax: 'lark' as const, definition: 'start: /.+/s' } };
const claudeAnswer = {
  id: 'msg_1', type: 'message', role: 'assistant', model: 'test-model', stop_reason: 'tool_use', stop_sequence: null,
  content: [{ type: 'tool_use', id: 'toolu_01', name: 'apply_patch', input: { input: PATCH } }], usage: { input_tokens: 10, output_tokens: 20 },
};
const claudeStream = [
  ['message_start', { type: 'message_start', message: { ...claudeAnswer, content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } }],
  ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_01', name: 'apply_patch', input: {} } }],
  ...JSON.stringify({ input: PATCH }).match(/.{1,9}/gs)!.map((partial_json) => ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json } }]),
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  ['message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } }],
  ['message_stop', { type: 'message_stop' }],
].map(([event, data]) => `event: ${event as string}\ndata: ${JSON.stringify(data)}\n\n`).join('');

function gatewayClient() {
  const sent: Array<Record<string, any>> = [];
  const app = createApp({
    fetch: async (request) => {
      const body = (await request.json()) as Record<string, any>;
      sent.push(body);
      return body.stream ? new Response(claudeStream, { headers: { 'content-type': 'text/event-stream' } }) : Response.json(claudeAnswer);
    },
  });
  const env = envWith(configFor('https://upstream.test'));
  const client = new OpenAI({ baseURL: 'http://gateway.test/openai/v1', apiKey: 'k-main', maxRetries: 0, fetch: (input, init) => app.fetch(new Request(input, init), env) });
  return { client, sent };
}

const request = { model: 'claude.test-model', input: 'add hello.txt', tools: [APPLY_PATCH] };

describe('Codex custom tool → Claude upstream', () => {
  it('goes out as a function with one string parameter', async () => {
    const { client, sent } = gatewayClient();
    await client.responses.create(request);
    expect(sent[0]!.tools).toEqual([{ name: 'apply_patch', description: 'Apply a patch', input_schema: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] } }]);
  });

  it('non-stream: the call comes back as custom_tool_call with the raw input', async () => {
    const { client } = gatewayClient();
    const response = await client.responses.create(request);
    expect(response.output).toMatchObject([{ type: 'custom_tool_call', call_id: 'toolu_01', name: 'apply_patch', input: PATCH }]);
  });

  it('stream: the same custom_tool_call, assembled by the SDK\'s stream helper', async () => {
    const { client } = gatewayClient();
    const response = await client.responses.stream(request).finalResponse();
    expect(response.output).toMatchObject([{ type: 'custom_tool_call', call_id: 'toolu_01', name: 'apply_patch', input: PATCH }]);
  });

  it('next turn: custom_tool_call + custom_tool_call_output become tool_use + tool_result', async () => {
    const { client, sent } = gatewayClient();
    await client.responses.create({
      ...request,
      input: [
        { role: 'user', content: 'add hello.txt' },
        { type: 'custom_tool_call', call_id: 'toolu_01', name: 'apply_patch', input: PATCH },
        { type: 'custom_tool_call_output', call_id: 'toolu_01', output: 'Done!' },
      ],
    });
    const [, assistant, user] = sent[0]!.messages;
    expect(assistant.content).toEqual([{ type: 'tool_use', id: 'toolu_01', name: 'apply_patch', input: { input: PATCH } }]);
    expect(user.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_01', content: 'Done!' });
  });
});
