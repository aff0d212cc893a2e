import {
  budgetForEffort,
  effortForBudget,
  type ReasoningConfig,
  type ReasoningEffort,
} from '../../canonical/index.js';
import { bareGeminiModelId, isGemini3OrLater, minimumThinkingLevel } from './gemini-model-family.js';
import type { GeminiThinkingConfig, GeminiThinkingLevel } from './gemini-types.js';

function levelFor(effort: Exclude<ReasoningEffort, 'none'>, model: string): GeminiThinkingLevel {
  switch (effort) {
    case 'minimal':
      return minimumThinkingLevel(model);
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
    case 'xhigh':
      return 'high';
  }
}

/**
 * The client's reasoning request as Gemini's thinkingConfig (undefined: leave the model's default).
 *
 * Gemini 3 and later use `thinkingLevel` (sending it with `thinkingBudget` is a 400): effort maps
 * to the level of the same name (xhigh → high, minimal → the model's lowest level), a bare budget
 * maps through effortForBudget. Thinking cannot be turned off there, so "no reasoning" asks for
 * the lowest level (`low` on Pro models, `minimal` otherwise).
 * Older models use `thinkingBudget`: the budget, else the effort's budget, else -1 (dynamic),
 * capped at the 2.5 maximums (24576; 32768 on 2.5 Pro); "no reasoning" is budget 0 (2.5 Pro
 * cannot go below 128).
 * When reasoning is on, `includeThoughts: true` asks for thought summaries.
 */
export function mapReasoningToGeminiThinking(
  reasoning: ReasoningConfig | undefined,
  model: string,
): GeminiThinkingConfig | undefined {
  if (!reasoning) return undefined;
  const off = !reasoning.enabled || reasoning.effort === 'none';
  if (isGemini3OrLater(model)) {
    const effort =
      reasoning.effort ??
      (reasoning.budgetTokens !== undefined ? effortForBudget(reasoning.budgetTokens) : undefined);
    if (off || effort === 'none') return { thinkingLevel: minimumThinkingLevel(model) };
    if (effort === undefined) return { includeThoughts: true };
    return { thinkingLevel: levelFor(effort, model), includeThoughts: true };
  }
  const pro = /^gemini-2\.5-pro/.test(bareGeminiModelId(model));
  if (off || reasoning.budgetTokens === 0) return { thinkingBudget: pro ? 128 : 0 };
  const budget = reasoning.budgetTokens ?? (reasoning.effort ? budgetForEffort(reasoning.effort) : -1);
  return {
    thinkingBudget: budget === -1 ? -1 : Math.min(budget, pro ? 32768 : 24576),
    includeThoughts: true,
  };
}
