// Chat usage ⇔ hub usage. Chat's arithmetic is the hub's: `prompt_tokens` includes cached
// tokens (reads and writes) and `completion_tokens` includes reasoning tokens, so the numbers
// move across unchanged (PITFALLS 10).
// https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
import type { HubUsage } from '../../hub/hub-response.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { num, rec } from './read.ts';

type ChatUsage = Schemas['ChatCompletionUsage'];

/** Lenient: an upstream without usage yields zeros; DeepSeek's `prompt_cache_hit_tokens` stands in for `cached_tokens`. */
export function decodeUsage(usage: unknown): HubUsage {
  const body = rec(usage);
  const prompt = rec(body.prompt_tokens_details);
  const completion = rec(body.completion_tokens_details);
  const cacheRead = num(prompt.cached_tokens) ?? num(body.prompt_cache_hit_tokens);
  const cacheWrite = num(prompt.cache_write_tokens);
  const reasoning = num(completion.reasoning_tokens);
  return {
    input: num(body.prompt_tokens) ?? 0,
    output: num(body.completion_tokens) ?? 0,
    ...(cacheRead === undefined ? {} : { cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWrite }),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(usage === undefined ? {} : { raw: usage }),
  };
}

export function encodeUsage(usage: HubUsage): ChatUsage {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: {
      cached_tokens: usage.cacheRead ?? 0,
      ...(usage.cacheWrite === undefined ? {} : { cache_write_tokens: usage.cacheWrite }),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
  };
}
