// Chat usage ⇔ hub usage. Chat's arithmetic is the hub's: `prompt_tokens` includes cached
// tokens (reads and writes) and `completion_tokens` includes reasoning tokens, so the numbers
// move across unchanged.
// https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
import type { HubUsage } from '../../hub/hub-response.ts';
import { numberAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { rec } from './json-objects.ts';

type ChatUsage = Schemas['ChatCompletionUsage'];

/** Lenient: an upstream without usage yields zeros; DeepSeek's `prompt_cache_hit_tokens` stands in for `cached_tokens`. */
export function decodeUsage(usage: unknown): HubUsage {
  const body = rec(usage);
  const prompt = rec(body.prompt_tokens_details);
  const completion = rec(body.completion_tokens_details);
  const cacheRead = numberAt(prompt.cached_tokens) ?? numberAt(body.prompt_cache_hit_tokens);
  const cacheWrite = numberAt(prompt.cache_write_tokens);
  const reasoning = numberAt(completion.reasoning_tokens);
  return {
    input: numberAt(body.prompt_tokens) ?? 0,
    output: numberAt(body.completion_tokens) ?? 0,
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
