import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickByDollars } from './evaluate.js';
import { knobOf, lambdaOf, pickIndex, rankByTradeoff, rankByValue } from './tradeoff.js';

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

describe('rankByValue', () => {
  it('ranks by quality − cost / value in USD, so it picks differently from the doublings rule', () => {
    // value $1: big 0.9 − 0.032 = 0.868, mid 0.85 − 0.004 = 0.846, small 0.599 (doublings at 0.5: mid)
    assert.deepEqual(
      rankByValue(cands, 1).map((c) => c.model),
      ['big', 'mid', 'small'],
    );
    assert.equal(rankByTradeoff(cands, 0.5)[0]!.model, 'mid');
    // value $0.002: small 0.6 − 0.5 = 0.1, mid 0.85 − 2 = −1.15, big 0.9 − 16
    assert.deepEqual(
      rankByValue(cands, 0.002).map((c) => c.model),
      ['small', 'mid', 'big'],
    );
    // $0.1: mid 0.81 beats big 0.58 and small 0.59
    assert.equal(rankByValue(cands, 0.1)[0]!.model, 'mid');
  });

  it('depends on the currency scale (the doublings rule does not)', () => {
    const pricier = cands.map((c) => ({ ...c, cost: c.cost * 100 }));
    assert.equal(rankByTradeoff(pricier, 0.5)[0]!.model, rankByTradeoff(cands, 0.5)[0]!.model);
    assert.equal(rankByValue(cands, 1)[0]!.model, 'big');
    assert.equal(rankByValue(pricier, 1)[0]!.model, 'small');
  });

  it('ties: the cheaper, then the better', () => {
    const tie = [
      { model: 'a', quality: 0.5, cost: 0.02 },
      { model: 'b', quality: 0.6, cost: 0.03 },
      { model: 'c', quality: 0.4, cost: 0.01 },
    ];
    // value $0.1: every utility is 0.3
    assert.deepEqual(
      rankByValue(tie, 0.1).map((c) => c.model),
      ['c', 'a', 'b'],
    );
  });

  it('its first is what `router eval --rule dollars` picks at μ = 1 / value', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let t = 0; t < 200; t++) {
      const cs = Array.from({ length: 1 + Math.floor(rnd() * 8) }, (_, i) => ({
        model: `m${i}`,
        quality: Math.round(rnd() * 100) / 100,
        cost: Math.round(rnd() * 1e6) / 1e8,
      }));
      const value = 10 ** (-4 + rnd() * 5);
      const i = pickByDollars(
        cs.map((c) => c.quality),
        cs.map((c) => c.cost),
        1 / value,
      );
      const first = rankByValue(cs, value)[0]!;
      assert.equal(first.quality - first.cost / value, cs[i]!.quality - cs[i]!.cost / value);
    }
  });
});
