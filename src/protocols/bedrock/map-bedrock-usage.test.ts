import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapBedrockUsage } from './map-bedrock-usage.js';

test('cache reads and writes are added to the input, as the canonical usage counts them', () => {
  assert.deepEqual(
    mapBedrockUsage({
      inputTokens: 10,
      outputTokens: 20,
      totalTokens: 1530,
      cacheReadInputTokens: 1000,
      cacheWriteInputTokens: 500,
    }),
    { inputTokens: 1510, outputTokens: 20, cacheReadTokens: 1000, cacheWriteTokens: 500, reasoningTokens: 0 },
  );
});

test('missing or nonsense counts are zero', () => {
  assert.deepEqual(mapBedrockUsage(undefined), {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  });
  assert.equal(mapBedrockUsage({ inputTokens: -3, outputTokens: Number.NaN }).inputTokens, 0);
});
