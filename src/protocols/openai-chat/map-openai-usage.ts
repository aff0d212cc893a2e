// OpenAI `usage` <-> canonical Usage.
import { emptyUsage, type Usage } from '../../canonical/index.js';
import type { OpenAIUsage, OpenAIUsageIn } from './openai-chat-wire-types.js';
import { isObject } from './read-openai-request-fields.js';

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

/**
 * Canonical usage from a provider's `usage` object; all zero when it is missing or not an
 * object (the caller then estimates).
 *
 * - cache reads: `prompt_tokens_details.cached_tokens`, or DeepSeek's `prompt_cache_hit_tokens`
 * - cache writes: `prompt_tokens_details.cache_write_tokens`
 * - reasoning: `completion_tokens_details.reasoning_tokens`
 * - xAI leaves reasoning tokens *out* of `completion_tokens` (its `total_tokens` is
 *   prompt + completion + reasoning); they are added back so `outputTokens` always
 *   includes reasoning, as the canonical model says.
 */
export function mapOpenAIUsage(raw: unknown): Usage {
  const usage = emptyUsage();
  if (!isObject(raw)) return usage;
  const u = raw as OpenAIUsageIn;
  const prompt = count(u.prompt_tokens) ?? 0;
  const completion = count(u.completion_tokens) ?? 0;
  const total = count(u.total_tokens);
  const promptDetails = isObject(u.prompt_tokens_details) ? u.prompt_tokens_details : undefined;
  const completionDetails = isObject(u.completion_tokens_details) ? u.completion_tokens_details : undefined;
  const reasoning = count(completionDetails?.reasoning_tokens) ?? 0;

  usage.inputTokens = prompt;
  usage.outputTokens =
    reasoning > 0 && total === prompt + completion + reasoning ? completion + reasoning : completion;
  usage.cacheReadTokens = count(promptDetails?.cached_tokens) ?? count(u.prompt_cache_hit_tokens) ?? 0;
  usage.cacheWriteTokens = count(promptDetails?.cache_write_tokens) ?? 0;
  usage.reasoningTokens = reasoning;
  return usage;
}

/** OpenAI `usage` for a canonical one (cache writes only when there were any). */
export function toOpenAIUsage(u: Usage): OpenAIUsage {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
    prompt_tokens_details:
      u.cacheWriteTokens > 0
        ? { cached_tokens: u.cacheReadTokens, cache_write_tokens: u.cacheWriteTokens }
        : { cached_tokens: u.cacheReadTokens },
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens },
  };
}
