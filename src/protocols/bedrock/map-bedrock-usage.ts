import type { Usage } from '../../canonical/index.js';
import type { BedrockUsage } from './bedrock-types.js';

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/**
 * Converse usage → canonical usage. Bedrock's `inputTokens` leaves out the tokens read from and
 * written to the prompt cache (its totalTokens adds them); the canonical input includes them.
 */
export function mapBedrockUsage(u: BedrockUsage | undefined): Usage {
  const cacheRead = n(u?.cacheReadInputTokens);
  const cacheWrite = n(u?.cacheWriteInputTokens);
  return {
    inputTokens: n(u?.inputTokens) + cacheRead + cacheWrite,
    outputTokens: n(u?.outputTokens),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
  };
}
