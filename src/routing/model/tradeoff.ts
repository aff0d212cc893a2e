// The trade-off rule between predicted quality and price, the one the router applies at request
// time and `router eval` sweeps:
//
//   utility = quality − λ(knob) · log2(1 + cost / c_ref)
//   λ(knob) = 0.05 · (1 − knob) / knob
//
// c_ref is the cheapest non-zero cost among the candidates, so the penalty counts doublings of
// price over the cheapest paid option and does not depend on the currency scale or on how
// expensive the priciest candidate is; a free candidate pays nothing. knob 0 = the cheapest
// (ties: the better), knob 1 = the best predicted quality (ties: the cheaper); knob 0.5 pays
// 0.05 of quality per doubling (a 32× pricier model must be ≈ 0.25 better).
import type { ScoredCandidate } from './contract.js';

export const LAMBDA_SCALE = 0.05;

/** the price of quality at a knob position (Infinity at 0, 0 at 1) */
export function lambdaOf(knob: number): number {
  const k = Math.min(1, Math.max(0, knob));
  if (k === 0) return Number.POSITIVE_INFINITY;
  return (LAMBDA_SCALE * (1 - k)) / k;
}

/** the knob position of a price of quality (inverse of lambdaOf) */
export function knobOf(lambda: number): number {
  if (lambda === Number.POSITIVE_INFINITY) return 0;
  return LAMBDA_SCALE / (LAMBDA_SCALE + Math.max(0, lambda));
}

/** the cheapest non-zero cost, or 1 when every candidate is free */
function referenceCost(cands: readonly ScoredCandidate[]): number {
  let ref = Number.POSITIVE_INFINITY;
  for (const c of cands) if (c.cost > 0 && c.cost < ref) ref = c.cost;
  return ref === Number.POSITIVE_INFINITY ? 1 : ref;
}

/** price penalty units of one candidate: doublings over the reference cost */
export function priceUnits(cost: number, ref: number): number {
  return Math.log2(1 + Math.max(0, cost) / ref);
}

/** index of the candidate the rule picks (−1 for none); no allocation */
export function pickIndex(
  qualities: ArrayLike<number>,
  costs: ArrayLike<number>,
  lambda: number,
  n = qualities.length,
): number {
  let ref = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) if (costs[i]! > 0 && costs[i]! < ref) ref = costs[i]!;
  if (ref === Number.POSITIVE_INFINITY) ref = 1;
  let best = -1;
  let bestU = 0;
  for (let i = 0; i < n; i++) {
    if (best < 0 || better(qualities[i]!, costs[i]!, qualities[best]!, costs[best]!, lambda, ref, bestU)) {
      best = i;
      bestU = utility(qualities[i]!, costs[i]!, lambda, ref);
    }
  }
  return best;
}

function utility(q: number, c: number, lambda: number, ref: number): number {
  if (lambda === Number.POSITIVE_INFINITY) return -c;
  return q - lambda * priceUnits(c, ref);
}

const EPS = 1e-12;

function better(
  q: number,
  c: number,
  bq: number,
  bc: number,
  lambda: number,
  ref: number,
  bu: number,
): boolean {
  const u = utility(q, c, lambda, ref);
  if (u > bu + EPS) return true;
  if (u < bu - EPS) return false;
  // equal utility: at knob 0 the better quality, otherwise the cheaper, then the better
  if (lambda === Number.POSITIVE_INFINITY) return q > bq;
  if (c !== bc) return c < bc;
  return q > bq;
}

/** the candidates in the order the rule prefers them (first = the choice), a new array */
export function rankByTradeoff(cands: ScoredCandidate[], knob: number): ScoredCandidate[] {
  const lambda = lambdaOf(knob);
  const ref = referenceCost(cands);
  const scored = cands.map((c) => ({ c, u: utility(c.quality, c.cost, lambda, ref) }));
  scored.sort((a, b) => {
    if (Math.abs(a.u - b.u) > EPS) return b.u - a.u;
    if (lambda === Number.POSITIVE_INFINITY) return b.c.quality - a.c.quality;
    if (a.c.cost !== b.c.cost) return a.c.cost - b.c.cost;
    return b.c.quality - a.c.quality;
  });
  return scored.map((x) => x.c);
}

/** the tie tolerance of pickByDollars */
const VALUE_EPS = 1e-15;

/**
 * The opt-in rule of a policy that states what quality is worth (`quality_value_usd`): utility =
 * quality − cost / value, both in USD (value = what one full point of quality, 0→1, is worth for
 * one request; μ = 1 / value of `router eval --rule dollars`). Ties: the cheaper, then the better.
 * Its first is `pickByDollars(q, c, 1 / value)` of evaluate.ts; this gives the whole order
 * (fallbacks follow by the same rule). A new array.
 */
export function rankByValue(cands: ScoredCandidate[], valueUsd: number): ScoredCandidate[] {
  const scored = cands.map((c) => ({ c, u: c.quality - Math.max(0, c.cost) / valueUsd }));
  scored.sort((a, b) => {
    if (Math.abs(a.u - b.u) > VALUE_EPS) return b.u - a.u;
    if (a.c.cost !== b.c.cost) return a.c.cost - b.c.cost;
    return b.c.quality - a.c.quality;
  });
  return scored.map((x) => x.c);
}
