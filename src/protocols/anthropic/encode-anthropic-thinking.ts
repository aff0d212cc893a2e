// Canonical reasoning into Anthropic's `thinking` and the sampling settings that go with it.
//
// - reasoning.enabled → `{type: 'enabled', budget_tokens}`: the request's budget, else the
//   shared effort → budget table (medium when no effort is given), at least 1024.
// - Thinking tokens count toward max_tokens, which must exceed the budget: when it does not,
//   max_tokens becomes budget + max_tokens, so the answer keeps the room the client gave it.
// - The target model's limits (from its catalog record): max_tokens never exceeds the model's
//   output maximum; when budget + answer do not fit, the budget shrinks first (to no less than
//   1024, and always below max_tokens); a maximum of 1024 or less leaves no room for thinking.
//   A model the catalog marks as not reasoning gets no `thinking`.
// - Anthropic rejects thinking together with a forced tool choice (any / tool), and
//   temperature or top_k changes, and top_p below 0.95: a forced tool choice wins (no
//   thinking is sent); otherwise those sampling settings are left out.
// - reasoning.enabled false, or effort 'none' → no `thinking` field (which `type` values a
//   model accepts, and its default, vary by model; leaving the field out is accepted by all).
// - max_tokens 0 (prompt-cache warming, nothing generated) → no thinking either.
import {
  budgetForEffort,
  type CanonicalRequest,
  clampOutputTokens,
  type TargetModelLimits,
} from '../../canonical/index.js';
import type { AnthropicThinkingConfig, AnthropicToolChoice } from './anthropic-wire-types.js';
import { MIN_THINKING_BUDGET } from './decode-anthropic-thinking.js';

export interface ThinkingSettings {
  max_tokens: number;
  thinking?: AnthropicThinkingConfig;
  temperature?: number;
  top_p?: number;
  top_k?: number;
}

/** Anthropic's temperature range is 0–1 (OpenAI's is 0–2): larger values are capped at 1. */
const temperatureOf = (t: number | undefined) => (t === undefined ? undefined : Math.min(Math.max(t, 0), 1));

function sampling(req: CanonicalRequest, maxTokens: number): ThinkingSettings {
  const out: ThinkingSettings = { max_tokens: maxTokens };
  const temperature = temperatureOf(req.temperature);
  if (temperature !== undefined) out.temperature = temperature;
  if (req.topP !== undefined) out.top_p = req.topP;
  if (req.topK !== undefined) out.top_k = req.topK;
  return out;
}

export function encodeAnthropicThinking(
  req: CanonicalRequest,
  maxTokens: number,
  toolChoice: AnthropicToolChoice | undefined,
  limits?: TargetModelLimits,
): ThinkingSettings {
  const plain = () => sampling(req, clampOutputTokens(maxTokens, limits));
  const r = req.reasoning;
  if (!r || limits?.reasoning === false) return plain();
  if (!r.enabled || r.effort === 'none' || maxTokens === 0) return plain();
  if (toolChoice?.type === 'any' || toolChoice?.type === 'tool') return plain();

  const wanted = Math.max(MIN_THINKING_BUDGET, r.budgetTokens ?? budgetForEffort(r.effort ?? 'medium'));
  // the answer's room: what max_tokens leaves beside the budget, or all of it when it is no larger
  const room = maxTokens > wanted ? maxTokens - wanted : maxTokens;
  const max_tokens = clampOutputTokens(wanted + room, limits);
  const budget = Math.min(Math.max(MIN_THINKING_BUDGET, max_tokens - room), wanted, max_tokens - 1);
  if (budget < MIN_THINKING_BUDGET) return sampling(req, max_tokens);
  const out: ThinkingSettings = { max_tokens, thinking: { type: 'enabled', budget_tokens: budget } };
  if (req.topP !== undefined && req.topP >= 0.95) out.top_p = req.topP;
  return out;
}
