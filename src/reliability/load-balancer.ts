// Orders the deployments that may serve a request: the first is the pick, the rest are the order
// to fall back in. Three strategies:
// - weighted: a weighted random draw without replacement (weights 3:1 → the first wins ~75%).
// - least_outstanding: fewest requests in flight first; ties in weighted random order.
// - latency: power of two choices: draw two by weight (independently, so a pair can be the same
//   deployment and a slower one still gets some traffic), keep the one with the lower cost, then
//   the rest by cost. Cost is the latency EWMA scaled by load, ewma × (inFlight + 1), so a fast
//   deployment does not take everything while its EWMA catches up; an unknown EWMA counts as
//   best, so a new deployment gets traffic and a first sample.
// Weights that are not positive numbers mean "standby": such deployments come after all the others,
// in the order given; if no deployment has a positive weight, all count as weight 1.

export type BalanceStrategy = 'weighted' | 'least_outstanding' | 'latency';

export interface BalanceCandidate {
  id: string;
  weight: number;
  inFlight: number;
  latencyEwma?: number;
}

export const BALANCE_STRATEGIES: readonly BalanceStrategy[] = ['weighted', 'least_outstanding', 'latency'];

export function orderCandidates<T extends BalanceCandidate>(
  candidates: T[],
  strategy: BalanceStrategy,
  random: () => number = Math.random,
): T[] {
  if (!BALANCE_STRATEGIES.includes(strategy))
    throw new RangeError(`unknown load balancing strategy '${strategy}'`);
  if (candidates.length <= 1) return candidates.slice();
  const isStandby = (c: T) => !isPositive(c.weight);
  // with no positive weight anywhere there is no standby: every deployment counts as weight 1
  const allStandby = candidates.every(isStandby);
  const active = allStandby ? candidates : candidates.filter((c) => !isStandby(c));
  const standby = allStandby ? [] : candidates.filter(isStandby);
  const weight = allStandby ? () => 1 : (c: T) => c.weight;
  let ordered: T[];
  if (strategy === 'weighted') ordered = weightedShuffle(active, weight, random);
  else if (strategy === 'least_outstanding')
    // stable sort: equal in-flight counts keep their weighted random order
    ordered = weightedShuffle(active, weight, random).sort((a, b) => a.inFlight - b.inFlight);
  else ordered = powerOfTwoChoices(active, weight, random);
  return ordered.concat(standby);
}

const isPositive = (w: number) => Number.isFinite(w) && w > 0;

/** a weighted random permutation: repeatedly draw one of the remaining with probability ∝ weight */
function weightedShuffle<T>(items: T[], weight: (x: T) => number, random: () => number): T[] {
  const pool = items.slice();
  const out: T[] = [];
  let total = pool.reduce((s, x) => s + weight(x), 0);
  while (pool.length > 0) {
    const i = drawIndex(pool, weight, total, random);
    total -= weight(pool[i]);
    out.push(pool[i]);
    pool.splice(i, 1);
  }
  return out;
}

function drawIndex<T>(pool: T[], weight: (x: T) => number, total: number, random: () => number): number {
  let r = random() * total;
  for (let i = 0; i < pool.length; i++) {
    r -= weight(pool[i]);
    if (r < 0) return i;
  }
  return pool.length - 1; // rounding: r landed on the total
}

/** lower is better; an unknown EWMA is best (-1 sorts it before any real latency) */
function cost(c: BalanceCandidate): number {
  const ewma = c.latencyEwma;
  if (ewma === undefined || !Number.isFinite(ewma)) return -1 / (c.inFlight + 1);
  return ewma * (c.inFlight + 1);
}

function powerOfTwoChoices<T extends BalanceCandidate>(
  active: T[],
  weight: (x: T) => number,
  random: () => number,
): T[] {
  const total = active.reduce((s, x) => s + weight(x), 0);
  const a = active[drawIndex(active, weight, total, random)];
  const b = active[drawIndex(active, weight, total, random)];
  const pick = cost(b) < cost(a) ? b : a;
  // the rest by cost; equal costs in weighted random order
  const rest = weightedShuffle(
    active.filter((x) => x !== pick),
    weight,
    random,
  ).sort((x, y) => cost(x) - cost(y));
  return [pick, ...rest];
}
