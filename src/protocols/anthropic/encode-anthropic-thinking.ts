// Canonical reasoning into Anthropic's `thinking` and the sampling settings that go with it.
//
// - reasoning.enabled → `{type: 'enabled', budget_tokens}`: the request's budget, else the
//   shared effort → budget table (medium when no effort is given), at least 1024.
// - Thinking tokens count toward max_tokens, which must exceed the budget: when it does not,
//   max_tokens becomes budget + max_tokens, so the answer keeps the room the client gave it.
// - Anthropic rejects thinking together with a forced tool choice (any / tool), and
//   temperature or top_k changes, and top_p below 0.95: a forced tool choice wins (no
//   thinking is sent); otherwise those sampling settings are left out.
// - reasoning.enabled false, or effort 'none' → no `thinking` field (which `type` values a
//   model accepts, and its default, vary by model; leaving the field out is accepted by all).
// - max_tokens 0 (prompt-cache warming, nothing generated) → no thinking either.
import { budgetForEffort, type CanonicalRequest } from '../../canonical/index.js';
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
): ThinkingSettings {
  const r = req.reasoning;
  if (!r) return sampling(req, maxTokens);
  if (!r.enabled || r.effort === 'none' || maxTokens === 0) return sampling(req, maxTokens);
  if (toolChoice?.type === 'any' || toolChoice?.type === 'tool') return sampling(req, maxTokens);

  const budget = Math.max(MIN_THINKING_BUDGET, r.budgetTokens ?? budgetForEffort(r.effort ?? 'medium'));
  const out: ThinkingSettings = {
    max_tokens: maxTokens > budget ? maxTokens : budget + maxTokens,
    thinking: { type: 'enabled', budget_tokens: budget },
  };
  if (req.topP !== undefined && req.topP >= 0.95) out.top_p = req.topP;
  return out;
}
