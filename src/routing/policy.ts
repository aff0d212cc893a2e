// A routing policy compiled for the request path: the trade-off knob the model's ranking rule
// takes (or, opted into, the value of quality in USD that ranks by dollars instead), the hard
// limits (price cap in exact nano-USD, minimum quality, latency objective), the candidate list
// and the scenario rules.
import { parseUsd } from '../billing/money.js';
import { GatewayError } from '../canonical/index.js';
import type { TaskType } from './model/contract.js';
import type { PolicySpec, ScenarioRuleSpec } from './policy-schema.js';

export interface ScenarioRule {
  name: string;
  taskTypes?: ReadonlySet<TaskType>;
  metadata?: Readonly<Record<string, string>>;
  /** lower-case header names */
  headers?: Readonly<Record<string, string>>;
  keys?: ReadonlySet<string>;
  teams?: ReadonlySet<string>;
  minPromptTokens?: number;
  maxPromptTokens?: number;
  route: readonly string[];
}

export interface Policy {
  name: string;
  /** where it is defined: the config file, an org (its row id), or the gateway itself */
  source: 'config' | 'org' | 'builtin';
  id?: string;
  orgId: string | null;
  /** 0 = cheapest … 1 = best quality (the ranking rule's knob) */
  knob: number;
  /** 0..1: how much a slow or failing model's quality is discounted */
  latencyWeight: number;
  maxPriceNanos?: number;
  /** set: rank by quality − cost / this value (what a full point of quality is worth, nano-USD) */
  qualityValueNanos?: number;
  minQuality?: number;
  latencyObjectiveMs?: number;
  models?: readonly string[];
  rules: readonly ScenarioRule[];
  fallbacks: number;
  cacheAffinity: boolean;
  spec: PolicySpec;
}

type Weights = { quality: number; price: number; latency: number };

export const PREFER_WEIGHTS: Record<NonNullable<PolicySpec['prefer']>, Weights> = {
  price: { quality: 1, price: 4, latency: 0.5 },
  balanced: { quality: 1, price: 1, latency: 0.5 },
  quality: { quality: 3, price: 1, latency: 0.5 },
  latency: { quality: 1, price: 1, latency: 4 },
};

export function compileRule(r: ScenarioRuleSpec, i: number): ScenarioRule {
  const w = r.when;
  const lowerHeaders = w.headers
    ? Object.fromEntries(Object.entries(w.headers).map(([k, v]) => [k.toLowerCase(), v]))
    : undefined;
  return {
    name: r.name ?? `rule ${i + 1}`,
    taskTypes: w.task_type ? new Set(w.task_type) : undefined,
    metadata: w.metadata,
    headers: lowerHeaders,
    keys: w.key ? new Set(w.key) : undefined,
    teams: w.team ? new Set(w.team) : undefined,
    minPromptTokens: w.min_prompt_tokens,
    maxPromptTokens: w.max_prompt_tokens,
    route: typeof r.route === 'string' ? [r.route] : r.route,
  };
}

/** the knob and latency share from prefer / weights / tradeoff */
export function tradeoffOf(spec: PolicySpec): { knob: number; latencyWeight: number } {
  const preset = PREFER_WEIGHTS[spec.prefer ?? 'balanced'];
  const w: Weights = { ...preset, ...(spec.weights ?? {}) };
  const qp = w.quality + w.price;
  const knob = spec.tradeoff ?? (qp > 0 ? w.quality / qp : 0.5);
  const all = qp + w.latency;
  return { knob, latencyWeight: all > 0 ? w.latency / all : 0 };
}

/** a policy's USD field → exact nano-USD; a bad amount is a 400 whose message names the field */
function amount(value: string | number | undefined, field: string, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseUsd(value, { param: field, allowZero });
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    throw new GatewayError('invalid_request', `${field}: ${e.message}`, { param: field, code: e.code });
  }
}

/** a validated spec (schema-checked) → the request path's policy; throws a 400 on a bad amount */
export function compilePolicy(
  name: string,
  spec: PolicySpec,
  where: { source: Policy['source']; orgId: string | null; id?: string },
): Policy {
  const { knob, latencyWeight } = tradeoffOf(spec);
  return {
    name,
    source: where.source,
    id: where.id,
    orgId: where.orgId,
    knob,
    latencyWeight,
    maxPriceNanos: amount(spec.max_price_usd, 'max_price_usd', true),
    qualityValueNanos: amount(spec.quality_value_usd, 'quality_value_usd', false),
    minQuality: spec.min_quality,
    latencyObjectiveMs: spec.latency_objective_ms,
    models: spec.models,
    rules: (spec.rules ?? []).map(compileRule),
    fallbacks: spec.fallbacks ?? 2,
    cacheAffinity: spec.cache_affinity ?? true,
    spec,
  };
}

/** the policy `auto` uses when nothing else is set: balanced, every model */
export const BUILTIN_POLICY_NAME = 'default';
export const builtinPolicy = (): Policy =>
  compilePolicy(BUILTIN_POLICY_NAME, {}, { source: 'builtin', orgId: null });
