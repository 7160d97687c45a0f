// usageMetadata ⇔ hub usage. Gemini: promptTokenCount INCLUDES cached tokens (like the hub);
// candidatesTokenCount EXCLUDES thoughts (the hub's output includes them); toolUsePromptTokenCount
// is prompt-side and separate. total = prompt + toolUse + candidates + thoughts.
// https://ai.google.dev/api/generate-content#UsageMetadata
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubUsage } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, numberAt } from '../read-json.ts';

export function decodeUsage(raw: unknown): HubUsage {
  const usage = isRecord(raw) ? raw : {};
  const thoughts = numberAt(usage.thoughtsTokenCount);
  const cached = numberAt(usage.cachedContentTokenCount);
  return {
    input: (numberAt(usage.promptTokenCount) ?? 0) + (numberAt(usage.toolUsePromptTokenCount) ?? 0),
    output: (numberAt(usage.candidatesTokenCount) ?? 0) + (thoughts ?? 0),
    ...(cached !== undefined ? { cacheRead: cached } : {}),
    ...(thoughts !== undefined ? { reasoning: thoughts } : {}),
    ...(isRecord(raw) ? { raw } : {}),
  };
}

export function encodeUsage(usage: HubUsage, warnings: Warnings): Schemas['UsageMetadata'] {
  if (usage.cacheWrite) warnings.drop('usage cache write tokens', 'Gemini reports no cache writes (they stay counted in promptTokenCount)');
  const reasoning = usage.reasoning ?? 0;
  return {
    promptTokenCount: usage.input,
    candidatesTokenCount: Math.max(0, usage.output - reasoning),
    ...(reasoning > 0 ? { thoughtsTokenCount: reasoning } : {}),
    ...(usage.cacheRead ? { cachedContentTokenCount: usage.cacheRead } : {}),
    totalTokenCount: usage.input + usage.output,
  };
}
