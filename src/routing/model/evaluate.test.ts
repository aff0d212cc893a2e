import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QualityModel, RoutingInput } from './contract.js';
import { evaluateRouter, muGrid, pickByDollars } from './evaluate.js';
import type { TrainingRow } from './train.js';

// Two prompts, two models at the same price ratio (big = 10 × small) but different sizes:
//   A: big $10, small $1;   predicted big 0.9, small 0.5 (Δq 0.4, Δ$ 9)
//   B: big $100, small $10; predicted big 1.0, small 0.5 (Δq 0.5, Δ$ 90)
// Truth: big answers both (1), small neither (0). Big alone: $110, quality 2; small alone: $11.
// Doublings (Δ doublings is the same for both) upgrade B first (larger Δq): the curve passes
// through (101/110, 0.5), under the diagonal, so its hull is the line (0,0)–(1,1).
// Dollars upgrade A first (0.4/9 ≫ 0.5/90): (20/110, 0.5), so the hull is (0,0)–(2/11, 0.5)–(1,1).
const PRED: Record<string, Record<string, number>> = {
  'prompt A': { big: 0.9, small: 0.5 },
  'prompt B': { big: 1.0, small: 0.5 },
};
const COST: Record<string, Record<string, number>> = {
  'prompt A': { big: 10, small: 1 },
  'prompt B': { big: 100, small: 10 },
};
const rows: TrainingRow[] = Object.keys(PRED).map((prompt) => ({
  prompt,
  scores: { big: 1, small: 0 },
  costs: COST[prompt],
}));
const router: QualityModel & { costOf(model: string, tokens: number, input?: RoutingInput): number } = {
  kind: 'trained',
  models: ['big', 'small'],
  predict: (input, _profile, model) => PRED[input.prompt]![model],
  costOf: (model, _tokens, input) => COST[input!.prompt]![model]!,
};
const options = { countTokens: (t: string) => t.length };
const near = (a: number | null, b: number, what: string) =>
  assert.ok(a !== null && Math.abs(a - b) < 2e-6, `${what}: ${a} ≠ ${b}`);

describe('router eval: the trade-off rule swept', () => {
  it('doublings (the default): the hull is the diagonal', () => {
    const r = evaluateRouter(rows, router, undefined, options);
    assert.equal(r.rule, 'doublings');
    assert.equal(r.best_model, 'big');
    near(r.cost_at_95, 0.95, 'cost at 95%');
    near(r.quality_at['10'], 0.1, 'quality at 10%');
    near(r.aiq, 0.5, 'aiq');
    assert.ok(r.points.some((p) => Math.abs(p.cost - 101 / 110) < 1e-6 && p.quality === 0.5));
    assert.ok(!r.points.some((p) => Math.abs(p.cost - 20 / 110) < 1e-6));
  });

  it('dollars: A is upgraded first, the figures on (0,0)–(2/11, 0.5)–(1,1)', () => {
    const r = evaluateRouter(rows, router, undefined, { ...options, rule: 'dollars' });
    assert.equal(r.rule, 'dollars');
    near(r.cost_at_95, 101 / 110, 'cost at 95%'); // 2/11 + (0.45 / 0.5) · 9/11
    near(r.cost_at_100, 1, 'cost at 100%');
    near(r.quality_at['10'], 0.275, 'quality at 10%'); // 0.1 · 0.5 / (2/11)
    near(r.quality_at['25'], 0.5 + (0.5 * (0.25 - 2 / 11)) / (9 / 11), 'quality at 25%');
    near(r.quality_at['50'], 0.5 + (0.5 * (0.5 - 2 / 11)) / (9 / 11), 'quality at 50%');
    near(r.aiq, 29 / 44, 'aiq'); // 0.5 · 2/11 · 0.5 + 0.75 · 9/11
    const mid = r.points.find((p) => Math.abs(p.cost - 20 / 110) < 1e-6);
    assert.ok(mid, 'a point with only A upgraded');
    assert.equal(mid.quality, 0.5);
    assert.deepEqual(mid.share, { big: 0.5, small: 0.5 });
    // A is upgraded while μ < 0.4/9 per USD, B only while μ < 0.5/90
    assert.ok(mid.mu! < 0.4 / 9 && mid.mu! > 0.5 / 90, `μ ${mid.mu}`);
    assert.ok(mid.knob > 0 && mid.knob < 1);
    assert.ok(!r.points.some((p) => Math.abs(p.cost - 101 / 110) < 1e-6));
    // the ends: μ = ∞ takes the cheapest everywhere, μ = 0 the best predicted
    assert.deepEqual(
      [r.points[0]!.cost, r.points[0]!.knob, r.points.at(-1)!.cost, r.points.at(-1)!.knob],
      [0.1, 0, 1, 1],
    );
  });

  it('classifier: per labelled task, the share the classifier agrees with', () => {
    const code = 'Write a Python function that reverses a linked list and explain its complexity.';
    const math = 'Solve for x: 3x + 5 = 20. Show each step.';
    const french = 'Translate into French: the cat sleeps on the sofa.';
    const labelled: TrainingRow[] = [
      { prompt: code, scores: { a: 1 }, task: 'code' },
      { prompt: math, scores: { a: 1 }, task: 'math_reasoning' },
      { prompt: french, scores: { a: 1 }, task: 'math_reasoning' },
      { prompt: 'hello there', scores: { a: 1 } },
    ];
    const flat: QualityModel = { kind: 'trained', models: ['a'], predict: () => 0.5 };
    const r = evaluateRouter(labelled, flat, undefined, options);
    assert.deepEqual(r.classifier, {
      code: { rows: 1, agree: 1 },
      math_reasoning: { rows: 2, agree: 0.5 },
    });
  });

  it('an unknown rule is an error', () => {
    assert.throws(
      () => evaluateRouter(rows, router, undefined, { ...options, rule: 'euros' as 'dollars' }),
      /unknown trade-off rule "euros"/,
    );
  });
});

describe('pickByDollars and muGrid', () => {
  it('argmax of q − μ·c; ties to the cheaper; μ = ∞ the cheapest', () => {
    const q = [0.9, 0.6, 0.6];
    const c = [3, 2, 1];
    assert.equal(pickByDollars(q, c, 0), 0);
    assert.equal(pickByDollars(q, c, 0.1), 0); // 0.6 vs 0.4 vs 0.5
    assert.equal(pickByDollars(q, c, 0.2), 2); // 0.3 vs 0.2 vs 0.4
    assert.equal(pickByDollars(q, c, Number.POSITIVE_INFINITY), 2);
    assert.equal(pickByDollars([0.5, 0.5], [2, 1], 0), 1);
  });

  it('spans ∞, 10⁴ … 10⁻⁴ per unit, 0', () => {
    const g = muGrid(9, 0.01);
    assert.equal(g.length, 11);
    assert.equal(g[0], Number.POSITIVE_INFINITY);
    assert.ok(Math.abs(g[1]! - 1e6) < 1e-6 && Math.abs(g[5]! - 100) < 1e-9 && Math.abs(g[9]! - 0.01) < 1e-12);
    assert.equal(g[10], 0);
  });
});
