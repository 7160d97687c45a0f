// Provider/model options applied to a converted request, in hub form (a pass-through body gets
// the same options through its protocol's `passThrough` adjusters, protocol.ts).
import type { ProviderOptions } from '../config/config-types.ts';
import type { HubRequest } from './hub-request.ts';
import { truncateTexts } from './truncate-texts.ts';
import type { Warnings } from './warnings.ts';

export function applyHubOptions(request: HubRequest, options: ProviderOptions, warnings: Warnings): void {
  // The configured effort is a default: a client that chose an effort, a budget, or no reasoning wins.
  const reasoning = request.reasoning;
  if (options.reasoningEffort && reasoning?.effort === undefined && reasoning?.budgetTokens === undefined && reasoning?.enabled !== false) {
    request.reasoning = { ...reasoning, enabled: true, effort: options.reasoningEffort };
  }
  if (options.maxInstructionsChars !== undefined) {
    const { texts, cutFrom } = truncateTexts(request.system.map((p) => p.text), options.maxInstructionsChars);
    if (cutFrom !== undefined) {
      request.system = request.system.map((part, i) => ({ ...part, text: texts[i] ?? '' })).filter((p) => p.text !== '');
      warnings.note(`instructions truncated from ${cutFrom} to ${options.maxInstructionsChars} characters (options.maxInstructionsChars)`);
    }
  }
}
