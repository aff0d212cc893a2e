// Usage between Anthropic and canonical. Anthropic's `input_tokens` excludes cache reads and
// cache writes (total prompt = input + cache_read + cache_creation); canonical `inputTokens`
// includes them.
import type { Usage } from '../../canonical/index.js';
import type { AnthropicUsage } from './anthropic-wire-types.js';
import { isRecord } from './read-request-fields.js';

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

export interface AnthropicUsageTracker {
  /**
   * Reads one Anthropic usage object (message, message_start or message_delta; fields may be
   * missing or null) and returns the canonical fields it determines. Input and cache counts
   * seen earlier are remembered, so a later report that only changes one of them still
   * yields the right `inputTokens` total.
   */
  update(raw: unknown): Partial<Usage>;
}

export function createAnthropicUsageTracker(): AnthropicUsageTracker {
  let input: number | undefined;
  let cacheRead: number | undefined;
  let cacheWrite: number | undefined;
  return {
    update(raw) {
      const out: Partial<Usage> = {};
      if (!isRecord(raw)) return out;
      const i = count(raw.input_tokens);
      const r = count(raw.cache_read_input_tokens);
      const w = count(raw.cache_creation_input_tokens);
      if (i !== undefined) input = i;
      if (r !== undefined) cacheRead = r;
      if (w !== undefined) cacheWrite = w;
      if (i !== undefined || r !== undefined || w !== undefined) {
        out.inputTokens = (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
        out.cacheReadTokens = cacheRead ?? 0;
        out.cacheWriteTokens = cacheWrite ?? 0;
      }
      const o = count(raw.output_tokens);
      if (o !== undefined) out.outputTokens = o;
      const thinking = isRecord(raw.output_tokens_details)
        ? count(raw.output_tokens_details.thinking_tokens)
        : undefined;
      if (thinking !== undefined) out.reasoningTokens = thinking;
      return out;
    },
  };
}

/** One Anthropic usage object in canonical terms. */
export const usageFromAnthropic = (raw: unknown): Partial<Usage> => createAnthropicUsageTracker().update(raw);

/** Canonical usage as Anthropic reports it (input without the cached parts). */
export function usageToAnthropic(usage: Partial<Usage>): AnthropicUsage {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const out: AnthropicUsage = {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage.outputTokens ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
  if (usage.reasoningTokens !== undefined)
    out.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return out;
}
