// Reasoning settings both ways: Responses `reasoning {effort, summary}` ⇔ hub reasoning config.
// OpenAI has effort levels only; a hub token budget becomes the nearest effort (effort-budget.ts).
// Nothing is injected: no effort is sent unless the client asked for one or for a budget.
import { effortForBudget } from '../../hub/effort-budget.ts';
import type { HubEffort, HubReasoningConfig } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, isSet } from '../read-json.ts';

const EFFORTS = { none: true, minimal: true, low: true, medium: true, high: true, xhigh: true, max: true } satisfies Record<HubEffort, true>;
const SUMMARIES = ['auto', 'concise', 'detailed'] as const;
type Summary = (typeof SUMMARIES)[number];

function isEffort(value: unknown): value is HubEffort {
  return typeof value === 'string' && Object.hasOwn(EFFORTS, value);
}

function isSummary(value: unknown): value is Summary {
  return SUMMARIES.some((s) => s === value);
}

export function decodeReasoningConfig(reasoning: unknown, warnings: Warnings): HubReasoningConfig | undefined {
  if (!isRecord(reasoning)) return undefined;
  const hub: HubReasoningConfig = {};
  const effort = reasoning.effort;
  if (isEffort(effort)) {
    hub.effort = effort;
    // An explicit effort says whether the client wants reasoning at all; `none` turns it off.
    hub.enabled = effort !== 'none';
  }
  // `generate_summary` is the older name of `summary`.
  const summary = reasoning.summary ?? reasoning.generate_summary;
  if (isSummary(summary)) hub.summary = summary;
  for (const field of ['mode', 'context'] as const) {
    if (isSet(reasoning[field])) warnings.drop(`reasoning.${field}`, 'OpenAI-only reasoning setting; not sent to this upstream');
  }
  return Object.keys(hub).length > 0 ? hub : undefined;
}

export function encodeReasoningConfig(reasoning: HubReasoningConfig, warnings: Warnings): Record<string, unknown> | undefined {
  let effort = reasoning.effort;
  if (!effort && reasoning.budgetTokens !== undefined) {
    effort = effortForBudget(reasoning.budgetTokens);
    warnings.note(`reasoning budget of ${reasoning.budgetTokens} tokens sent as reasoning.effort "${effort}" (OpenAI has effort levels only)`);
  }
  if (!effort && reasoning.enabled === false) {
    // effort "none" is rejected by older reasoning models, so "off" is left to the model default.
    warnings.drop('reasoning.enabled', 'Responses switches reasoning off only with effort "none", which not every model accepts; the model default applies');
  }
  const out: Record<string, unknown> = {};
  if (effort) out.effort = effort;
  if (reasoning.summary && reasoning.summary !== 'none') out.summary = reasoning.summary;
  return Object.keys(out).length > 0 ? out : undefined;
}
