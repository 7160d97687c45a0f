// Claude Messages responses ⇔ hub: recorded and fixture answers decode to what a user cares
// about (text, calls, reasons, usage with cache semantics); encoded answers are valid
// Messages and survive hub → Claude → hub.
import { describe, expect, it } from 'vitest';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { encodeReasoningSignature } from '../../../src/hub/reasoning-carrier.ts';
import { claudeCodec } from '../../../src/protocols/claude/codec.ts';
import { validators } from '../../../generated/claude/index.ts';
import { fixtureFiles, readFixtureJson } from '../../helpers/fixtures.ts';

function decode(body: unknown) {
  const warnings = new Warnings();
  return { hub: claudeCodec.decodeResponse(body, warnings), warnings: warnings.list };
}

const REQUEST: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: false };

function encode(response: HubResponse) {
  const warnings = new Warnings();
  const body = claudeCodec.encodeResponse(response, REQUEST, warnings);
  expect(validators.MessagesResponse(body)).toBe(true);
  return { body, warnings: warnings.list };
}

function hubResponse(extra: Partial<HubResponse>): HubResponse {
  return { id: 'resp_1', model: 'gpt-x', output: [], finishReason: { unified: 'stop' }, usage: { input: 10, output: 5 }, created: 1, ...extra };
}

/** What a user cares about in each of our JSON response fixtures. */
const OUR_RESPONSES: Record<string, { text: string[]; calls: [string, Record<string, unknown>][]; finish: string; usage: [number, number, number]; warnings?: string[] }> = {
  text: { text: ['Hello from the upstream.'], calls: [], finish: 'stop', usage: [12, 6, 0] },
  'tool-call': { text: [], calls: [['get_weather', { city: 'Paris' }]], finish: 'tool-calls', usage: [64, 15, 0] },
  'tool-calls-parallel': {
    text: ['Checking three cities.'], finish: 'tool-calls', usage: [80, 40, 0],
    calls: [['get_weather', { city: 'Paris' }], ['get_weather', { city: 'Tokyo' }], ['get_weather', { city: 'Lima' }]],
  },
  'structured-output': { text: ['{"city":"Paris","temperature_c":18}'], calls: [], finish: 'stop', usage: [30, 12, 0] },
  'usage-cache': { text: ['Cached hello.'], calls: [], finish: 'stop', usage: [100, 5, 75] },
  'max-tokens': { text: ['Hello from the'], calls: [], finish: 'length', usage: [12, 3, 0] },
  'text-after-tool': { text: ['It is 18°C in Paris.'], calls: [], finish: 'stop', usage: [90, 9, 0] },
  reasoning: { text: ['Hello from the upstream.'], calls: [], finish: 'stop', usage: [12, 40, 0] },
  'reasoning-tool-call': { text: [], calls: [['get_weather', { city: 'Paris' }]], finish: 'tool-calls', usage: [64, 25, 0] },
  'reasoning-text-tool-call': { text: ['Let me look that up.'], calls: [['get_weather', { city: 'Paris' }]], finish: 'tool-calls', usage: [64, 58, 0] },
  'thinking-followup': { text: ['391 ÷ 17 = 23, the other factor from before.'], calls: [], finish: 'stop', usage: [71, 58, 0] },
  'redacted-thinking': { text: ["I can't act on that phrase, but I'm glad to help with a normal question."], calls: [], finish: 'stop', usage: [88, 171, 0] },
  'tool-call-no-arguments': { text: [], calls: [['get_local_time', {}]], finish: 'tool-calls', usage: [402, 38, 0] },
  'usage-cache-write': { text: ['Keep sentences short and active, and name files for their contents.'], calls: [], finish: 'stop', usage: [6 + 24 + 2210, 19, 2210] },
  'text-stop-sequence': { text: ['1\n2\n3\n4\n'], calls: [], finish: 'stop', usage: [19, 8, 0] },
  refusal: {
    text: [], calls: [], finish: 'content-filter', usage: [23, 4, 0],
    warnings: ['stop_details.category', 'stop_details.recommended_model'],
  },
};

describe('claude responses: every JSON fixture of ours', () => {
  it('the table names every non-error response fixture', () => {
    const names = fixtureFiles('claude', /^(?!error-).*\.response\.json$/).map((f) => f.replace('.response.json', ''));
    expect(names.sort()).toEqual(Object.keys(OUR_RESPONSES).sort());
  });

  it.each(Object.entries(OUR_RESPONSES))('%s: decode, then encode → decode round trip', (name, want) => {
    const raw = readFixtureJson('claude', `${name}.response.json`);
    const { hub, warnings } = decode(raw);
    expect(warnings.map((w) => w.split(':')[0])).toEqual(want.warnings ?? []);
    expect(hub.output.flatMap((o) => (o.type === 'text' ? [o.text] : []))).toEqual(want.text);
    expect(hub.output.flatMap((o) => (o.type === 'tool-call' ? [[o.name, JSON.parse(o.arguments)]] : []))).toEqual(want.calls);
    for (const call of hub.output) if (call.type === 'tool-call') expect(call.id).toMatch(/^toolu_/);
    expect(hub.finishReason).toEqual({ unified: want.finish, raw: raw.stop_reason });
    expect([hub.usage.input, hub.usage.output, hub.usage.cacheRead]).toEqual(want.usage);
    const { body } = encode(hub);
    // Same-protocol fidelity: the Claude fields a client reads come back unchanged.
    expect(body).toMatchObject({ id: raw.id, content: raw.content, stop_reason: raw.stop_reason, stop_sequence: raw.stop_sequence });
    const usage = raw.usage as Record<string, number>;
    expect(body.usage).toEqual({
      input_tokens: usage.input_tokens, output_tokens: usage.output_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens,
    });
    const again = decode(body).hub;
    expect(again.output).toEqual(hub.output);
    expect(again.finishReason).toEqual(hub.finishReason);
    expect({ ...again.usage, raw: undefined }).toEqual({ ...hub.usage, raw: undefined });
  });
});

describe('claude decodeResponse', () => {
  it('text fixture: text, end_turn → stop, usage', () => {
    const { hub, warnings } = decode(readFixtureJson('claude', 'text.response.json'));
    expect(hub).toMatchObject({ id: 'msg_01aFAFRPMuTUkhQYepLEYQ1M', model: 'test-model', output: [{ type: 'text', text: 'Hello from the upstream.' }] });
    expect(hub.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(hub.usage).toMatchObject({ input: 12, output: 6, cacheRead: 0, cacheWrite: 0 });
    expect(hub.stopSequence).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('tool-call fixture: id, name, parsed arguments, tool-calls', () => {
    const { hub } = decode(readFixtureJson('claude', 'tool-call.response.json'));
    expect(hub.output).toEqual([{ type: 'tool-call', id: 'toolu_01SZCmhZqErJtpYKbhPF9myb', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(hub.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(hub.usage).toMatchObject({ input: 64, output: 15 });
  });

  it('tool-call-no-arguments and tool-calls-parallel: every call in order, an empty input as {}', () => {
    expect(decode(readFixtureJson('claude', 'tool-call-no-arguments.response.json')).hub.output).toEqual([
      { type: 'tool-call', id: 'toolu_01qJLsG0UVVQZ8PoiJyoUsBJ4z', name: 'get_local_time', arguments: '{}' },
    ]);
    const { hub } = decode(readFixtureJson('claude', 'tool-calls-parallel.response.json'));
    expect(hub.output.map((o) => o.type)).toEqual(['text', 'tool-call', 'tool-call', 'tool-call']);
    expect(hub.output.flatMap((o) => (o.type === 'tool-call' ? [JSON.parse(o.arguments).city as string] : []))).toEqual(['Paris', 'Tokyo', 'Lima']);
    expect(hub.finishReason.unified).toBe('tool-calls');
  });

  it('reasoning-text-tool-call: reasoning (text + signature) first, then text and the call', () => {
    const { hub } = decode(readFixtureJson('claude', 'reasoning-text-tool-call.response.json'));
    expect(hub.output.map((o) => o.type)).toEqual(['reasoning', 'text', 'tool-call']);
    expect(hub.output[0]).toMatchObject({ origin: 'claude', text: expect.stringMatching(/^The user wants the weather in Paris/), signature: expect.stringMatching(/^EvD6mPZv/) });
  });

  it('thinking-followup and redacted-thinking: reasoning kept with its opaque data', () => {
    expect(decode(readFixtureJson('claude', 'thinking-followup.response.json')).hub.output.map((o) => o.type)).toEqual(['reasoning', 'text']);
    const { hub } = decode(readFixtureJson('claude', 'redacted-thinking.response.json'));
    expect(hub.output[0]).toEqual({ type: 'reasoning', origin: 'claude', redacted: true, encrypted: expect.stringMatching(/^EqsL5cbf/) });
  });

  it('usage-cache-write: hub input includes cache reads and writes', () => {
    const { hub } = decode(readFixtureJson('claude', 'usage-cache-write.response.json'));
    expect(hub.usage).toMatchObject({ input: 6 + 24 + 2210, output: 19, cacheRead: 2210, cacheWrite: 24 });
    expect(hub.usage.raw).toMatchObject({ input_tokens: 6 });
  });

  it('text-stop-sequence: stop with the matched sequence', () => {
    const { hub } = decode(readFixtureJson('claude', 'text-stop-sequence.response.json'));
    expect(hub.finishReason).toEqual({ unified: 'stop', raw: 'stop_sequence' });
    expect(hub.stopSequence).toBe('5');
  });

  it('refusal: content-filter, the explanation as refusal text, the rest of stop_details reported', () => {
    const { hub, warnings } = decode(readFixtureJson('claude', 'refusal.response.json'));
    expect(hub.finishReason).toEqual({ unified: 'content-filter', raw: 'refusal' });
    expect(hub.output).toEqual([{ type: 'refusal', text: expect.stringMatching(/^This request was blocked because/) }]);
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['stop_details.category', 'stop_details.recommended_model']);
  });

  it('server tool blocks are dropped with a warning; a tool_use stop with no surviving call becomes stop', () => {
    const { hub, warnings } = decode({
      id: 'msg_1', model: 'm', content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }, { type: 'text', text: 'x', citations: [{ type: 'char_location' }] }],
      stop_reason: 'tool_use', usage: { input_tokens: 1, output_tokens: 1 },
    });
    expect(hub.output).toEqual([{ type: 'text', text: 'x' }]);
    expect(hub.finishReason).toEqual({ unified: 'stop', raw: 'tool_use' });
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['content[0]', 'content[1].citations']);
  });

  it('is lenient: a body missing almost everything still decodes', () => {
    const { hub } = decode({ content: 'nope', usage: null });
    expect(hub).toMatchObject({ id: '', model: '', output: [], finishReason: { unified: 'other' }, usage: { input: 0, output: 0 } });
    expect(decode('not json').hub.output).toEqual([]);
  });
});

describe('claude encodeResponse', () => {
  it('text + tool calls from another protocol: valid Message, Claude-safe ids, usage split back out', () => {
    const { body } = encode(hubResponse({
      output: [
        { type: 'text', text: '' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'functions.Bash:0', name: 'Bash', arguments: '{"command":"ls"}', itemId: 'fc_1' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: { input: 100, output: 20, cacheRead: 75, reasoning: 8 },
    }));
    expect(body).toEqual({
      id: 'msg_resp_1', type: 'message', role: 'assistant', model: 'gpt-x',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_b64_ZnVuY3Rpb25zLkJhc2g6MA', name: 'Bash', input: { command: 'ls' } },
      ],
      stop_reason: 'tool_use', stop_sequence: null, stop_details: null,
      usage: { input_tokens: 25, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 75 },
    });
  });

  it('thinking blocks first; another origin\'s reasoning shown as thinking whose signature carries it back', () => {
    const foreign = [
      { type: 'reasoning' as const, origin: 'openai-responses' as const, summary: ['s1'], encrypted: 'gAAA' },
      { type: 'reasoning' as const, origin: 'openai-responses' as const, summary: ['s2'] },
    ];
    const { body, warnings } = encode(hubResponse({
      output: [
        { type: 'text', text: 'answer' },
        ...foreign,
        { type: 'reasoning', origin: 'claude', text: 'thought', signature: 'sig' },
        { type: 'reasoning', origin: 'claude', redacted: true, encrypted: 'enc' },
      ],
    }));
    expect(body.content).toEqual([
      { type: 'thinking', thinking: 's1', signature: encodeReasoningSignature(foreign[0]!) },
      { type: 'thinking', thinking: 's2', signature: encodeReasoningSignature(foreign[1]!) },
      { type: 'thinking', thinking: 'thought', signature: 'sig' },
      { type: 'redacted_thinking', data: 'enc' },
      { type: 'text', text: 'answer' },
    ]);
    expect(warnings).toEqual([]);
    // Echoed back by the client, the carried blocks decode to the original items, origin included.
    const echoed = claudeCodec.decodeRequest({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: body.content }] }, {}, new Warnings());
    expect(echoed.items.filter((i) => i.type === 'reasoning').slice(0, 2)).toEqual(foreign);
  });

  it('stop sequence, refusal and the tool-call invariant', () => {
    expect(encode(hubResponse({ output: [{ type: 'text', text: 'a' }], stopSequence: 'END' })).body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'END' });
    expect(encode(hubResponse({ output: [{ type: 'refusal', text: 'no' }], finishReason: { unified: 'content-filter' } })).body).toMatchObject({
      content: [], stop_reason: 'refusal', stop_details: { type: 'refusal', explanation: 'no' },
    });
    // tool-calls with no call → end_turn; a call under `stop` (Gemini STOP) → tool_use.
    expect(encode(hubResponse({ finishReason: { unified: 'tool-calls' } })).body.stop_reason).toBe('end_turn');
    expect(encode(hubResponse({ output: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }], finishReason: { unified: 'stop', raw: 'STOP' } })).body.stop_reason).toBe('tool_use');
  });

  it('round trip: Claude answers → hub → Claude → hub keep text, calls, ids, reasons and usage', () => {
    for (const file of ['tool-calls-parallel.response.json', 'reasoning-text-tool-call.response.json', 'redacted-thinking.response.json', 'usage-cache-write.response.json', 'text-stop-sequence.response.json']) {
      const first = decode(readFixtureJson('claude', file)).hub;
      const again = decode(encode(first).body).hub;
      expect(again.output, file).toEqual(first.output);
      expect(again.finishReason, file).toEqual(first.finishReason);
      expect(again.stopSequence, file).toEqual(first.stopSequence);
      expect({ ...again.usage, raw: undefined }, file).toEqual({ ...first.usage, raw: undefined });
    }
  });

  it('round trip from a foreign hub response keeps an unsafe tool-call id exactly', () => {
    const ids = ['functions.Bash:0', 'call_abc', 'toolu_b64_looks_encoded', 'ünïcode id/with spaces'];
    const first = hubResponse({ output: ids.map((id) => ({ type: 'tool-call' as const, id, name: 'f', arguments: '{"a":[1,2]}' })), finishReason: { unified: 'tool-calls' } });
    const { body } = encode(first);
    for (const block of body.content as { id: string }[]) expect(block.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    const again = decode(body).hub;
    expect(again.output).toEqual(first.output);
    expect(again.finishReason.unified).toBe('tool-calls');
  });
});
