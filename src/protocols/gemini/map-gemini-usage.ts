import type { Usage } from '../../canonical/index.js';
import type { GeminiUsageMetadata } from './gemini-types.js';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * usageMetadata as canonical usage, with only the fields Gemini reported (stream chunks
 * often carry nothing but `trafficType`). promptTokenCount already includes cached tokens;
 * candidatesTokenCount leaves out thoughtsTokenCount, so output = candidates + thoughts.
 */
export function mapGeminiUsage(meta: GeminiUsageMetadata | undefined): Partial<Usage> {
  const out: Partial<Usage> = {};
  if (!meta || typeof meta !== 'object') return out;
  const prompt = num(meta.promptTokenCount);
  const cached = num(meta.cachedContentTokenCount);
  const candidates = num(meta.candidatesTokenCount);
  const thoughts = num(meta.thoughtsTokenCount);
  if (prompt !== undefined) out.inputTokens = prompt;
  if (cached !== undefined) out.cacheReadTokens = cached;
  if (candidates !== undefined || thoughts !== undefined) {
    out.outputTokens = (candidates ?? 0) + (thoughts ?? 0);
    out.reasoningTokens = thoughts ?? 0;
  }
  return out;
}
