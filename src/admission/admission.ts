// Admission control for virtual keys: before the upstream call, one all-or-nothing reservation
// in the shared state takes the request's share of every limit over it — requests and tokens
// per minute, concurrent requests (key, team, org), the worst-case cost against each hard
// budget, and the worst-case charge against the paying credit account. After the call,
// settlement corrects every take to what was actually used and queues the usage event in the
// same atomic step (metering/ stores it in batches, off the request path).
//
// Worst case = every prompt token (bounded by the body's size in bytes) at the dearest input
// price plus the output limit (the request's max tokens, else the model's) at the dearest
// output price, over every deployment the request may end up on. Failed and fallen-over
// attempts cost nothing: only the answering deployment's usage is charged.
import type { KeyGrant } from '../auth/index.js';
import { bpsOf, worstCaseCost } from '../billing/cost.js';
import { formatUsd } from '../billing/money.js';
import { callCost, meteredBy, worstUnitCost } from '../billing/unit-price.js';
import { GatewayError } from '../canonical/index.js';
import type { UnitKind } from '../catalog/catalog-model.js';
import type { AttemptPlan, Deployment } from '../deployments/index.js';
import { type CallContext, reachedProvider } from '../gateway/call-context.js';
import type { SharedState, Take } from '../shared-state/shared-state.js';
import { checkAccess } from './access-checks.js';
import type { AdmissionPorts, BudgetRule, CreditAccount } from './admission-ports.js';
import { buildUsageEvent } from './build-usage-event.js';
import type { RateLimitRules } from './rate-limit-rules.js';
import { rateLimitTakes, secondsToNextWindow } from './rate-limit-takes.js';

/** the output limit assumed when neither the request nor the catalog gives one */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

export interface AdmissionOptions {
  /** a reservation outlives the request's total timeout by this much before the sweep returns it */
  reservationGraceMs: number;
  /** where failures of the off-path settlement are reported */
  onError: (err: unknown, what: string) => void;
}

/** what admission decided for one request, kept on its context until settlement */
export interface Ticket {
  /** counters were reserved under the request id */
  reserved: boolean;
  grant: KeyGrant | undefined;
  payer: { account: CreditAccount; outKey: string } | undefined;
  /** charges go to credits (a prepaid org) */
  prepaid: boolean;
  byokFeeBps: number;
  budgets: { rule: BudgetRule; key: string; periodKey: string }[];
  tpmKeys: string[];
  /** provider id → the org's own key for it (BYOK) */
  credentials: Map<string, string> | undefined;
}

interface RequestShape {
  /** an upper bound of the prompt's tokens (its size in bytes) */
  promptBound: number;
  /** the request's own output limit, when it set one */
  maxOutputTokens: number | undefined;
  /** embeddings have no output */
  embedding: boolean;
  /**
   * calls metered by the unit: the kind and the most units the call can use (n images, the
   * seconds a file of this size can hold, the input's characters, the search units)
   */
  unit?: { kind: UnitKind; bound: number };
}

const PERIOD_NAME = { day: 'daily', week: 'weekly', month: 'monthly', total: 'total' } as const;

export class Admission {
  constructor(
    private readonly shared: SharedState,
    private readonly rules: RateLimitRules,
    private readonly ports: AdmissionPorts,
    private readonly opts: AdmissionOptions,
  ) {}

  /** key scope checks that need nothing but the grant: expiry, endpoint, address */
  checkAccess(ctx: CallContext, ip: string | undefined): void {
    const grant = ctx.principal.grant;
    if (grant) checkAccess(grant, ctx.outcome.endpoint, ip, Date.now());
  }

  /**
   * Reserve before the first attempt. Returns the plan to run: for governed keys, deployments
   * whose model has no price are dropped (an unpriced model is never billed as $0); when every
   * one is unpriced the request is refused.
   */
  async admit(ctx: CallContext, plan: AttemptPlan, req: RequestShape): Promise<AttemptPlan> {
    const grant = ctx.principal.grant;
    if (!grant) return plan;
    const org = this.ports.orgs.settings(grant.orgId) ?? (await this.ports.orgs.load(grant.orgId));
    const prepaid = org?.prepaid ?? true;
    const byokFeeBps = org?.byokFeeBps ?? 0;

    let credentials: Map<string, string> | undefined;
    if (this.ports.credentials) {
      for (const d of plan.order) {
        if (credentials?.has(d.provider.id)) continue;
        const found = await this.ports.credentials.credentialFor(grant.orgId, d.provider.id);
        if (!found) continue;
        credentials ??= new Map();
        credentials.set(d.provider.id, found);
      }
    }

    let worstCost = 0;
    let worstCharge = 0;
    let worstTokens = req.promptBound;
    let order = plan.order;
    const unpriced: string[] = [];
    for (const d of plan.order) {
      const price = this.ports.prices.priceFor(grant.orgId, d.model.id);
      const basis = price && meteredBy(price, req.unit?.kind);
      if (!price || !basis) {
        unpriced.push(d.model.id);
        continue;
      }
      const maxOut = req.embedding
        ? 0
        : (req.maxOutputTokens ?? d.model.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS);
      const cost =
        basis === 'units' && req.unit && !price.free
          ? worstUnitCost(req.unit.bound, price.units![req.unit.kind]!)
          : worstCaseCost(req.promptBound, maxOut, price);
      const charge = credentials?.has(d.provider.id) ? bpsOf(cost, byokFeeBps) : cost;
      if (cost > worstCost) worstCost = cost;
      if (charge > worstCharge) worstCharge = charge;
      if (req.promptBound + maxOut > worstTokens) worstTokens = req.promptBound + maxOut;
    }
    if (unpriced.length > 0) {
      order = plan.order.filter((d) => !unpriced.includes(d.model.id));
      if (order.length === 0)
        throw new GatewayError(
          'invalid_request',
          `The model \`${unpriced[0]}\` has no price configured, so it cannot be billed; an administrator must set its price (models[].input_per_mtok_usd / output_per_mtok_usd, or a price override) or mark it free${req.unit ? ` (this endpoint bills per ${req.unit.kind}; the catalog gives no such price for it, nor token prices)` : ''}`,
          { code: 'model_not_priced', param: 'model' },
        );
    }

    const now = Date.now();
    const takes: Take[] = [];
    rateLimitTakes(
      'key',
      grant.keyId,
      { rpm: grant.rpmLimit, tpm: grant.tpmLimit, concurrency: grant.maxConcurrency },
      worstTokens,
      now,
      takes,
    );
    if (grant.teamId) {
      const team = this.rules.forScope('team', grant.teamId);
      if (team) rateLimitTakes('team', grant.teamId, team, worstTokens, now, takes);
    }
    const orgRule = this.rules.forScope('org', grant.orgId);
    if (orgRule) rateLimitTakes('org', grant.orgId, orgRule, worstTokens, now, takes);
    const tpmKeys = takes.filter((t) => t.key.startsWith('tpm:')).map((t) => t.key);

    const budgets: Ticket['budgets'] = [];
    for (const rule of this.ports.budgets.budgetsFor(grant)) {
      const periodKey = this.ports.budgets.periodKey(rule.period, now);
      const key = this.ports.budgets.counterKey(rule, periodKey);
      await this.ports.budgets.ensureSeeded(rule, periodKey);
      budgets.push({ rule, key, periodKey });
      takes.push(
        rule.mode === 'hard'
          ? { key, amount: worstCost, limit: rule.limitNanos }
          : { key, amount: worstCost },
      );
    }

    let payer: Ticket['payer'];
    if (prepaid) {
      const account = await this.ports.credits.payerFor(grant);
      const outKey = this.ports.credits.outKey(account);
      payer = { account, outKey };
      if (worstCharge > 0) {
        await this.ports.credits.ensureSeeded(account);
        takes.push({ key: outKey, amount: worstCharge, limitKey: this.ports.credits.inKey(account) });
      }
    }

    const ticket: Ticket = {
      reserved: false,
      grant,
      payer,
      prepaid,
      byokFeeBps,
      budgets,
      tpmKeys,
      credentials,
    };
    ctx.ticket = ticket;
    if (takes.length > 0) {
      const ttl = order[0]!.timeouts.totalMs + this.opts.reservationGraceMs;
      const result = await this.shared.reserve(ctx.requestId, takes, ttl);
      if (!result.ok) throw this.refusal(result.key, result.value, result.limit, worstCharge, now, budgets);
      ticket.reserved = true;
    }
    return order === plan.order ? plan : { ...plan, order };
  }

  private refusal(
    key: string,
    value: number,
    limit: number,
    worstCharge: number,
    now: number,
    budgets: Ticket['budgets'],
  ): GatewayError {
    if (key.startsWith('rpm:') || key.startsWith('tpm:')) {
      const what = key.startsWith('rpm:') ? 'requests' : 'tokens';
      const scope = key.split(':')[1];
      return new GatewayError(
        'rate_limit',
        `Rate limit reached: this ${scope} may use ${limit} ${what} per minute`,
        { retryAfter: String(secondsToNextWindow(now)), code: 'rate_limit_exceeded' },
      );
    }
    if (key.startsWith('cc:')) {
      const scope = key.split(':')[1];
      return new GatewayError(
        'rate_limit',
        `Too many concurrent requests: this ${scope} may have ${limit} in flight`,
        { retryAfter: '1', code: 'concurrency_limit_exceeded' },
      );
    }
    const budget = budgets.find((b) => b.key === key)?.rule;
    if (budget)
      return new GatewayError(
        'payment_required',
        `The ${PERIOD_NAME[budget.period]} budget of this ${budget.scope} (${formatUsd(budget.limitNanos, { trim: true })} USD) is spent: ${formatUsd(value, { trim: true })} USD used or reserved`,
        { code: 'budget_exceeded' },
      );
    return new GatewayError(
      'payment_required',
      `Insufficient credits: ${formatUsd(Math.max(0, limit - value), { trim: true })} USD available, and this request may cost up to ${formatUsd(worstCharge, { trim: true })} USD; top up the balance`,
      { code: 'insufficient_quota' },
    );
  }

  /**
   * After the call (success or failure): correct every take to what was used and queue the
   * usage event. Runs off the response path; never throws.
   */
  settle(ctx: CallContext, nowMs = Date.now()): void {
    const o = ctx.outcome;
    const ticket = ctx.ticket;
    // rejected before reaching any provider: no usage event, nothing charged
    if (!reachedProvider(o)) {
      if (ticket?.reserved) this.shared.release(ctx.requestId).catch((e) => this.opts.onError(e, 'release'));
      return;
    }
    const grant = ctx.principal.grant;
    const usage = o.usage;
    const answered = usage !== undefined && (o.status === undefined || o.status < 400);
    const price = answered && o.modelId ? this.ports.prices.priceFor(grant?.orgId ?? null, o.modelId) : null;
    const cost = answered && price ? callCost(usage, o.units, price) : 0;
    const byok = o.byok === true;
    const charge = ticket?.prepaid ? (byok ? bpsOf(cost, ticket.byokFeeBps) : cost) : 0;
    const tokens = answered ? usage.inputTokens + usage.outputTokens : 0;

    const event = buildUsageEvent(ctx, {
      nowMs,
      costNanos: cost,
      chargedNanos: charge,
      byok,
      payer: charge > 0 && ticket?.payer ? ticket.payer.account : undefined,
    });
    if (!ticket?.reserved) {
      this.shared.enqueueEvents([event]).catch((e) => this.opts.onError(e, 'enqueue usage event'));
      return;
    }
    const actual: Record<string, number> = {};
    for (const k of ticket.tpmKeys) actual[k] = tokens;
    for (const b of ticket.budgets) actual[b.key] = cost;
    if (ticket.payer) actual[ticket.payer.outKey] = charge;
    this.shared
      .settle(ctx.requestId, actual, event)
      .then(() => (ticket.budgets.length > 0 ? this.checkAlerts(ticket) : undefined))
      .catch((e) => this.opts.onError(e, 'settle'));
  }

  /** soft budgets and alert thresholds: record an alert the first time spend crosses them */
  private async checkAlerts(ticket: Ticket): Promise<void> {
    const watched = ticket.budgets.filter((b) => b.rule.mode === 'soft' || b.rule.alertPct !== null);
    if (watched.length === 0) return;
    const values = await this.shared.get(watched.map((b) => b.key));
    for (const [i, b] of watched.entries()) {
      const spent = values[i]!;
      if (spent >= b.rule.limitNanos)
        await this.ports.budgets.recordAlert(b.rule, b.periodKey, 'exceeded', spent);
      else if (b.rule.alertPct !== null && spent * 100 >= b.rule.limitNanos * b.rule.alertPct)
        await this.ports.budgets.recordAlert(b.rule, b.periodKey, 'threshold', spent);
    }
  }
}

/** the deployment to call with the org's own provider key, when it has one (BYOK) */
export function withOrgCredential(ctx: CallContext, d: Deployment): Deployment {
  const key = ctx.ticket?.credentials?.get(d.provider.id);
  if (!key || !d.provider.authWithKey) return d;
  ctx.outcome.byok = true;
  return { ...d, provider: { ...d.provider, authHeaders: d.provider.authWithKey(key) } };
}
