import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogModel } from '../catalog/index.js';
import type { ProviderRuntime } from '../providers/index.js';
import { asksLongContext, contextWindowOf } from './context-window.js';
import type { Deployment } from './deployment.js';

const sonnet: Pick<CatalogModel, 'contextWindow' | 'prices'> = {
  contextWindow: 200_000,
  prices: {
    inputPerMtok: 3,
    outputPerMtok: 15,
    cacheReadPerMtok: 0.3,
    cacheWritePerMtok: 3.75,
    tiers: [
      {
        aboveInputTokens: 200_000,
        inputPerMtok: 6,
        outputPerMtok: 22.5,
        cacheReadPerMtok: 0.6,
        cacheWritePerMtok: 7.5,
      },
    ],
  },
};
const deployment = (
  protocol: ProviderRuntime['protocol'],
  model: Pick<CatalogModel, 'contextWindow' | 'prices'> = sonnet,
) => ({ provider: { protocol }, model }) as unknown as Deployment;

test('asksLongContext: a context-1m value among the anthropic-beta values', () => {
  assert.equal(asksLongContext('claude-code-20250219,context-1m-2025-08-07'), true);
  assert.equal(asksLongContext(['interleaved-thinking-2025-05-14', ' context-1m-2025-08-07']), true);
  assert.equal(asksLongContext('claude-code-20250219'), false);
  assert.equal(asksLongContext(undefined), false);
});

test('contextWindowOf: 1M with the beta on Anthropic for a model with long-context prices', () => {
  assert.equal(contextWindowOf(deployment('anthropic'), true), 1_000_000);
  assert.equal(contextWindowOf(deployment('anthropic'), false), 200_000);
  // translated: the beta does not travel
  assert.equal(contextWindowOf(deployment('bedrock'), true), 200_000);
  // no long-context prices (Haiku)
  const haiku = { contextWindow: 200_000, prices: { ...sonnet.prices, tiers: undefined } };
  assert.equal(contextWindowOf(deployment('anthropic', haiku), true), 200_000);
  // a window the catalog does not know stays unknown
  assert.equal(contextWindowOf(deployment('anthropic', { ...sonnet, contextWindow: null }), true), null);
});
