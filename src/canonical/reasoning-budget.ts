// One mapping between OpenAI-style reasoning effort and Anthropic/Gemini-style token
// budgets, so every converter translates the same way.
import type { ReasoningEffort } from './types.js';

const BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
};

/** Token budget for an effort level (Anthropic's minimum is 1024). */
export function budgetForEffort(effort: ReasoningEffort): number {
  return effort === 'none' ? 0 : BUDGET[effort];
}

/** The effort level closest to a token budget. */
export function effortForBudget(budget: number): ReasoningEffort {
  if (budget <= 0) return 'none';
  if (budget <= 1024) return 'minimal';
  if (budget <= 4096) return 'low';
  if (budget <= 16384) return 'medium';
  if (budget <= 28672) return 'high';
  return 'xhigh';
}
