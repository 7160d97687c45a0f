// Anthropic takes at most 4 `cache_control` breakpoints in one request and answers a 5th with
// 400 "A maximum of 4 blocks with cache_control may be provided"
// (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching).
// Clients of other protocols may mark more: OpenAI reads up to 80 `prompt_cache_breakpoint`
// markers, and a client that marks every turn has one per turn. An encoded request keeps the last
// 4 in prompt order (tools, system, messages), which cache the longest prefixes, and loses the
// earlier ones with a warning.
import type { Schemas } from '../../../generated/claude/index.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, type JsonObject } from '../read-json.ts';

const MAX_BREAKPOINTS = 4;

/** Blocks carrying cache_control, in prompt order, including those inside tool results. */
function collect(blocks: unknown, into: JsonObject[]): void {
  if (!Array.isArray(blocks)) return;
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    if (block.cache_control !== undefined) into.push(block);
    collect(block.content, into);
  }
}

export function limitCacheBreakpoints(body: Schemas['MessagesRequest'], warnings: Warnings): void {
  const marked: JsonObject[] = [];
  collect(body.tools, marked);
  collect(body.system, marked);
  for (const message of body.messages) collect(message.content, marked);
  const extra = marked.length - MAX_BREAKPOINTS;
  if (extra <= 0) return;
  for (const block of marked.slice(0, extra)) delete block.cache_control;
  warnings.drop('cache_control', `Anthropic takes at most ${MAX_BREAKPOINTS} cache breakpoints; the last ${MAX_BREAKPOINTS} were kept, the ${extra} before them removed`);
}
