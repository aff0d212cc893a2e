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
      // Gemini 3 Pro takes only low and high
      return /^gemini-3-pro(?:$|-)/.test(bareGeminiModelId(model)) ? 'high' : 'medium';
    case 'high':
    case 'xhigh':
      return 'high';
  }
}

/** the thinkingBudget range of a 2.5 model (Google's thinking guide): Pro 128–32768 and always on, Flash-Lite 512–24576, Flash 1–24576 */
function budgetRange(model: string): { min: number; max: number } {
  const id = bareGeminiModelId(model);
  if (/^gemini-2\.5-pro/.test(id)) return { min: 128, max: 32768 };
  if (/^gemini-2\.5-flash-lite/.test(id)) return { min: 512, max: 24576 };
  return { min: 1, max: 24576 };
}

/** models before 2.5 (1.x, 2.0 except its experimental thinking model) have no thinkingConfig */
function thinks(model: string): boolean {
  const id = bareGeminiModelId(model);
  return !/^gemini-(?:1\.|2\.0-(?!flash-thinking)|pro(?:-vision)?$)/.test(id);
}

/**
 * The client's reasoning request as Gemini's thinkingConfig (undefined: leave the model's default).
 *
 * Gemini 3 and later use `thinkingLevel` (sending it with `thinkingBudget` is a 400): effort maps
 * to the level of the same name (xhigh → high, minimal → the model's lowest level, medium → high on
 * Gemini 3 Pro, which has no medium), a bare budget maps through effortForBudget. Thinking cannot be
 * turned off there, so "no reasoning" asks for the lowest level (`low` on Pro models, `minimal` otherwise).
 * 2.5 models use `thinkingBudget`: the budget, else the effort's budget, else -1 (dynamic), within
 * the model's range (see budgetRange); "no reasoning" is budget 0 (2.5 Pro cannot go below 128).
 * Models before 2.5 get none.
 * When reasoning is on, `includeThoughts: true` asks for thought summaries.
 */
export function mapReasoningToGeminiThinking(
  reasoning: ReasoningConfig | undefined,
  model: string,
): GeminiThinkingConfig | undefined {
  if (!reasoning || !thinks(model)) return undefined;
  const off = !reasoning.enabled || reasoning.effort === 'none';
  if (isGemini3OrLater(model)) {
    const effort =
      reasoning.effort ??
      (reasoning.budgetTokens !== undefined ? effortForBudget(reasoning.budgetTokens) : undefined);
    if (off || effort === 'none') return { thinkingLevel: minimumThinkingLevel(model) };
    if (effort === undefined) return { includeThoughts: true };
    return { thinkingLevel: levelFor(effort, model), includeThoughts: true };
  }
  const range = budgetRange(model);
  const pro = range.min === 128;
  if (off || reasoning.budgetTokens === 0) return { thinkingBudget: pro ? 128 : 0 };
  const budget = reasoning.budgetTokens ?? (reasoning.effort ? budgetForEffort(reasoning.effort) : -1);
  return {
    thinkingBudget: budget === -1 ? -1 : Math.min(Math.max(budget, range.min), range.max),
    includeThoughts: true,
  };
}
