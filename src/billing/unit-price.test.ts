import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyUsage } from '../canonical/types.js';
import { FREE_PRICE, type ModelPrice } from './model-price.js';
import { callCost, meteredBy, unitCost, unitPricesFromUsd, usdToPicos, worstUnitCost } from './unit-price.js';

test('USD per unit → pico-USD exactly from the decimal digits', () => {
  assert.equal(usdToPicos(0.04), 40_000_000_000);
  assert.equal(usdToPicos(0.0001), 100_000_000);
  assert.equal(usdToPicos(0.00028333), 283_330_000);
  assert.equal(usdToPicos(3.333e-5), 33_330_000);
  assert.equal(usdToPicos(0), 0);
  assert.throws(() => usdToPicos(-1), RangeError);
  // $15 per million characters = 15 000 000 pico-USD (15 µ$) per character
  assert.deepEqual(unitPricesFromUsd({ perMchar: 15, perQuery: 0.002 }), {
    character: 15_000_000,
    query: 2_000_000_000,
  });
  assert.equal(unitPricesFromUsd({}), undefined);
});

test('unit costs round half up to the nano; the worst case rounds up', () => {
  assert.equal(unitCost(3, 100_000_000), 300_000);
  assert.equal(unitCost(1, 1_499), 1);
  assert.equal(unitCost(1, 1_500), 2);
  assert.equal(worstUnitCost(1, 1_001), 2);
  assert.equal(worstUnitCost(2.2, 1000), 3);
  assert.equal(unitCost(0, 1000), 0);
});

const tokens: ModelPrice = {
  input: 1_000_000,
  output: 2_000_000,
  cacheRead: 1_000_000,
  cacheWrite: 1_000_000,
  reasoning: 2_000_000,
  free: false,
};
const imageOnly: ModelPrice = {
  ...FREE_PRICE,
  free: false,
  units: { image: 40_000_000_000 },
  tokensUnpriced: true,
};

test('the unit price wins where there is one; tokens otherwise; neither = unpriced', () => {
  assert.equal(meteredBy(imageOnly, 'image'), 'units');
  assert.equal(meteredBy(imageOnly, 'second'), null);
  assert.equal(meteredBy(imageOnly, undefined), null, 'a chat call on a per-image model cannot be billed');
  assert.equal(meteredBy(tokens, 'image'), 'tokens');
  assert.equal(meteredBy({ ...tokens, units: { query: 5 } }, 'query'), 'units');
  assert.equal(meteredBy(FREE_PRICE, 'image'), 'tokens');
});

test('callCost: units × unit price, else the token cost; free is free', () => {
  const usage = { ...emptyUsage(), inputTokens: 1000, outputTokens: 500 };
  assert.equal(callCost(usage, { kind: 'image', count: 2 }, imageOnly), 80_000_000);
  assert.equal(callCost(usage, { kind: 'image', count: 2 }, tokens), 2_000_000);
  assert.equal(callCost(usage, undefined, tokens), 2_000_000);
  assert.equal(callCost(usage, { kind: 'image', count: 2 }, FREE_PRICE), 0);
});
