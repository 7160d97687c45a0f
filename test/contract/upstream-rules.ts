// What a real upstream requires of a request beyond its published schema's shape: rules the
// vendors enforce (or document as required) that a lenient validator lets through. Checked on
// every request a mock upstream receives, so a conversion that breaks one fails every suite
// that sends through it, for every client fixture.
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import type { Validator } from '../../src/validation/validate.ts';

type Rule = (body: Record<string, unknown>) => string | undefined;

const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];

/** Chat: an assistant message's tool calls are answered by tool messages right after it. */
function chatToolResultsFollowCalls(body: Record<string, unknown>): string | undefined {
  const messages = records(body.messages);
  for (let i = 0; i < messages.length; i++) {
    const ids = records(messages[i]!.tool_calls).map((c) => c.id);
    if (ids.length === 0) continue;
    const answered = new Set<unknown>();
    for (let j = i + 1; j < messages.length && messages[j]!.role === 'tool'; j++) answered.add(messages[j]!.tool_call_id);
    const missing = ids.find((id) => !answered.has(id));
    // A history may end on the calls (the client has not answered yet).
    if (missing !== undefined && i + 1 < messages.length) return `/messages/${i + 1}: tool call ${String(missing)} is not answered by the tool messages right after its assistant message`;
  }
  return undefined;
}

/** Claude: every tool_use is answered by a tool_result in the very next (user) message; no empty text blocks. */
function claudeToolResultsFollowUses(body: Record<string, unknown>): string | undefined {
  const messages = records(body.messages);
  for (let i = 0; i < messages.length; i++) {
    const blocks = records(messages[i]!.content);
    const empty = blocks.findIndex((b) => b.type === 'text' && b.text === '');
    // https://docs.anthropic.com/en/api/messages: "text content blocks must be non-empty"
    if (empty >= 0) return `/messages/${i}/content/${empty}: Anthropic refuses empty text blocks`;
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    if (uses.length === 0 || i + 1 >= messages.length) continue;
    const next = records(messages[i + 1]!.content).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id);
    const missing = uses.find((id) => !next.includes(id));
    if (missing !== undefined) return `/messages/${i + 1}: tool_use ${String(missing)} has no tool_result in the next message`;
  }
  return undefined;
}

/**
 * Claude: at most 4 `cache_control` breakpoints in a request — on tools, system blocks, message
 * blocks and blocks inside tool results, plus a top-level (automatic) one. Anthropic answers a
 * 5th with 400 "A maximum of 4 blocks with cache_control may be provided".
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
function claudeAtMostFourBreakpoints(body: Record<string, unknown>): string | undefined {
  const marked = (blocks: Array<Record<string, unknown>>): number =>
    blocks.reduce((n, b) => n + (b.cache_control != null ? 1 : 0) + marked(records(b.content)), 0);
  const count = (body.cache_control != null ? 1 : 0) + marked(records(body.tools)) + marked(records(body.system))
    + records(body.messages).reduce((n, m) => n + marked(records(m.content)), 0);
  return count > 4 ? `/: ${count} blocks with cache_control; Anthropic accepts at most 4` : undefined;
}

const RULES: Partial<Record<ProtocolId, Rule[]>> = {
  'openai-chat-completions': [chatToolResultsFollowCalls],
  claude: [claudeToolResultsFollowUses, claudeAtMostFourBreakpoints],
  'openai-responses': [
    // https://platform.openai.com/docs/api-reference/responses/create#responses-create-safety_identifier
    (body) => (typeof body.safety_identifier === 'string' && body.safety_identifier.length > 64 ? '/safety_identifier: OpenAI allows at most 64 characters' : undefined),
    // The Responses API reads a function tool without `strict` as strict (all properties
    // required, additionalProperties false) and its spec lists `strict` as required.
    // https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
    (body) => {
      // null is the client's own explicit choice (LangChain sends it) and is relayed as sent.
      const missing = records(body.tools).findIndex((t) => t.type === 'function' && typeof t.strict !== 'boolean' && t.strict !== null);
      return missing < 0 ? undefined : `/tools/${missing}/strict: a function tool must say strict true or false`;
    },
  ],
};

/** The protocol's request validator, plus its upstream rules. */
export function withUpstreamRules(protocol: ProtocolId, validator: Validator<unknown>): Validator<unknown> {
  const rules = RULES[protocol] ?? [];
  return (value) => {
    const result = validator(value);
    if (!result.ok || typeof value !== 'object' || value === null) return result;
    const broken = rules.map((rule) => rule(value as Record<string, unknown>)).filter((m): m is string => m !== undefined);
    if (broken.length === 0) return result;
    return { ok: false, issues: broken.map((m) => ({ path: m.slice(0, m.indexOf(':')), message: m.slice(m.indexOf(':') + 2) })) };
  };
}
