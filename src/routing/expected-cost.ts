// What a request is expected to cost on a model before it is sent: its prompt tokens (those a
// warm prompt cache holds at the cache-read price) and the expected output tokens, at the exact
// price billing will charge (integer nano-USD, billing/cost.ts).
import { costOf } from '../billing/cost.js';
import type { ModelPrice } from '../billing/model-price.js';

export function expectedCostNanos(
  price: ModelPrice,
  promptTokens: number,
  outputTokens: number,
  cachedTokens = 0,
): number {
  const cached = Math.max(0, Math.min(cachedTokens, promptTokens));
  return costOf(
    {
      inputTokens: promptTokens,
      outputTokens,
      cacheReadTokens: cached,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    },
    price,
  );
}

export const nanosToUsd = (nanos: number): number => nanos / 1e9;
