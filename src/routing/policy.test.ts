import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinPolicy, compilePolicy, tradeoffOf } from './policy.js';

test('prefer presets, weights and an explicit tradeoff set the knob and the latency share', () => {
  assert.equal(tradeoffOf({}).knob, 0.5);
  assert.equal(tradeoffOf({ prefer: 'price' }).knob, 0.2);
  assert.equal(tradeoffOf({ prefer: 'quality' }).knob, 0.75);
  assert.ok(tradeoffOf({ prefer: 'latency' }).latencyWeight > tradeoffOf({}).latencyWeight);
  assert.equal(tradeoffOf({ weights: { quality: 9, price: 1 } }).knob, 0.9);
  assert.equal(tradeoffOf({ weights: { latency: 0 } }).latencyWeight, 0);
  assert.equal(tradeoffOf({ prefer: 'price', tradeoff: 0.6 }).knob, 0.6);
  assert.equal(tradeoffOf({ weights: { quality: 0, price: 0 } }).knob, 0.5);
});

test('a price cap is exact nano-USD; bad amounts are a 400 naming the field', () => {
  const p = compilePolicy('p', { max_price_usd: '0.000000123' }, { source: 'config', orgId: null });
  assert.equal(p.maxPriceNanos, 123);
  assert.equal(
    compilePolicy('q', { max_price_usd: 0.5 }, { source: 'config', orgId: null }).maxPriceNanos,
    500_000_000,
  );
  assert.throws(
    () => compilePolicy('r', { max_price_usd: '0.0000000001' }, { source: 'config', orgId: null }),
    (e: Error & { param?: string }) => e.param === 'max_price_usd',
  );
});

test('defaults: two fallbacks, cache affinity on, no rules; the built-in policy is balanced over every model', () => {
  const p = builtinPolicy();
  assert.equal(p.name, 'default');
  assert.equal(p.source, 'builtin');
  assert.equal(p.knob, 0.5);
  assert.equal(p.fallbacks, 2);
  assert.equal(p.cacheAffinity, true);
  assert.equal(p.models, undefined);
  assert.deepEqual(p.rules, []);
});
