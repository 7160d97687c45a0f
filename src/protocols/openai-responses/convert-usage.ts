// Usage both ways. Responses counts like the hub: `input_tokens` includes cached tokens
// (`input_tokens_details.cached_tokens`, `cache_write_tokens`) and `output_tokens` includes
// reasoning (`output_tokens_details.reasoning_tokens`), so no arithmetic is needed (§5.7).
import type { Schemas } from '../../../generated/openai-responses/index.ts';
import type { HubUsage } from '../../hub/hub-response.ts';
import { isRecord, numberAt } from '../read-json.ts';

export function fromResponsesUsage(usage: unknown): HubUsage {
  if (!isRecord(usage)) return { input: 0, output: 0 };
  const hub: HubUsage = { input: numberAt(usage.input_tokens) ?? 0, output: numberAt(usage.output_tokens) ?? 0, raw: usage };
  const inputDetails = isRecord(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const outputDetails = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {};
  const cacheRead = numberAt(inputDetails.cached_tokens);
  const cacheWrite = numberAt(inputDetails.cache_write_tokens);
  const reasoning = numberAt(outputDetails.reasoning_tokens);
  if (cacheRead !== undefined) hub.cacheRead = cacheRead;
  if (cacheWrite !== undefined) hub.cacheWrite = cacheWrite;
  if (reasoning !== undefined) hub.reasoning = reasoning;
  return hub;
}

export function toResponsesUsage(usage: HubUsage): Schemas['ResponseUsage'] {
  return {
    input_tokens: usage.input,
    input_tokens_details: {
      cached_tokens: usage.cacheRead ?? 0,
      ...(usage.cacheWrite === undefined ? {} : { cache_write_tokens: usage.cacheWrite }),
    },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: usage.input + usage.output,
  };
}
