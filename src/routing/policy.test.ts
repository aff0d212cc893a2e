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

test('quality_value_usd is exact nano-USD, opt-in; zero, negative or non-numeric amounts are a 400 naming it', () => {
  const at = { source: 'config' as const, orgId: null };
  assert.equal(compilePolicy('v', { quality_value_usd: '0.02' }, at).qualityValueNanos, 20_000_000);
  assert.equal(compilePolicy('w', { quality_value_usd: 1.5 }, at).qualityValueNanos, 1_500_000_000);
  assert.equal(compilePolicy('x', {}, at).qualityValueNanos, undefined);
  for (const bad of ['0', '0.000', 0, -1, '-0.5', 'lots', '1e-3', '0.0000000001'])
    assert.throws(
      () => compilePolicy('y', { quality_value_usd: bad as string }, at),
      (e: Error & { param?: string; status?: number }) => e.param === 'quality_value_usd' && e.status === 400,
      String(bad),
    );
});
