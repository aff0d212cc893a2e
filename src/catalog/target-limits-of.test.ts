import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogModel } from './catalog-model.js';
import { targetLimitsOf } from './target-limits-of.js';

function model(over: Partial<CatalogModel>): CatalogModel {
  return {
    id: 'openai/gpt-5-mini',
    provider: 'openai',
    model: 'gpt-5-mini',
    mode: 'chat',
    contextWindow: 400000,
    maxOutputTokens: 128000,
    prices: { inputPerMtok: 0.25, outputPerMtok: 2, cacheReadPerMtok: null, cacheWritePerMtok: null },
    free: false,
    toolCalling: true,
    vision: true,
    reasoning: true,
    releaseDate: null,
    created: 0,
    ...over,
  };
}

test('targetLimitsOf: output maximum, reasoning flag and the family efforts', () => {
  assert.deepEqual(targetLimitsOf(model({})), {
    maxOutputTokens: 128000,
    reasoning: true,
    efforts: ['minimal', 'low', 'medium', 'high'],
  });
  assert.deepEqual(
    targetLimitsOf(model({ model: 'gpt-4o-mini', maxOutputTokens: 16384, reasoning: false })),
    { maxOutputTokens: 16384, reasoning: false, efforts: ['none', 'minimal', 'low', 'medium', 'high'] },
  );
});

test('targetLimitsOf: unknown fields stay unknown; an unlisted model has no limits', () => {
  assert.deepEqual(targetLimitsOf(model({ model: 'x', maxOutputTokens: null, reasoning: null })), {
    efforts: ['none', 'minimal', 'low', 'medium', 'high'],
  });
  assert.equal(targetLimitsOf(model({ unlisted: true })), undefined);
});
