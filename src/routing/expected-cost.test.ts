import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FREE_PRICE, type ModelPrice } from '../billing/model-price.js';
import { expectedCostNanos } from './expected-cost.js';

// $2.50 / $10 per million tokens, cache reads $1.25 (micro-USD per million = pico-USD per token)
const price: ModelPrice = {
  input: 2_500_000,
  output: 10_000_000,
  cacheRead: 1_250_000,
  cacheWrite: 2_500_000,
  reasoning: 10_000_000,
  free: false,
};

test('prompt and output tokens at their prices, exactly', () => {
  // 1000 × 2.5e6 pico + 500 × 1e7 pico = 2.5e9 + 5e9 pico = 7.5e6 nano
  assert.equal(expectedCostNanos(price, 1000, 500), 7_500_000);
});

test('tokens held by a warm prompt cache cost the cache-read price', () => {
  // 800 cached × 1.25e6 + 200 × 2.5e6 + 500 × 1e7 = 1e9 + 0.5e9 + 5e9 pico = 6.5e6 nano
  assert.equal(expectedCostNanos(price, 1000, 500, 800), 6_500_000);
  // never more cached than the prompt has
  assert.equal(expectedCostNanos(price, 1000, 0, 5000), 1_250_000);
});

test('a free model costs nothing', () => {
  assert.equal(expectedCostNanos(FREE_PRICE, 100_000, 10_000), 0);
});
