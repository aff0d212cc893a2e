import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapGeminiUsage } from './map-gemini-usage.js';

describe('mapGeminiUsage', () => {
  test('maps every count', () => {
    assert.deepEqual(
      mapGeminiUsage({
        promptTokenCount: 120,
        cachedContentTokenCount: 100,
        candidatesTokenCount: 29,
        thoughtsTokenCount: 258,
        totalTokenCount: 407,
      }),
      { inputTokens: 120, cacheReadTokens: 100, outputTokens: 287, reasoningTokens: 258 },
    );
  });

  test('no thoughts: reasoning 0, output = candidates', () => {
    assert.deepEqual(mapGeminiUsage({ promptTokenCount: 5, candidatesTokenCount: 7 }), {
      inputTokens: 5,
      outputTokens: 7,
      reasoningTokens: 0,
    });
  });

  test('a chunk with only trafficType reports nothing', () => {
    assert.deepEqual(mapGeminiUsage({ trafficType: 'ON_DEMAND' } as never), {});
    assert.deepEqual(mapGeminiUsage(undefined), {});
  });
});
