import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applyLimits,
  keepAffinity,
  rank,
  rankQuality,
  ruleOf,
  type Scored,
  withFallbacks,
} from './choose.js';
import { rankByTradeoff } from './model/tradeoff.js';
import { compilePolicy } from './policy.js';

const c = (model: string, quality: number, costNanos: number, extra: Partial<Scored> = {}): Scored => ({
  model,
  provider: model.split('/')[0]!,
  quality,
  rankQuality: quality,
  costNanos,
  errorRate: 0,
  ...extra,
});

test('errors and slowness lower the quality ranking sees, by the policy latency weight', () => {
  const p = compilePolicy(
    'p',
    { prefer: 'latency', latency_objective_ms: 1000 },
    { source: 'config', orgId: null },
  );
  assert.equal(rankQuality(0.8, { errorRate: 0 }, p), 0.8);
  assert.ok(Math.abs(rankQuality(0.8, { errorRate: 0.5 }, p) - 0.4) < 1e-9);
  const slow = rankQuality(0.8, { ttftMs: 2000, errorRate: 0 }, p);
  const quick = rankQuality(0.8, { ttftMs: 100, errorRate: 0 }, p);
  assert.ok(slow < quick && quick < 0.8);
  const q = compilePolicy('q', { weights: { latency: 0 } }, { source: 'config', orgId: null });
  assert.equal(rankQuality(0.8, { ttftMs: 9000, errorRate: 0 }, q), 0.8);
});

test('price cap and minimum quality drop, with the reason; the latency objective only while others remain', () => {
  const p = compilePolicy(
    'p',
    { max_price_usd: '0.001', min_quality: 0.5, latency_objective_ms: 500 },
    { source: 'config', orgId: null },
  );
  const { kept, dropped } = applyLimits(
    [
      c('a/cheap', 0.6, 100_000),
      c('a/dear', 0.9, 2_000_000),
      c('b/weak', 0.3, 10),
      c('b/slow', 0.7, 1000, { ttftMs: 900 }),
    ],
    p,
  );
  assert.deepEqual(
    kept.map((x) => x.model),
    ['a/cheap'],
  );
  assert.deepEqual(
    dropped.map((d) => d.model),
    ['a/dear', 'b/weak', 'b/slow'],
  );
  assert.match(dropped[0]!.reason, /expected cost \$0\.00200 above the cap \$0\.00100/);
  assert.match(dropped[1]!.reason, /below the minimum 0\.5/);
  assert.match(dropped[2]!.reason, /900 ms above the objective 500 ms/);
  // only slow models: the objective cannot be kept, none is dropped for it
  const onlySlow = applyLimits([c('b/slow', 0.7, 1000, { ttftMs: 900 })], p);
  assert.equal(onlySlow.kept.length, 1);
});

test('rank keeps the rule order and appends what the rule left out', () => {
  const kept = [c('a/x', 0.5, 10), c('b/y', 0.9, 1000), c('c/z', 0.7, 100)];
  const order = rank(kept, 0.5, (cands) => [cands[2]!]);
  assert.deepEqual(
    order.map((x) => x.model),
    ['c/z', 'b/y', 'a/x'],
  );
});

test('affinity keeps the provider with the warm cache only when nearly as good', () => {
  const ranked = [c('b/best', 0.8, 100), c('a/near', 0.77, 50), c('a/far', 0.5, 1)];
  const kept = keepAffinity(ranked, 'a');
  assert.equal(kept.kept, true);
  assert.equal(kept.order[0]!.model, 'a/near');
  const far = keepAffinity([c('b/best', 0.9, 100), c('a/far', 0.5, 1)], 'a');
  assert.equal(far.kept, false);
  assert.equal(far.order[0]!.model, 'b/best');
});

test('fallbacks prefer other providers, up to n', () => {
  const order = [c('a/1', 0.9, 1), c('a/2', 0.8, 1), c('b/1', 0.7, 1), c('c/1', 0.6, 1)];
  assert.deepEqual(
    withFallbacks(order, 2).map((x) => x.model),
    ['a/1', 'b/1', 'c/1'],
  );
  assert.deepEqual(
    withFallbacks(order, 10).map((x) => x.model),
    ['a/1', 'b/1', 'c/1', 'a/2'],
  );
  assert.deepEqual(withFallbacks([], 2), []);
});

test('a policy with quality_value_usd ranks by value in dollars; without it, by the model rule at its knob', () => {
  // expected costs of one request: 0.1¢, 0.4¢, 3.2¢
  const kept = [c('a/small', 0.6, 1_000_000), c('b/mid', 0.85, 4_000_000), c('c/big', 0.9, 32_000_000)];
  const plain = compilePolicy('p', {}, { source: 'config', orgId: null });
  assert.equal(rank(kept, plain.knob, ruleOf(plain, rankByTradeoff))[0]!.model, 'b/mid');
  // a point of quality worth $1: big 0.9 − 0.032 beats mid 0.85 − 0.004
  const generous = compilePolicy('v', { quality_value_usd: '1' }, { source: 'config', orgId: null });
  assert.deepEqual(
    rank(kept, generous.knob, ruleOf(generous, rankByTradeoff)).map((x) => x.model),
    ['c/big', 'b/mid', 'a/small'],
  );
  // worth $0.002 (a number works too): small 0.6 − 0.5 beats mid 0.85 − 2
  const frugal = compilePolicy('f', { quality_value_usd: 0.002 }, { source: 'config', orgId: null });
  assert.equal(rank(kept, frugal.knob, ruleOf(frugal, rankByTradeoff))[0]!.model, 'a/small');
  // the rule sees the quality discounted for health, as the doublings rule does
  const flaky = [c('a/small', 0.6, 1_000_000), c('c/big', 0.9, 32_000_000, { rankQuality: 0.45 })];
  assert.equal(rank(flaky, generous.knob, ruleOf(generous, rankByTradeoff))[0]!.model, 'a/small');
});
