// What real clients send (test/fixtures/<protocol>/client-*.request.json, modelled on Claude
// Code, Codex CLI, Gemini CLI and opencode) converts to every other upstream type: the upstream
// request passes that protocol's validator and still carries every instruction and tool result;
// the answer comes back as a valid response of the client's protocol.
// Adding a client-*.request.json fixture adds a case for each of the three other upstreams.
import { describe, expect, it } from 'vitest';
import { Warnings } from '../../src/hub/warnings.ts';
import { textOf } from '../../src/hub/hub-content.ts';
import { ADAPTERS } from '../../src/protocols/index.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { CONTRACTS, issuesOf } from '../contract/contracts.ts';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { fixtureFiles, readFixtureJson } from '../helpers/fixtures.ts';
import { GATEWAY_KEY, PROVIDER_ID } from '../helpers/gateway.ts';

const ctx = useConversionGateway();

const PATH: Record<ProtocolId, (model: string) => string> = {
  'openai-chat-completions': () => '/v1/chat/completions',
  'openai-responses': () => '/openai/v1/responses',
  claude: () => '/claude/v1/messages',
  gemini: (model) => `/gemini/v1beta/models/${model}:generateContent`,
};

/** Texts that must survive conversion: every instruction and every tool result. */
function mustSurvive(protocol: ProtocolId, body: Record<string, unknown>): string[] {
  const hub = ADAPTERS[protocol].codec.decodeRequest(body, {}, new Warnings());
  const texts = hub.system.map((p) => p.text);
  for (const item of hub.items) {
    if (item.type === 'instruction') texts.push(...item.content.map((p) => p.text));
    if (item.type === 'tool-result') texts.push(textOf(item.content));
  }
  return texts.filter((t) => t.trim() !== '').map((t) => JSON.stringify(t).slice(1, -1).slice(0, 200));
}

/** Who speaks last in a request body of this protocol: `assistant` or someone else. */
function lastSpeaker(protocol: ProtocolId, body: Record<string, unknown>): string | undefined {
  const list = (key: string) => (Array.isArray(body[key]) ? (body[key] as Array<Record<string, unknown>>) : []);
  const last = (protocol === 'gemini' ? list('contents') : protocol === 'openai-responses' ? list('input') : list('messages')).at(-1);
  if (!last) return undefined;
  if (protocol === 'openai-responses' && last.type !== undefined && last.type !== 'message') return String(last.type);
  return last.role === 'model' ? 'assistant' : String(last.role);
}

const CASES = PROTOCOL_IDS.flatMap((inbound) =>
  fixtureFiles(inbound, /^client-.*\.request\.json$/).flatMap((file) =>
    PROTOCOL_IDS.filter((u) => u !== inbound).map((target) => [inbound, file, target] as const)));

describe.each(CASES)('%s %s → %s upstream', (inbound, file, target) => {
  it('converts there and back', async () => {
    ctx.upstream.scenario = 'text';
    const model = `${PROVIDER_ID[target]}.test-model`;
    const body: Record<string, unknown> = { ...readFixtureJson(inbound, file), stream: false };
    if (inbound === 'gemini') delete body.stream;
    else body.model = model;
    const response = await fetch(`${ctx.gateway.url}${PATH[inbound](model)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${GATEWAY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    expect(response.status, JSON.stringify(answer)).toBe(200);
    expect(issuesOf(CONTRACTS[inbound].response, answer)).toBe('');
    expect(JSON.stringify(answer)).toContain('Hello from the upstream.');
    const sent = ctx.upstream.last();
    expect(sent.protocol).toBe(target);
    expect(issuesOf(CONTRACTS[target].upstreamRequest, sent.body)).toBe('');
    for (const text of mustSurvive(inbound, body)) expect(sent.text).toContain(text);
    // No assistant turn made up at the end (it would be read as a prefill to continue from).
    if (lastSpeaker(inbound, body) !== 'assistant') expect(lastSpeaker(target, sent.body as Record<string, unknown>)).not.toBe('assistant');
    // Gemini CLI's placeholder signature is not a signature: it never leaves for another protocol
    // (a Gemini upstream gets the placeholder on calls it did not sign, as Google documents).
    if (target !== 'gemini') expect(sent.text).not.toContain('skip_thought_signature_validator');
    // What a client sent that has no twin upstream is reported, not lost in silence.
    if (file === 'client-sdk-unmodelled-field.request.json') expect(response.headers.get('x-any-api-warnings')).toContain('x_future_field');
  });
});
