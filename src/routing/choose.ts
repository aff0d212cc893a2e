// Scoring and choosing among the eligible models: predicted quality (the quality model, blended
// with feedback), exact expected cost, and live health folded into the quality the ranking rule
// sees; the policy's hard limits (price cap, minimum quality, latency objective); then the
// model's ranking rule at the policy's knob (or by dollars when the policy states a value of
// quality), and cache affinity on top. Pure.

import type { Dropped } from './candidates.js';
import type { ScoredCandidate } from './model/contract.js';
import { rankByValue } from './model/tradeoff.js';
import type { Policy } from './policy.js';

export interface Scored {
  model: string;
  provider: string;
  /** predicted quality for this request (quality model + feedback), 0..1 */
  quality: number;
  /** what ranking used: quality discounted for errors and slowness */
  rankQuality: number;
  costNanos: number;
  ttftMs?: number;
  errorRate: number;
}

export type RankRule = (cands: ScoredCandidate[], knob: number) => ScoredCandidate[];

/** a latency above this (or the objective) counts fully slow */
const SLOW_MS = 3000;
/** the most quality latency can take away, at latency weight 1 */
const LATENCY_PENALTY = 0.3;
/** how much quality may be given up to stay on the provider with the warm cache */
export const AFFINITY_TOLERANCE = 0.05;

export function rankQuality(
  quality: number,
  health: { ttftMs?: number; errorRate: number },
  policy: Pick<Policy, 'latencyWeight' | 'latencyObjectiveMs'>,
): number {
  const slow =
    health.ttftMs === undefined ? 0 : Math.min(1, health.ttftMs / (policy.latencyObjectiveMs ?? SLOW_MS));
  return Math.max(0, quality * (1 - health.errorRate) - policy.latencyWeight * LATENCY_PENALTY * slow);
}

/** hard limits: split into kept and dropped (the latency objective only while others remain) */
export function applyLimits(cands: Scored[], policy: Policy): { kept: Scored[]; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  let kept = cands.filter((c) => {
    if (policy.maxPriceNanos !== undefined && c.costNanos > policy.maxPriceNanos) {
      dropped.push({
        model: c.model,
        reason: `expected cost ${usd(c.costNanos)} above the cap ${usd(policy.maxPriceNanos)}`,
      });
      return false;
    }
    if (policy.minQuality !== undefined && c.quality < policy.minQuality) {
      dropped.push({
        model: c.model,
        reason: `predicted quality ${c.quality.toFixed(3)} below the minimum ${policy.minQuality}`,
      });
      return false;
    }
    return true;
  });
  const objective = policy.latencyObjectiveMs;
  if (objective !== undefined) {
    const fast = kept.filter((c) => c.ttftMs === undefined || c.ttftMs <= objective);
    if (fast.length > 0 && fast.length < kept.length) {
      for (const c of kept)
        if (!fast.includes(c))
          dropped.push({
            model: c.model,
            reason: `time to first token ${Math.round(c.ttftMs!)} ms above the objective ${objective} ms`,
          });
      kept = fast;
    }
  }
  return { kept, dropped };
}

/** the policy's ranking rule: by value in USD when it states `quality_value_usd`, else the model's */
export function ruleOf(policy: Pick<Policy, 'qualityValueNanos'>, modelRule: RankRule): RankRule {
  const nanos = policy.qualityValueNanos;
  if (nanos === undefined) return modelRule;
  const valueUsd = nanos / 1e9;
  return (cands) => rankByValue(cands, valueUsd);
}

/** the kept candidates in the order the ranking rule gives at the policy's knob */
export function rank(kept: Scored[], knob: number, rule: RankRule): Scored[] {
  const byModel = new Map(kept.map((c) => [c.model, c]));
  const ranked = rule(
    kept.map((c) => ({ model: c.model, quality: c.rankQuality, cost: c.costNanos / 1e9 })),
    knob,
  );
  const out: Scored[] = [];
  for (const r of ranked) {
    const c = byModel.get(r.model);
    if (c && !out.includes(c)) out.push(c);
  }
  // the rule may return only its pick(s): the rest follow by quality, then price
  const rest = kept
    .filter((c) => !out.includes(c))
    .sort((a, b) => b.rankQuality - a.rankQuality || a.costNanos - b.costNanos);
  return [...out, ...rest];
}

/**
 * The conversation's provider keeps it when one of its models is nearly as good as the winner
 * (within AFFINITY_TOLERANCE): its prompt cache is warm there. Returns the order, and whether
 * affinity changed the winner.
 */
export function keepAffinity(
  ranked: Scored[],
  provider: string | undefined,
): { order: Scored[]; kept: boolean } {
  const top = ranked[0];
  if (!top || provider === undefined || top.provider === provider) return { order: ranked, kept: false };
  const same = ranked.find((c) => c.provider === provider);
  if (!same || same.rankQuality < top.rankQuality - AFFINITY_TOLERANCE) return { order: ranked, kept: false };
  return { order: [same, ...ranked.filter((c) => c !== same)], kept: true };
}

/** the winner, then up to `n` fallbacks: other providers first (a provider outage spares them) */
export function withFallbacks(order: Scored[], n: number): Scored[] {
  const [first, ...rest] = order;
  if (!first) return [];
  const other = rest.filter((c) => c.provider !== first.provider);
  const same = rest.filter((c) => c.provider === first.provider);
  return [first, ...[...other, ...same].slice(0, n)];
}

export function usd(nanos: number): string {
  if (nanos === 0) return '$0';
  const v = nanos / 1e9;
  return `$${v >= 0.01 ? v.toFixed(4) : v.toPrecision(3)}`;
}
