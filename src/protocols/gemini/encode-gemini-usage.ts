// Canonical usage as Gemini's usageMetadata (the inverse of mapGeminiUsage): the prompt count
// includes cached tokens; candidatesTokenCount leaves out the thoughts.
import type { Usage } from '../../canonical/index.js';
import type { GeminiUsageMetadata } from './gemini-types.js';

export function encodeGeminiUsage(u: Usage): GeminiUsageMetadata {
  const out: GeminiUsageMetadata = {
    promptTokenCount: u.inputTokens,
    candidatesTokenCount: Math.max(0, u.outputTokens - u.reasoningTokens),
    totalTokenCount: u.inputTokens + u.outputTokens,
  };
  if (u.cacheReadTokens > 0) out.cachedContentTokenCount = u.cacheReadTokens;
  if (u.reasoningTokens > 0) out.thoughtsTokenCount = u.reasoningTokens;
  return out;
}
