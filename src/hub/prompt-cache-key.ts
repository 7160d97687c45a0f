// Anthropic caches where the client puts `cache_control` breakpoints; OpenAI caches prompt
// prefixes by itself and routes requests to its caches by `prompt_cache_key`
// (https://platform.openai.com/docs/guides/prompt-caching). A client that placed breakpoints
// wants caching, and Chat/Responses targets get no breakpoints from the gateway, so they get a
// routing key instead: the end user's id (Claude `metadata.user_id`,
// which Claude Code makes per session) when there is one, else a hash of what opens every turn
// of the conversation — the system prompt and the first user message — so that all turns of one
// conversation share a key. OpenAI caps the key at 64 characters; a longer id is hashed.
import { textOf } from './hub-content.ts';
import type { HubItem, HubMessage, HubRequest } from './hub-request.ts';
import { stableHash } from './stable-hash.ts';

const MAX_KEY_LENGTH = 64;

function itemHasBreakpoint(item: HubItem): boolean {
  if (item.type !== 'message' && item.type !== 'instruction' && item.type !== 'tool-result') return false;
  return item.content.some((part) => part.type === 'text' && part.cacheControl !== undefined);
}

/** Whether the client marked any cache breakpoint (system, conversation or tools). */
export function hasCacheBreakpoints(request: HubRequest): boolean {
  return (
    request.system.some((part) => part.cacheControl !== undefined) ||
    request.tools.some((tool) => tool.cacheControl !== undefined) ||
    request.items.some(itemHasBreakpoint)
  );
}

/**
 * An end-user id within OpenAI's 64-character limit (`prompt_cache_key`, `safety_identifier`):
 * as it is when it fits, else a stable hash of it. Claude Code's `metadata.user_id` is ~150.
 */
export function boundedUserId(user: string): string {
  return user.length <= MAX_KEY_LENGTH ? user : `any-api-user-${stableHash(user)}`;
}

/** The `prompt_cache_key` for an OpenAI target, or undefined when the client asked for no caching. */
export function promptCacheKey(request: HubRequest): string | undefined {
  if (!hasCacheBreakpoints(request)) return undefined;
  const user = request.user;
  if (user !== undefined && user !== '') return boundedUserId(user);
  const firstUser = request.items.find((item): item is HubMessage => item.type === 'message' && item.role === 'user');
  const opening = JSON.stringify([request.system.map((part) => part.text), firstUser ? textOf(firstUser.content) : '']);
  return `any-api-conv-${stableHash(opening)}`;
}
