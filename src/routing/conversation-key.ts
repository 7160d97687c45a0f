// What identifies a conversation across its turns, for session affinity, in the order the
// clients make it available: Claude Code's `x-claude-code-session-id` header, the OpenAI
// `prompt_cache_key` (Codex sends one per thread), `previous_response_id`, Claude's
// `metadata.user_id` (Claude Code puts its session in it), else a hash of the first user
// message, which stays the same for every turn of one conversation in every protocol: Chat and
// Claude `messages`, Responses `input`, Gemini `contents`. Only read when affinity can matter
// (a pool of several keys, or a chain of several targets), so a plain request pays nothing.
import { stableHash } from '../hub/stable-hash.ts';
import type { HeaderReader } from '../http/header-reader.ts';
import { isRecord, stringAt } from '../protocols/read-json.ts';

/** An own property of an object: a client body's `__proto__` or `constructor` finds nothing. */
function field(value: unknown, name: string): unknown {
  return isRecord(value) && Object.hasOwn(value, name) ? value[name] : undefined;
}

const nonEmpty = (value: unknown): string | undefined => stringAt(value) || undefined;

/** The first user turn's content, in whichever list the protocol keeps turns. */
function firstUserTurn(body: Record<string, unknown>): unknown {
  const input = field(body, 'input');
  if (typeof input === 'string') return input;
  for (const list of [field(body, 'messages'), input, field(body, 'contents')]) {
    if (!Array.isArray(list)) continue;
    for (const turn of list) {
      const role = field(turn, 'role');
      // A Gemini turn may omit its role, which then means user.
      if (role === 'user' || (role === undefined && list === field(body, 'contents'))) return field(turn, 'content') ?? field(turn, 'parts');
    }
  }
  return undefined;
}

export function conversationKey(headers: Pick<HeaderReader, 'get'>, body: Record<string, unknown>): string | undefined {
  const session = nonEmpty(headers.get('x-claude-code-session-id'));
  if (session) return `session:${session}`;
  const cacheKey = nonEmpty(field(body, 'prompt_cache_key'));
  if (cacheKey) return `cache:${cacheKey}`;
  const previous = nonEmpty(field(body, 'previous_response_id'));
  if (previous) return `previous:${previous}`;
  const user = nonEmpty(field(field(body, 'metadata'), 'user_id'));
  if (user) return `user:${user}`;
  const first = firstUserTurn(body);
  return first === undefined ? undefined : `first:${stableHash(JSON.stringify(first))}`;
}
