// Anthropic's Message and message_delta carry `stop_details` always: null unless the stop has
// more to say, a RefusalStopDetails object ({type:"refusal", category, explanation}) on a refusal
// (Anthropic's OpenAPI `Message.required` / `MessageDelta.required`; the recorded
// anthropic/refusal.response.json and stream-refusal.chunks.txt). Claude clients of a converted
// answer get it in the whole message, in message_start's message and in message_delta.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HubEvent } from '../../src/hub/hub-events.ts';
import type { HubRequest } from '../../src/hub/hub-request.ts';
import { claudeStreamCodec } from '../../src/protocols/claude/stream-codec.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { runReducer } from '../../src/stream/reducer.ts';
import { sseData } from '../helpers/fixtures.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { sendThrough } from '../helpers/send-through.ts';

type Json = Record<string, unknown>;

const UPSTREAMS: ProtocolId[] = ['openai-chat-completions', 'openai-responses', 'gemini'];
const body = (upstream: ProtocolId, extra: Json = {}) => ({ model: `${PROVIDER_ID[upstream]}.test-model`, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], ...extra });

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(UPSTREAMS)('Claude client ← %s upstream', (upstream) => {
  it.each(['text', 'tool-call', 'max-tokens'])('non-stream %s: stop_details is null', async (scenario) => {
    const { json } = await sendThrough('/claude/v1/messages', body(upstream), { scenario });
    expect(json.type).toBe('message');
    expect(json).toHaveProperty('stop_details', null);
  });

  it.each(['stream-text', 'stream-tool-call'])('%s: null in message_start\'s message and in message_delta', async (scenario) => {
    const { json } = await sendThrough('/claude/v1/messages', body(upstream, { stream: true }), { scenario });
    const events = sseData(String(json)) as Json[];
    const start = events.find((e) => e.type === 'message_start')?.message;
    const delta = events.find((e) => e.type === 'message_delta')?.delta;
    expect(start).toHaveProperty('stop_details', null);
    expect(delta).toHaveProperty('stop_details', null);
  });
});

describe('a refusal: a RefusalStopDetails object (category unknown across protocols: null)', () => {
  it('Chat upstream refusing (refusal text, content_filter) → the refusal text as the explanation', async () => {
    const { json } = await sendThrough('/claude/v1/messages', body('openai-chat-completions'), {
      scenario: () => ({
        id: 'chatcmpl-1', object: 'chat.completion', created: 1795392000, model: 'test-model',
        choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' }, finish_reason: 'content_filter' }],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      }),
    });
    expect(json).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal', category: null, explanation: 'I cannot help with that.' } });
  });

  it('Gemini upstream blocking (SAFETY) → no explanation to give: null', async () => {
    const { json } = await sendThrough('/claude/v1/messages', body('gemini'), {
      scenario: () => ({ candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'SAFETY' }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 0, totalTokenCount: 5 } }),
    });
    expect(json).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal', category: null, explanation: null } });
  });

  it('streamed: message_start says null (nothing has stopped yet), message_delta the refusal', () => {
    const request: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: true };
    const events: HubEvent[] = [
      { type: 'response-start', id: 'resp_1', model: 'test-model', created: 1795392000 },
      { type: 'usage', usage: { input: 5, output: 0 } },
      { type: 'finish', finishReason: { unified: 'content-filter', raw: 'SAFETY' } },
    ];
    const frames = runReducer(claudeStreamCodec.encoder(request), events).map((f) => JSON.parse(f.data) as Json);
    expect(frames.find((e) => e.type === 'message_start')?.message).toHaveProperty('stop_details', null);
    expect(frames.find((e) => e.type === 'message_delta')?.delta).toEqual({
      stop_reason: 'refusal', stop_sequence: null, stop_details: { type: 'refusal', category: null, explanation: null },
    });
  });
});
