// One table for reasoning effort ↔ thinking budget (tokens) ↔ Gemini thinkingLevel, so every
// direction converts the same way. Budgets follow the vendors' documented ranges: Anthropic
// `budget_tokens` ≥ 1024; Gemini 2.5 `thinkingBudget` 0 = off, -1 = dynamic.
import type { HubEffort } from './hub-request.ts';

export const EFFORT_TABLE = {
  none: { budget: 0, geminiLevel: 'MINIMAL' },
  minimal: { budget: 1024, geminiLevel: 'MINIMAL' },
  low: { budget: 2048, geminiLevel: 'LOW' },
  medium: { budget: 8192, geminiLevel: 'MEDIUM' },
  high: { budget: 24576, geminiLevel: 'HIGH' },
  xhigh: { budget: 32768, geminiLevel: 'HIGH' },
  max: { budget: 32768, geminiLevel: 'HIGH' },
} as const satisfies Record<HubEffort, { budget: number; geminiLevel: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' }>;

/** The effort whose budget is the closest at or above `budget`. */
export function effortForBudget(budget: number): HubEffort {
  if (budget <= 0) return 'none';
  const order: HubEffort[] = ['minimal', 'low', 'medium', 'high', 'xhigh'];
  return order.find((effort) => budget <= EFFORT_TABLE[effort].budget) ?? 'xhigh';
}

const EFFORT_BY_GEMINI_LEVEL: Record<string, HubEffort> = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' };

/** The level is client text: only own entries count (never an Object.prototype member). */
export function effortForGeminiLevel(level: string): HubEffort | undefined {
  const key = level.toUpperCase();
  return Object.hasOwn(EFFORT_BY_GEMINI_LEVEL, key) ? EFFORT_BY_GEMINI_LEVEL[key] : undefined;
}
