// Anthropic usage ⇔ hub usage. Anthropic's `input_tokens` EXCLUDES cache reads and writes
// (prompt = input_tokens + cache_creation_input_tokens + cache_read_input_tokens, e.g.
// 3 + 418 + 1111 in the recorded usage-cache fixture) while the hub's `input` includes them.
// `output_tokens` already includes thinking, like the hub's `output`; Claude has
// no separate thinking count, so a hub `reasoning` count stays inside `output_tokens`.
import type { HubUsage } from '../../hub/hub-response.ts';
import { isRecord, numberAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/claude/index.ts';

export function fromClaudeUsage(raw: unknown): HubUsage {
  const usage = isRecord(raw) ? raw : {};
  const cacheWrite = numberAt(usage.cache_creation_input_tokens) ?? 0;
  const cacheRead = numberAt(usage.cache_read_input_tokens) ?? 0;
  return {
    input: (numberAt(usage.input_tokens) ?? 0) + cacheWrite + cacheRead,
    output: numberAt(usage.output_tokens) ?? 0,
    cacheRead,
    cacheWrite,
    raw,
  };
}

export function toClaudeUsage(usage: HubUsage): Schemas['Usage'] {
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  return {
    input_tokens: Math.max(0, usage.input - cacheRead - cacheWrite),
    output_tokens: usage.output,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
