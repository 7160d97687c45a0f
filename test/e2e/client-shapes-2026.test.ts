// 2026 client shapes (issue "Fidelity, round two") where the generic fixture runner
// (conversion-client-requests.test.ts: valid upstream request, texts kept, valid answer) cannot
// say enough: where Claude Code's mid-conversation system messages land on each upstream, that
// Codex's `additional_tools` reach every upstream as tools, how cache breakpoints become an
// OpenAI `prompt_cache_key` or are cut to Anthropic's 4, and that cached tokens are counted
// once in all four usage shapes, streamed or not. Every upstream request is also checked
// against its protocol's validator and upstream rules (send-through.ts).
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/protocols/index.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { Warnings } from '../../src/hub/warnings.ts';
import { CONTRACTS, issuesOf } from '../contract/contracts.ts';
import { readFixtureJson, sseData } from '../helpers/fixtures.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { sendThrough } from '../helpers/send-through.ts';

// Answers of four protocols are read loosely here; `any` keeps those assertions short.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Body = Record<string, any>;

const PATH: Record<ProtocolId, (model: string, stream: boolean) => string> = {
  'openai-chat-completions': () => '/v1/chat/completions',
  'openai-responses': () => '/openai/v1/responses',
  claude: () => '/claude/v1/messages?beta=true',
  gemini: (model, stream) => `/gemini/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
};
const model = (target: ProtocolId) => `${PROVIDER_ID[target]}.test-model`;
const CONVERTED = (inbound: ProtocolId) => PROTOCOL_IDS.filter((p) => p !== inbound);
/** `text` as it appears inside JSON, cut to its first 40 characters. */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1).slice(0, 40);
/** Index of the first entry whose JSON holds `text` (-1 when none does). */
const indexOf = (list: unknown[], text: string) => list.findIndex((entry) => JSON.stringify(entry).includes(inJson(text)));

describe('Claude Code mid-conversation system messages and context_management', () => {
  const FIXTURE = readFixtureJson<Body>('claude', 'client-claude-code-mid-conversation-system.request.json');
  const BETA = 'claude-code-20250219,context-management-2025-06-27,mid-conversation-system-2026-04-07';
  const ENVIRONMENT: string = FIXTURE.messages[1].content;
  const MODE: string = FIXTURE.messages[5].content[0].text;
  // The conversation around them, in order: prompt, environment, tool result, answer, mode, next prompt.
  const ORDER = ['Add a .gitignore to /home/dev/demo', ENVIRONMENT, 'Wrote /home/dev/demo/.gitignore', 'Added /home/dev/demo/.gitignore ignoring', MODE, 'Also ignore the dist folder'];
  const send = (target: ProtocolId) =>
    sendThrough(PATH.claude(model(target), false), { ...FIXTURE, model: model(target), stream: false }, { headers: { 'anthropic-beta': BETA } });

  it.each([
    ['openai-chat-completions', 'messages'],
    ['openai-responses', 'input'],
  ] as const)('%s upstream: each system message is an instruction at its own place in %s', async (target, key) => {
    const { upstream } = await send(target);
    const list: Body[] = upstream[key];
    const at = ORDER.map((text) => indexOf(list, text));
    expect(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)), JSON.stringify(at)).toBe(true);
    for (const text of [ENVIRONMENT, MODE]) expect(list[indexOf(list, text)]!.role).toBe('system');
  });

  it('Gemini upstream (one system slot): both go to systemInstruction after the system prompt, in order, with a warning', async () => {
    const { upstream, warnings } = await send('gemini');
    const system = JSON.stringify(upstream.systemInstruction);
    const at = ['You are a coding agent that works', ENVIRONMENT, MODE].map((text) => system.indexOf(inJson(text)));
    expect(at[0]).toBeGreaterThanOrEqual(0);
    expect(at[1]).toBeGreaterThan(at[0]!);
    expect(at[2]).toBeGreaterThan(at[1]!);
    expect(indexOf(upstream.contents, MODE)).toBe(-1);
    expect(warnings).toContain('mid-conversation system instruction');
  });

  it.each(CONVERTED('claude'))('%s upstream: context_management is dropped with a warning, and no Anthropic beta is sent', async (target) => {
    const { upstream, upstreamHeaders, warnings } = await send(target);
    expect(upstream).not.toHaveProperty('context_management');
    expect(warnings).toContain('context_management: context editing is Anthropic server-side behaviour');
    expect(upstreamHeaders?.get('anthropic-beta')).toBeNull();
  });

  it.each(CONVERTED('claude'))('%s upstream: a directive-only system message (no text, only settings) sends no empty instruction and reports its settings', async (target) => {
    const directive = { role: 'system', content: [], output_config: { effort: 'low' } };
    const messages = [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, directive, { role: 'user', content: 'more' }];
    const { upstream, warnings } = await sendThrough(PATH.claude(model(target), false), { model: model(target), max_tokens: 10, messages });
    const list: Body[] = upstream.messages ?? upstream.input ?? upstream.contents;
    expect(list.map((m) => m.role)).toEqual(['user', target === 'gemini' ? 'model' : 'assistant', 'user']);
    expect(upstream).not.toHaveProperty('systemInstruction');
    expect(warnings).toBe('messages[2].output_config: settings on a system message have no hub twin; dropped');
  });

  it('Claude upstream: the body, system messages and context_management included, and the betas pass through untouched', async () => {
    const { upstream, upstreamHeaders, warnings } = await send('claude');
    expect(upstream).toEqual({ ...FIXTURE, model: 'test-model', stream: false });
    expect(upstreamHeaders?.get('anthropic-beta')).toBe(BETA);
    expect(warnings).toBe('');
  });
});

describe('Codex additional_tools input item (Responses Lite)', () => {
  const FIXTURE = readFixtureJson<Body>('openai-responses', 'client-codex-lite-additional-tools.request.json');
  const ITEM: Body = FIXTURE.input[0];
  const DECLARED = ['exec_command', 'spawn_agent', 'close_agent', 'read_notes'];
  const NAMES: Record<Exclude<ProtocolId, 'openai-responses'>, (body: Body) => string[]> = {
    'openai-chat-completions': (body) => (body.tools ?? []).map((t: Body) => t.function.name),
    claude: (body) => (body.tools ?? []).map((t: Body) => t.name),
    gemini: (body) => (body.tools ?? []).flatMap((t: Body) => (t.functionDeclarations ?? []).map((d: Body) => d.name)),
  };
  const send = (target: ProtocolId, body: Body = FIXTURE) => sendThrough(PATH['openai-responses'](model(target), false), { ...body, model: model(target), stream: false });

  it.each(Object.keys(NAMES) as Array<keyof typeof NAMES>)('%s upstream: the declared tools arrive as tools, namespaces flattened, built-ins reported', async (target) => {
    const { upstream, warnings } = await send(target);
    expect(NAMES[target](upstream)).toEqual(DECLARED);
    expect(JSON.stringify(upstream)).not.toContain('additional_tools');
    expect(warnings).toContain('tools[web_search]');
  });

  it('a declared tool never doubles a top-level one of the same name', async () => {
    const top = ITEM.tools[0];
    const { upstream, warnings } = await send('openai-chat-completions', { ...FIXTURE, tools: [top] });
    expect(NAMES['openai-chat-completions'](upstream)).toEqual(DECLARED);
    expect(warnings).toContain('input[].additional_tools.exec_command');
  });

  it('Responses upstream: passed through untouched, the item where the client put it', async () => {
    const { upstream } = await send('openai-responses');
    expect(upstream.input).toEqual(FIXTURE.input);
    expect(upstream).not.toHaveProperty('tools');
  });

  describe('a Responses target encoded from the hub', () => {
    const codec = ADAPTERS['openai-responses'].codec;
    const roundTrip = (body: Body, edit: (hub: ReturnType<typeof codec.decodeRequest>) => void = () => {}) => {
      const warnings = new Warnings();
      const hub = codec.decodeRequest(body, {}, warnings);
      edit(hub);
      return { hub, encoded: codec.encodeRequest(hub, warnings) as Body, warnings: warnings.list.join('; ') };
    };

    it('gets the item back at its place, as sent, and no top-level copy of its tools', () => {
      const { hub, encoded } = roundTrip(FIXTURE);
      expect(hub.tools.map((t) => t.name)).toEqual(DECLARED);
      expect(encoded.input[0]).toEqual(ITEM);
      expect(encoded.input.filter((i: Body) => i.type === 'additional_tools')).toHaveLength(1);
      expect(encoded).not.toHaveProperty('tools');
      expect(issuesOf(CONTRACTS['openai-responses'].upstreamRequest, encoded)).toBe('');
    });

    it('an item declared mid-conversation comes back mid-conversation', () => {
      const [item, developer, environment, prompt, ...rest] = FIXTURE.input;
      const { encoded, warnings } = roundTrip({ ...FIXTURE, input: [developer, environment, prompt, item, ...rest] });
      expect(encoded.input.map((i: Body) => i.type ?? 'message')).toEqual(['message', 'message', 'additional_tools', 'function_call', 'function_call_output']);
      expect(warnings).toContain('input[].additional_tools: tools declared inside the conversation');
    });

    it('whose tools the hub no longer all holds: they go out as top-level tools, with a note', () => {
      const { encoded, warnings } = roundTrip(FIXTURE, (hub) => {
        hub.tools = hub.tools.filter((t) => t.name !== 'read_notes');
      });
      expect(JSON.stringify(encoded.input)).not.toContain('additional_tools');
      expect(encoded.tools.map((t: Body) => t.name)).toEqual(['exec_command', 'spawn_agent', 'close_agent']);
      expect(warnings).toContain('could not be kept in place');
    });
  });
});

describe('prompt caching: cache_control breakpoints → prompt_cache_key for OpenAI upstreams', () => {
  const TURN_1 = readFixtureJson<Body>('claude', 'client-claude-code.request.json');
  const TURN_2 = readFixtureJson<Body>('claude', 'client-claude-code-tool-result.request.json');
  const OPENAI = ['openai-chat-completions', 'openai-responses'] as const;
  const keyOf = async (target: ProtocolId, body: Body) =>
    (await sendThrough(PATH.claude(model(target), false), { ...body, model: model(target), stream: false })).upstream.prompt_cache_key as unknown;
  const withoutUser = ({ metadata: _, ...body }: Body) => body;

  it.each(OPENAI)('%s upstream: the key comes from metadata.user_id (hashed to OpenAI\'s 64 characters), the same on every turn', async (target) => {
    const first = await keyOf(target, TURN_1);
    expect(first).toMatch(/^any-api-user-[0-9a-f]{16}$/);
    expect(await keyOf(target, TURN_2)).toBe(first);
    expect(await keyOf(target, { ...TURN_1, metadata: { user_id: '{"session_id":"another-session"}' } })).not.toBe(first);
    expect(await keyOf(target, { ...TURN_1, metadata: { user_id: 'user-42' } })).toBe('user-42');
  });

  it.each(OPENAI)('%s upstream: without a user id, a hash of the system prompt and first user message, the same on every turn', async (target) => {
    const first = await keyOf(target, withoutUser(TURN_1));
    expect(first).toMatch(/^any-api-conv-[0-9a-f]{16}$/);
    expect(await keyOf(target, withoutUser(TURN_2))).toBe(first);
    expect(await keyOf(target, { ...withoutUser(TURN_1), system: 'Another system prompt.' })).not.toBe(first);
  });

  it.each(OPENAI)('%s upstream: no breakpoints, no key', async (target) => {
    expect(await keyOf(target, { max_tokens: 10, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }], metadata: { user_id: 'user-42' } })).toBeUndefined();
  });

  it('a Chat client\'s breakpoints give a Responses upstream a key too; its own key wins when it sent one', async () => {
    const { prompt_cache_key: own, ...body } = readFixtureJson<Body>('openai-chat-completions', 'client-cache-breakpoints.request.json');
    const derived = await sendThrough(PATH['openai-chat-completions'](model('openai-responses'), false), { ...body, model: model('openai-responses') });
    expect(derived.upstream.prompt_cache_key).toMatch(/^any-api-conv-[0-9a-f]{16}$/);
    const kept = await sendThrough(PATH['openai-chat-completions'](model('openai-responses'), false), { ...body, prompt_cache_key: own, model: model('openai-responses') });
    expect(kept.upstream.prompt_cache_key).toBe(own);
  });
});

describe('prompt caching: at most 4 cache_control breakpoints reach a Claude upstream', () => {
  const FIXTURE = readFixtureJson<Body>('openai-chat-completions', 'client-cache-breakpoints.request.json');
  const marked = (body: Body): string[] =>
    [...(body.system ?? []), ...body.messages.flatMap((m: Body) => (Array.isArray(m.content) ? m.content : []))]
      .filter((block: Body) => block.cache_control !== undefined)
      .map((block: Body) => String(block.text ?? block.content));

  it('6 Chat breakpoints → the last 4 kept, the earlier ones removed with a warning', async () => {
    const { upstream, warnings } = await sendThrough(PATH['openai-chat-completions'](model('claude'), false), { ...FIXTURE, model: model('claude') });
    expect(marked(upstream)).toEqual(['Where is entry 0010?', 'Where is entry 0024?', 'Where is entry 0031?', 'Where is entry 0039?']);
    expect(warnings).toContain('cache_control: Anthropic takes at most 4 cache breakpoints; the last 4 were kept, the 2 before them removed');
  });

  it('the upstream rule refuses a 5th breakpoint, wherever it sits', () => {
    const block = (text: string) => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });
    const body = {
      model: 'm', max_tokens: 10,
      tools: [{ name: 't', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }],
      system: [block('s')],
      messages: [{ role: 'user', content: [block('a'), { type: 'tool_result', tool_use_id: 'x', content: [block('b')] }] }, { role: 'assistant', content: [block('c')] }],
    };
    expect(issuesOf(CONTRACTS.claude.upstreamRequest, body)).toContain('5 blocks with cache_control');
  });
});

describe('prompt caching: cached tokens are counted once in every usage shape (100 prompt tokens, 75 of them cache reads, 5 output)', () => {
  const BODY: Record<ProtocolId, (model: string, stream: boolean) => Body> = {
    'openai-chat-completions': (m, stream) => ({ model: m, messages: [{ role: 'user', content: 'hi' }], stream, ...(stream ? { stream_options: { include_usage: true } } : {}) }),
    'openai-responses': (m, stream) => ({ model: m, input: 'hi', stream }),
    claude: (m, stream) => ({ model: m, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], stream }),
    gemini: () => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  };
  /** The final usage the client reads: the answer's, or the stream's last usage-bearing event. */
  const USAGE: Record<ProtocolId, (answer: Body) => unknown> = {
    'openai-chat-completions': (a) => a.usage,
    'openai-responses': (a) => a.usage ?? a.response?.usage,
    claude: (a) => a.usage ?? a.message?.usage,
    gemini: (a) => a.usageMetadata,
  };
  const EXPECTED: Record<ProtocolId, Body> = {
    'openai-chat-completions': { prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_tokens_details: { cached_tokens: 75 } },
    'openai-responses': { input_tokens: 100, output_tokens: 5, total_tokens: 105, input_tokens_details: { cached_tokens: 75 } },
    // Anthropic's input_tokens excludes cache reads and writes.
    claude: { input_tokens: 25, cache_read_input_tokens: 75, cache_creation_input_tokens: 0, output_tokens: 5 },
    gemini: { promptTokenCount: 100, cachedContentTokenCount: 75, candidatesTokenCount: 5, totalTokenCount: 105 },
  };
  const CASES = PROTOCOL_IDS.flatMap((inbound) => CONVERTED(inbound).flatMap((target) => [false, true].map((stream) => [inbound, target, stream] as const)));

  it.each(CASES)('%s client, %s upstream, stream %s', async (inbound, target, stream) => {
    const { response, json } = await sendThrough(PATH[inbound](model(target), stream), BODY[inbound](model(target), stream), { scenario: stream ? 'stream-usage-cache' : 'usage-cache' });
    expect(response.status).toBe(200);
    const answers = stream ? (sseData(String(json)) as Body[]) : [json];
    const usage = answers.map(USAGE[inbound]).filter((u) => u != null).at(-1);
    expect(usage).toMatchObject(EXPECTED[inbound]);
  });
});

describe('a client\'s own prompt_cache_key (Codex sends its session id)', () => {
  const codex = () => readFixtureJson('openai-responses', 'client-codex.request.json') as Record<string, unknown>;
  it.each(['chat', 'responses'])('reaches an OpenAI %s upstream as sent', async (provider) => {
    const { upstream } = await sendThrough('/openai/v1/responses', { ...codex(), model: `${provider}.test-model`, stream: false });
    expect(upstream.prompt_cache_key).toBe(codex().prompt_cache_key);
  });
  it.each(['claude', 'gemini'])('is reported as dropped for a %s upstream', async (provider) => {
    const { response } = await sendThrough('/openai/v1/responses', { ...codex(), model: `${provider}.test-model`, stream: false });
    expect(response.headers.get('x-any-api-warnings')).toContain('prompt_cache_key');
  });
});
