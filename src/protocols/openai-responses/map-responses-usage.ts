// Responses `usage` <-> canonical Usage. OpenAI counts cached tokens inside input_tokens and
// reasoning tokens inside output_tokens, which is the canonical convention already.
import { emptyUsage, type Usage } from '../../canonical/index.js';
import type { ResponsesUsage } from './responses-wire-types.js';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** Canonical usage from a Responses `usage` object (all zero when missing). */
export function mapResponsesUsage(raw: unknown): Usage {
  const usage = emptyUsage();
  if (typeof raw !== 'object' || raw === null) return usage;
  const u = raw as Record<string, unknown>;
  usage.inputTokens = count(u.input_tokens);
  usage.outputTokens = count(u.output_tokens);
  usage.cacheReadTokens = count(obj(u.input_tokens_details).cached_tokens);
  usage.reasoningTokens = count(obj(u.output_tokens_details).reasoning_tokens);
  return usage;
}

export function toResponsesUsage(u: Usage): ResponsesUsage {
  return {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cacheReadTokens },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens },
    total_tokens: u.inputTokens + u.outputTokens,
  };
}
