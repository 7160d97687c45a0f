// Extended thinking settings ⇔ hub reasoning config. Claude takes `thinking` {enabled +
// budget_tokens | adaptive | disabled} and `output_config.effort`; the budget must be ≥ 1024
// and below max_tokens (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
// Effort ↔ budget goes through the hub's one table (EFFORT_TABLE) so every direction agrees.
import { EFFORT_TABLE } from '../../hub/effort-budget.ts';
import type { HubEffort, HubReasoningConfig } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, numberAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { isMeaningful } from './is-meaningful.ts';

const MIN_BUDGET = 1024;

const EFFORTS: readonly HubEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

function isEffort(value: unknown): value is HubEffort {
  return typeof value === 'string' && (EFFORTS as readonly string[]).includes(value);
}

/** `thinking` + `output_config.effort` of a client request → hub reasoning (undefined when neither is set). */
export function decodeThinking(thinking: unknown, effort: unknown, warnings: Warnings): HubReasoningConfig | undefined {
  const reasoning: HubReasoningConfig = {};
  if (isRecord(thinking)) {
    if (thinking.type === 'enabled') {
      reasoning.enabled = true;
      const budget = numberAt(thinking.budget_tokens);
      if (budget !== undefined) reasoning.budgetTokens = budget;
    } else if (thinking.type === 'adaptive') reasoning.enabled = true;
    else if (thinking.type === 'disabled') reasoning.enabled = false;
    if (isMeaningful(thinking.display)) warnings.drop('thinking.display', `display "${String(thinking.display)}" has no hub twin; dropped`);
  }
  if (isEffort(effort)) reasoning.effort = effort;
  // A Claude client that turns thinking on gets thinking blocks back (summarised thinking,
  // unless it asked for display "omitted"): other upstreams must be asked for their visible form.
  if (reasoning.enabled === true && isRecord(thinking) && thinking.display !== 'omitted') reasoning.summary = 'auto';
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

/**
 * Hub reasoning → `thinking` for the upstream, or undefined for none. A budget that does not
 * fit below max_tokens is clamped (never max_tokens raised: the client's limit stands).
 */
/** The thinking budget a reasoning config asks for, before Claude's limits apply. */
export function thinkingBudgetOf(reasoning: HubReasoningConfig | undefined): number | undefined {
  if (!reasoning || reasoning.enabled === false) return undefined;
  return reasoning.budgetTokens ?? (reasoning.effort ? EFFORT_TABLE[reasoning.effort].budget : undefined);
}

export function encodeThinking(reasoning: HubReasoningConfig | undefined, maxTokens: number, warnings: Warnings): Schemas['ThinkingConfig'] | undefined {
  if (!reasoning || reasoning.enabled === false) return undefined;
  if (reasoning.summary !== undefined && reasoning.summary !== 'auto') {
    warnings.drop('reasoning.summary', `Claude has no "${reasoning.summary}" thinking summary setting; dropped`);
  }
  let budget = thinkingBudgetOf(reasoning);
  if (budget === undefined) return reasoning.enabled === true ? { type: 'adaptive' } : undefined;
  if (budget <= 0) return undefined;
  if (budget < MIN_BUDGET) {
    warnings.drop('reasoning.budgetTokens', `${budget} is below Claude's minimum thinking budget; sent ${MIN_BUDGET}`);
    budget = MIN_BUDGET;
  }
  if (budget >= maxTokens) {
    const clamped = maxTokens - 1;
    if (clamped < MIN_BUDGET) {
      warnings.drop('reasoning', `a thinking budget needs max_tokens above ${MIN_BUDGET} (max_tokens is ${maxTokens}); thinking was not enabled`);
      return undefined;
    }
    warnings.drop('reasoning.budgetTokens', `${budget} does not fit below max_tokens ${maxTokens}; sent ${clamped}`);
    budget = clamped;
  }
  return { type: 'enabled', budget_tokens: budget };
}
