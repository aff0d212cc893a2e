import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type BalanceCandidate, type BalanceStrategy, orderCandidates } from './load-balancer.js';

/** mulberry32: a small seeded PRNG, so the statistics below are the same on every run */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const c = (id: string, weight: number, inFlight = 0, latencyEwma?: number): BalanceCandidate => ({
  id,
  weight,
  inFlight,
  latencyEwma,
});

/** share of first picks per id over n orderings */
function firstPicks(cands: BalanceCandidate[], strategy: BalanceStrategy, n = 10_000, seed = 42) {
  const random = seeded(seed);
  const counts: Record<string, number> = {};
  for (const x of cands) counts[x.id] = 0;
  for (let i = 0; i < n; i++) counts[orderCandidates(cands, strategy, random)[0].id]++;
  return Object.fromEntries(Object.entries(counts).map(([id, k]) => [id, k / n]));
}

const near = (actual: number, expected: number, tolerance = 0.02) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

const ids = (xs: BalanceCandidate[]) => xs.map((x) => x.id);

describe('every strategy', () => {
  for (const strategy of ['weighted', 'least_outstanding', 'latency'] as const) {
    test(`${strategy}: returns every candidate exactly once and leaves the input alone`, () => {
      const cands = [c('a', 1, 2, 300), c('b', 2, 0), c('c', 0, 1, 100), c('d', 5, 3, 50)];
      const before = ids(cands);
      const random = seeded(7);
      for (let i = 0; i < 200; i++) {
        const out = orderCandidates(cands, strategy, random);
        assert.deepEqual(ids(out).sort(), ['a', 'b', 'c', 'd']);
      }
      assert.deepEqual(ids(cands), before);
    });

    test(`${strategy}: empty and single inputs`, () => {
      assert.deepEqual(orderCandidates([], strategy), []);
      const one = [c('a', 1)];
      const out = orderCandidates(one, strategy);
      assert.deepEqual(ids(out), ['a']);
      assert.notEqual(out, one);
    });

    test(`${strategy}: a weight-0 deployment is standby, after all the others`, () => {
      const random = seeded(3);
      for (let i = 0; i < 200; i++) {
        const out = orderCandidates(
          [c('s1', 0, 0), c('a', 1, 5, 900), c('s2', 0, 0), c('b', 1, 5, 900)],
          strategy,
          random,
        );
        assert.deepEqual(ids(out).slice(2), ['s1', 's2']);
      }
    });
  }

  test('an unknown strategy is an error', () => {
    assert.throws(() => orderCandidates([c('a', 1), c('b', 1)], 'fastest' as BalanceStrategy), /fastest/);
  });
});

describe('weighted', () => {
  test('weights 3:1 → about 75% of first picks', () => {
    const share = firstPicks([c('a', 3), c('b', 1)], 'weighted');
    near(share.a, 0.75);
    near(share.b, 0.25);
  });

  test('weights 5:3:2 → 50/30/20', () => {
    const share = firstPicks([c('a', 5), c('b', 3), c('c', 2)], 'weighted');
    near(share.a, 0.5);
    near(share.b, 0.3);
    near(share.c, 0.2);
  });

  test('the fallback order is a draw without replacement too', () => {
    // after a (weight 2 of 4) is drawn first, b and c are 1:1 for second place
    const random = seeded(11);
    let bSecond = 0;
    let aFirst = 0;
    for (let i = 0; i < 10_000; i++) {
      const out = ids(orderCandidates([c('a', 2), c('b', 1), c('c', 1)], 'weighted', random));
      if (out[0] !== 'a') continue;
      aFirst++;
      if (out[1] === 'b') bSecond++;
    }
    near(aFirst / 10_000, 0.5);
    near(bSecond / aFirst, 0.5, 0.03);
  });

  test('no positive weight at all: every deployment counts as weight 1', () => {
    const share = firstPicks([c('a', 0), c('b', 0)], 'weighted');
    near(share.a, 0.5);
  });

  test('follows the random source: 0 picks the first, just under 1 the last', () => {
    const cands = [c('a', 1), c('b', 1), c('c', 1)];
    assert.deepEqual(ids(orderCandidates(cands, 'weighted', () => 0)), ['a', 'b', 'c']);
    assert.deepEqual(ids(orderCandidates(cands, 'weighted', () => 0.999999)), ['c', 'b', 'a']);
  });
});

describe('least_outstanding', () => {
  test('fewest in flight first, then the rest by in-flight count', () => {
    const random = seeded(5);
    for (let i = 0; i < 100; i++) {
      const out = orderCandidates(
        [c('a', 9, 4), c('b', 1, 0), c('c', 1, 2), c('d', 1, 7)],
        'least_outstanding',
        random,
      );
      assert.deepEqual(ids(out), ['b', 'c', 'a', 'd']);
    }
  });

  test('ties are broken by weight at random', () => {
    const share = firstPicks([c('a', 3, 1), c('b', 1, 1), c('busy', 100, 2)], 'least_outstanding');
    near(share.a, 0.75);
    near(share.b, 0.25);
    assert.equal(share.busy, 0);
  });
});

describe('latency (power of two choices)', () => {
  test('prefers the lower EWMA and still sends some traffic to the slower one', () => {
    // equal weights, pairs drawn independently: the slow one wins only when drawn twice (1/4)
    const share = firstPicks([c('fast', 1, 0, 100), c('slow', 1, 0, 500)], 'latency');
    near(share.fast, 0.75);
    near(share.slow, 0.25);
  });

  test('three deployments: 5/9, 3/9, 1/9 of first picks by rank', () => {
    const share = firstPicks([c('slow', 1, 0, 900), c('fast', 1, 0, 100), c('mid', 1, 0, 400)], 'latency');
    near(share.fast, 5 / 9);
    near(share.mid, 3 / 9);
    near(share.slow, 1 / 9);
  });

  test('the draw follows the weights', () => {
    // slow has weight 3 of 4: it wins only when both draws are slow: (3/4)² = 56%
    const share = firstPicks([c('fast', 1, 0, 100), c('slow', 3, 0, 500)], 'latency');
    near(share.slow, 0.5625);
  });

  test('an unknown EWMA counts as best, so a new deployment gets traffic', () => {
    const share = firstPicks([c('known', 1, 0, 10), c('new', 1, 0, undefined)], 'latency');
    near(share.new, 0.75);
  });

  test('the rest follow in order of EWMA, unknown first', () => {
    const random = seeded(9);
    for (let i = 0; i < 200; i++) {
      const out = ids(
        orderCandidates(
          [c('d', 1, 0, 400), c('b', 1, 0, 200), c('new', 1, 0), c('c', 1, 0, 300)],
          'latency',
          random,
        ),
      );
      const rest = out.slice(1);
      const expected = ['new', 'b', 'c', 'd'].filter((x) => x !== out[0]);
      assert.deepEqual(rest, expected);
    }
  });

  test('the EWMA is weighed by load: a busy fast deployment loses to an idle one', () => {
    // 100 ms × (4 + 1) = 500 > 300 ms × 1
    const share = firstPicks([c('fast-busy', 1, 4, 100), c('idle', 1, 0, 300)], 'latency');
    near(share.idle, 0.75);
  });
});
