// The one-line reason a response carries in `x-switchyard-route-reason`, and the no-route error.
import { formatUsd } from '../billing/money.js';
import { GatewayError } from '../canonical/index.js';
import type { Dropped } from './candidates.js';
import { type Scored, usd } from './choose.js';
import type { TaskProfile } from './model/contract.js';
import type { Policy } from './policy.js';

export function preferLabel(p: Policy): string {
  if (p.qualityValueNanos !== undefined)
    return `by value: quality worth $${formatUsd(p.qualityValueNanos, { trim: true })}`;
  if (p.spec.tradeoff !== undefined) return `trade-off ${p.spec.tradeoff}`;
  if (p.spec.weights) return 'weighted';
  return p.spec.prefer ?? 'balanced';
}

/** "best balanced choice of", or "by value: quality worth $0.02, best of" */
const choiceOf = (p: Policy) =>
  p.qualityValueNanos === undefined ? `best ${preferLabel(p)} choice of` : `${preferLabel(p)}, best of`;

export function scoredReason(
  p: Policy,
  profile: TaskProfile,
  winner: Scored,
  kept: number,
  dropped: number,
  affinity: string | undefined,
): string {
  const task = `${profile.taskType} (difficulty ${profile.difficulty.toFixed(2)})`;
  const what = `quality ${winner.quality.toFixed(2)} at ~${usd(winner.costNanos)}`;
  const head = affinity
    ? `kept on ${affinity}, whose prompt cache holds this conversation`
    : `${choiceOf(p)} ${kept} candidate${kept === 1 ? '' : 's'}${dropped ? ` (${dropped} dropped)` : ''}`;
  return `policy ${p.name}: ${task}; ${head}; ${what}`;
}

export function ruleReason(p: Policy, profile: TaskProfile, rule: string): string {
  return `policy ${p.name}: ${profile.taskType} request matched ${rule}`;
}

/** header values are one line of printable ASCII */
export function headerSafe(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?').slice(0, 400);
}

export function noRoute(p: Policy, dropped: readonly Dropped[]): GatewayError {
  const list = dropped
    .slice(0, 12)
    .map((d) => `${d.model}: ${d.reason}`)
    .join('; ');
  const more = dropped.length > 12 ? `; and ${dropped.length - 12} more` : '';
  const onlyHealth = dropped.length > 0 && dropped.every((d) => d.health);
  if (onlyHealth)
    return new GatewayError(
      'overloaded',
      `Every model of routing policy ${p.name} is unavailable: ${list}${more}`,
      {
        code: 'no_healthy_model',
      },
    );
  return new GatewayError(
    'invalid_request',
    `No model fits this request under routing policy ${p.name}: ${list || 'no candidates'}${more}`,
    {
      code: 'no_route',
      param: 'model',
    },
  );
}
