// The router at request time. A request is in a routing mode when its model is `auto` or
// `auto:<policy>`, or when it names no model and a default policy applies to its key. The
// router then reads the request (any client protocol, through its CanonicalRequest), classifies
// it, keeps the models able to serve it, scores them (predicted quality moved by feedback, exact
// expected cost, live health), applies the policy (rules, limits, trade-off), keeps a
// conversation on its provider while its cache is warm, and answers the ordered model list that
// reliability then executes. The decision is explained in headers and queued for storage.
import type { Principal } from '../auth/index.js';
import type { ModelPrice } from '../billing/model-price.js';
import { formatUsd } from '../billing/money.js';
import { invalidRequest } from '../canonical/index.js';
import type { CanonicalRequest } from '../canonical/types.js';
import type { ModelCatalog } from '../catalog/index.js';
import { asksLongContext, type DeploymentRegistry } from '../deployments/index.js';
import type { CallContext } from '../gateway/call-context.js';
import type { Affinity } from './affinity.js';
import {
  type Dropped,
  ineligible,
  liveHealth,
  type ModelOption,
  resolveOptions,
  windowOf,
} from './candidates.js';
import {
  applyLimits,
  keepAffinity,
  type RankRule,
  rank,
  rankQuality,
  ruleOf,
  type Scored,
  withFallbacks,
} from './choose.js';
import type { DecisionLog } from './decision-log.js';
import { expectedCostNanos } from './expected-cost.js';
import { headerSafe, noRoute, ruleReason, scoredReason } from './explain.js';
import type { QualityModel, RoutingInput, TaskProfile } from './model/contract.js';
import type { Policy } from './policy.js';
import type { PolicyStore } from './policy-store.js';
import type { QualityFeedback } from './quality-feedback.js';
import { readRequest } from './routing-input.js';
import { firstMatch } from './scenario-rules.js';

/** the router's brain (src/routing/model) as the request path uses it */
export interface Brain {
  classify(input: RoutingInput): TaskProfile;
  /** the configured quality model (trained, or the default) */
  quality: QualityModel;
  /** catalog priors, for models the configured one does not know */
  priors: QualityModel;
  rank: RankRule;
}

export interface RouterDeps {
  registry: DeploymentRegistry;
  catalog: ModelCatalog;
  /** the exact price billing charges this org (null org: list price); null = unpriced */
  priceOf(orgId: string | null, modelId: string): ModelPrice | null;
  policies: PolicyStore;
  feedback: QualityFeedback;
  decisions: DecisionLog;
  affinity: Affinity;
  brain: Brain;
  /** counts a canonical request's prompt tokens with the real tokenizer */
  countTokens(req: CanonicalRequest): Promise<number>;
  onError?: (e: unknown) => void;
}

export interface DecideRequest {
  requestId: string;
  principal: Principal;
  headers: Record<string, string | string[] | undefined>;
  canonical: CanonicalRequest;
  /** the request body's size in bytes (an upper bound of its prompt tokens) */
  bodyBytes: number;
  policy: Policy;
  mode: 'auto' | 'default';
  /** the request's own candidate list (`models` next to `auto`) */
  names?: readonly string[];
  /** a dry run: no affinity is remembered */
  dryRun?: boolean;
  /** an Anthropic client asked for the 1M-token window (`anthropic-beta: context-1m-…`) */
  longContext?: boolean;
}

export interface CandidateView {
  model: string;
  model_id: string;
  provider: string;
  quality: number;
  rank_quality: number;
  cost_usd: number;
  cost_nanos: number;
  ttft_ms: number | null;
  error_rate: number;
}

export interface Decision {
  request_id: string;
  policy: string;
  policy_source: Policy['source'];
  mode: 'auto' | 'default';
  task: {
    type: string;
    scores: Record<string, number>;
    difficulty: number;
    language: string;
    needs: TaskProfile['needs'];
  };
  prompt_tokens: number;
  /** counted by the tokenizer (true) or estimated from the text's length */
  prompt_tokens_counted: boolean;
  expected_output_tokens: number;
  quality_model: 'default' | 'trained';
  knob: number;
  /** the policy's `quality_value_usd` when it ranks by value (then the knob is not used), else null */
  quality_value_usd: string | null;
  rule: string | null;
  affinity: { provider: string; kept: boolean } | null;
  /** eligible candidates in ranked order (after limits) */
  candidates: CandidateView[];
  dropped: { model: string; reason: string }[];
  chosen: string;
  chosen_id: string;
  /** the chosen model, then its fallbacks: what reliability executes */
  order: string[];
  reason: string;
  decision_ms: number;
}

export interface RoutedRequest {
  names: string[];
  own: true;
  body: Record<string, unknown>;
  decision: Decision;
}

export class Router {
  #defaultNames?: string[];
  constructor(readonly deps: RouterDeps) {}

  /** the policy a request is routed by, or undefined when it names a model (or list) */
  policyFor(
    principal: Principal,
    body: Record<string, unknown>,
  ): { policy: Policy; mode: 'auto' | 'default' } | undefined {
    const m = body.model;
    const p = this.deps.policies;
    if (typeof m === 'string' && m !== '') {
      if (m === 'auto') return { policy: p.resolveAuto(principal), mode: 'auto' };
      if (m.startsWith('auto:')) {
        const name = m.slice(5);
        if (!name) throw invalidRequest('`auto:` needs a policy name, as in `auto:cheap`', 'model');
        return { policy: p.resolve(principal, name)!, mode: 'auto' };
      }
      return undefined;
    }
    if (m !== undefined && m !== null && m !== '') return undefined; // not a string: the usual 400
    const policy = p.resolve(principal, undefined);
    return policy ? { policy, mode: 'default' } : undefined;
  }

  /**
   * For chat-call: when the request is in a routing mode, its decision as the model list to try
   * (the body's `model` set to the choice); undefined otherwise.
   */
  async route(
    ctx: CallContext,
    body: Record<string, unknown>,
    decode: (body: Record<string, unknown>) => CanonicalRequest,
    bodyBytes: number,
  ): Promise<RoutedRequest | undefined> {
    const found = this.policyFor(ctx.principal, body);
    if (!found) return undefined;
    const { models, ...clean } = body;
    const names = ownList(models);
    clean.model = 'auto';
    const decision = await this.decide({
      requestId: ctx.requestId,
      principal: ctx.principal,
      headers: ctx.headers,
      canonical: decode(clean),
      bodyBytes,
      policy: found.policy,
      mode: found.mode,
      names,
      longContext: ctx.client === 'anthropic' && asksLongContext(ctx.headers['anthropic-beta']),
    });
    clean.model = decision.order[0];
    ctx.route = { chosen: decision.chosen, reason: headerSafe(decision.reason) };
    this.deps.decisions.add(
      {
        requestId: ctx.requestId,
        orgId: ctx.principal.grant?.orgId ?? null,
        principalId: ctx.principal.id,
        policy: decision.policy,
        taskType: decision.task.type,
        chosen: decision.chosen,
        reason: decision.reason,
        detail: decision as unknown as Record<string, unknown>,
        createdAt: Date.now(),
      },
      ctx.outcome,
    );
    return { names: decision.order, own: true, body: clean, decision };
  }

  /** the whole decision; no model is called */
  async decide(req: DecideRequest): Promise<Decision> {
    return this.#decide(req, process.hrtime.bigint(), false);
  }

  async #decide(req: DecideRequest, t0: bigint, countNow: boolean): Promise<Decision> {
    const { deps } = this;
    const { policy, principal } = req;
    const orgId = principal.grant?.orgId ?? null;
    const names = req.names ?? policy.models ?? this.#allChatModels();
    const resolved = this.#resolve(names, req.names === undefined);
    const dropped: Dropped[] = [...resolved.dropped];

    // prompt tokens: estimated from the text (4 characters a token); counted with the real
    // tokenizer when a price cap or a rule turns on them, or when a model that may be too small
    // for the prompt (window < body bytes + expected output) made it into the order
    const reading = readRequest(req.canonical, 0);
    const input = reading.input;
    input.promptTokens = Math.ceil(
      (input.prompt.length + (input.system?.length ?? 0) + input.historyChars) / 4,
    );
    let profile = deps.brain.classify(input);
    const outNeed = profile.needs.contextTokens - input.promptTokens;
    const needCount =
      countNow ||
      policy.maxPriceNanos !== undefined ||
      policy.rules.some((r) => r.minPromptTokens !== undefined || r.maxPromptTokens !== undefined);
    if (needCount) {
      input.promptTokens = await deps.countTokens(req.canonical);
      profile = { ...profile, needs: { ...profile.needs, contextTokens: input.promptTokens + outNeed } };
    }
    const mayNotFit = (o: ModelOption) => {
      const window = windowOf(o, req.longContext);
      return window !== null && window < req.bodyBytes + outNeed;
    };
    /** without a count, the window check waits until a model that may not fit is chosen */
    const fitProfile = needCount ? profile : { ...profile, needs: { ...profile.needs, contextTokens: 0 } };
    const unsure = new Set<string>();
    const check = (o: ModelOption) => {
      if (!needCount && mayNotFit(o)) unsure.add(o.name);
      return ineligible(o, principal, fitProfile, req.longContext);
    };

    // able to serve it
    const able: ModelOption[] = [];
    for (const o of resolved.options) {
      const why = check(o);
      if (why) dropped.push(why);
      else able.push(o);
    }

    // a scenario rule decides first (its list, minus what cannot serve the request)
    const rule = firstMatch(policy.rules, {
      taskType: profile.taskType,
      metadata: reading.metadata,
      headers: req.headers,
      keyId: principal.id,
      teamId: principal.grant?.teamId ?? null,
      promptTokens: input.promptTokens,
    });
    let ruleOrder: ModelOption[] | undefined;
    if (rule) {
      const r = resolveOptions(deps.registry, rule.route);
      ruleOrder = [];
      for (const o of r.options) {
        const why = check(o);
        if (why) dropped.push({ ...why, reason: `${rule.name}: ${why.reason}` });
        else ruleOrder.push(o);
      }
      for (const d of r.dropped) dropped.push({ ...d, reason: `${rule.name}: ${d.reason}` });
      if (ruleOrder.length === 0) ruleOrder = undefined;
    }

    // the conversation's provider, while its cache is warm
    let affinityProvider: string | undefined;
    if (policy.cacheAffinity && reading.multiTurn && !ruleOrder) {
      try {
        affinityProvider = await deps.affinity.providerOf(
          reading.stablePrefix,
          new Set(able.map((o) => o.provider)),
        );
      } catch (e) {
        deps.onError?.(e);
      }
    }
    const cachedTokens = Math.min(
      input.promptTokens,
      Math.ceil(((input.system?.length ?? 0) + input.historyChars) / 4),
    );

    const score = (o: ModelOption): Scored | Dropped => {
      const id = o.model.id;
      const price = deps.priceOf(orgId, id);
      if (!price) return { model: o.name, reason: 'no price known for it' };
      const prior =
        deps.brain.quality.predict(input, profile, id) ??
        deps.brain.priors.predict(input, profile, id) ??
        0.5;
      const quality = deps.feedback.adjust(profile.taskType, id, prior);
      const health = liveHealth(o);
      return {
        model: o.name,
        provider: o.provider,
        quality,
        rankQuality: rankQuality(quality, health, policy),
        costNanos: expectedCostNanos(
          price,
          input.promptTokens,
          profile.expectedOutputTokens,
          o.provider === affinityProvider ? cachedTokens : 0,
        ),
        ttftMs: health.ttftMs,
        errorRate: health.errorRate,
      };
    };
    const idOf = new Map(resolved.options.map((o) => [o.name, o.model.id]));

    let order: Scored[];
    let reason: string;
    let kept: Scored[];
    let keptByAffinity = false;
    if (ruleOrder) {
      kept = [];
      for (const o of ruleOrder) {
        const s = score(o);
        if ('quality' in s) kept.push(s);
        else dropped.push(s);
      }
      if (kept.length === 0) throw noRoute(policy, dropped);
      order = kept;
      reason = ruleReason(policy, profile, rule!.name);
    } else {
      const scored: Scored[] = [];
      for (const o of able) {
        const s = score(o);
        if ('quality' in s) scored.push(s);
        else dropped.push(s);
      }
      const limited = applyLimits(scored, policy);
      dropped.push(...limited.dropped);
      if (limited.kept.length === 0) throw noRoute(policy, dropped);
      const ranked = rank(limited.kept, policy.knob, ruleOf(policy, deps.brain.rank));
      const aff = keepAffinity(ranked, affinityProvider);
      keptByAffinity = aff.kept;
      kept = aff.order;
      order = withFallbacks(aff.order, policy.fallbacks);
      reason = scoredReason(
        policy,
        profile,
        order[0]!,
        limited.kept.length,
        dropped.length,
        keptByAffinity ? affinityProvider : undefined,
      );
    }
    for (const s of order)
      if (!idOf.has(s.model)) idOf.set(s.model, deps.registry.group(s.model).members[0]!.deployment.model.id);
    if (order.some((x) => unsure.has(x.model))) return this.#decide(req, t0, true);
    const winner = order[0]!;
    if (policy.cacheAffinity && !req.dryRun && reading.stablePrefix.length > 1)
      deps.affinity.remember(reading.stablePrefix, winner.provider, deps.onError);

    return {
      request_id: req.requestId,
      policy: policy.name,
      policy_source: policy.source,
      mode: req.mode,
      task: {
        type: profile.taskType,
        scores: roundAll(profile.taskScores),
        difficulty: round(profile.difficulty),
        language: profile.language,
        needs: profile.needs,
      },
      prompt_tokens: input.promptTokens,
      prompt_tokens_counted: needCount,
      expected_output_tokens: profile.expectedOutputTokens,
      quality_model: deps.brain.quality.kind,
      knob: round(policy.knob),
      quality_value_usd:
        policy.qualityValueNanos === undefined ? null : formatUsd(policy.qualityValueNanos, { trim: true }),
      rule: ruleOrder ? rule!.name : null,
      affinity: affinityProvider ? { provider: affinityProvider, kept: keptByAffinity } : null,
      candidates: kept.map((s) => ({
        model: s.model,
        model_id: idOf.get(s.model) ?? s.model,
        provider: s.provider,
        quality: round(s.quality),
        rank_quality: round(s.rankQuality),
        cost_usd: s.costNanos / 1e9,
        cost_nanos: s.costNanos,
        ttft_ms: s.ttftMs === undefined ? null : Math.round(s.ttftMs),
        error_rate: round(s.errorRate),
      })),
      dropped: dropped.map((d) => ({ model: d.model, reason: d.reason })),
      chosen: winner.model,
      chosen_id: idOf.get(winner.model) ?? winner.model,
      order: order.map((s) => s.model),
      reason,
      decision_ms: Number(process.hrtime.bigint() - t0) / 1e6,
    };
  }

  /** a policy's list resolves to the same deployments every time: resolved once per list */
  #resolve(names: readonly string[], cacheable: boolean): ReturnType<typeof resolveOptions> {
    if (!cacheable) return resolveOptions(this.deps.registry, names);
    let r = this.#resolved.get(names);
    if (!r) {
      r = resolveOptions(this.deps.registry, names);
      this.#resolved.set(names, r);
    }
    return r;
  }
  readonly #resolved = new WeakMap<readonly string[], ReturnType<typeof resolveOptions>>();

  /** every chat model of an enabled provider (the simulator's included) */
  #allChatModels(): string[] {
    this.#defaultNames ??= this.deps.catalog
      .list()
      .filter((m) => m.mode === 'chat')
      .map((m) => m.id);
    return this.#defaultNames;
  }
}

function ownList(models: unknown): string[] | undefined {
  if (models === undefined) return undefined;
  if (!Array.isArray(models) || models.length === 0 || models.some((m) => typeof m !== 'string' || m === ''))
    throw invalidRequest(
      '`models` must be a non-empty array of model names (the candidates of `auto`)',
      'models',
    );
  return models as string[];
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
function roundAll(r: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) out[k] = round(v);
  return out;
}
