import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knobOf, lambdaOf, pickIndex, rankByTradeoff } from './tradeoff.js';

const cands = [
  { model: 'big', quality: 0.9, cost: 0.032 },
  { model: 'mid', quality: 0.85, cost: 0.004 },
  { model: 'small', quality: 0.6, cost: 0.001 },
];

describe('rankByTradeoff', () => {
  it('knob 0 takes the cheapest, knob 1 the best quality', () => {
    assert.equal(rankByTradeoff(cands, 0)[0]!.model, 'small');
    assert.equal(rankByTradeoff(cands, 1)[0]!.model, 'big');
    assert.deepEqual(
      rankByTradeoff(cands, 1).map((c) => c.model),
      ['big', 'mid', 'small'],
    );
  });

  it('in between, pays λ(knob) quality per doubling of price over the cheapest', () => {
    // at 0.5: λ = 0.05. small: 0.6 − 0.05·1 = 0.55; mid: 0.85 − 0.05·log2(5) = 0.734; big: 0.9 − 0.05·log2(33) = 0.648
    assert.equal(lambdaOf(0.5), 0.05);
    assert.deepEqual(
      rankByTradeoff(cands, 0.5).map((c) => c.model),
      ['mid', 'big', 'small'],
    );
  });

  it('ties: equal utility → the cheaper; free candidates pay nothing', () => {
    const tie = [
      { model: 'a', quality: 0.8, cost: 0 },
      { model: 'b', quality: 0.8, cost: 0 },
      { model: 'c', quality: 0.8, cost: 0.01 },
    ];
    assert.equal(rankByTradeoff(tie, 1)[0]!.cost, 0);
    assert.equal(rankByTradeoff(tie, 1)[2]!.model, 'c');
  });

  it('knobOf inverts lambdaOf, and pickIndex agrees with the ranking', () => {
    for (const k of [0, 0.1, 0.5, 0.85, 1]) assert.ok(Math.abs(knobOf(lambdaOf(k)) - k) < 1e-12);
    for (const k of [0, 0.2, 0.5, 0.85, 1]) {
      const i = pickIndex(
        cands.map((c) => c.quality),
        cands.map((c) => c.cost),
        lambdaOf(k),
      );
      assert.equal(cands[i]!.model, rankByTradeoff(cands, k)[0]!.model);
    }
  });
});
