// Budgets: a spending limit for a key, project, team or org per period (day, ISO week, month,
// total; UTC), hard (calls are refused once it is spent) or soft (an alert only). Budgets count
// list cost (usage_events.cost_nanos); credits count charges.
//
// The request path reads budgets from an in-memory cache (`budgetsFor`, synchronous), reloaded
// on every instance when the channel `budgets` carries a message (each change publishes one).
// Spend lives in SharedState counters `budget:<budget id>:<period key>`, seeded once per process
// from the stored usage of that scope in that period ('nx': a counter that exists already holds
// reservations and unstored events too, and wins). A new period is a new counter.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { KeyGrant } from '../auth/principal.js';
import { GatewayError } from '../canonical/errors.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { newId } from '../store/ids.js';
import { int8ToNumber } from '../store/numbers.js';
import type { BudgetPeriod, BudgetScope, Database } from '../store/tables.js';
import { BudgetAlerts } from './budget-alerts.js';
import { formatUsd } from './money.js';
import { periodBounds, periodKey } from './periods.js';

export { periodBounds, periodEnd, periodKey, periodStart } from './periods.js';

export const BUDGETS_CHANNEL = 'budgets';
export const BUDGET_SCOPES: readonly BudgetScope[] = ['org', 'team', 'project', 'key'];
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ['day', 'week', 'month', 'total'];

export interface Budget {
  id: string;
  orgId: string;
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  limitNanos: number;
  mode: 'hard' | 'soft';
  /** alert when spend crosses this percent of the limit; null = only when exceeded */
  alertPct: number | null;
  createdAt: number;
}

export interface BudgetInput {
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  limitNanos: number;
  mode: 'hard' | 'soft';
  alertPct?: number | null;
}

/** a budget as the request path holds it (admission's BudgetRule) */
export type BudgetRef = Omit<Budget, 'createdAt'>;

export type BudgetChange = Partial<Pick<BudgetInput, 'limitNanos' | 'mode' | 'alertPct'>>;

/** the SharedState counter holding a budget's spend in one period */
export function budgetKey(budget: Pick<Budget, 'id'>, key: string): string {
  return `budget:${budget.id}:${key}`;
}

/** the usage_events column that attributes spend to a budget's scope */
const SCOPE_COLUMN = {
  org: 'org_id',
  team: 'team_id',
  project: 'project_id',
  key: 'key_id',
} as const satisfies Record<BudgetScope, string>;

function rowToBudget(r: {
  id: string;
  org_id: string;
  scope: BudgetScope;
  scope_id: string;
  period: BudgetPeriod;
  limit_nanos: number | string | bigint;
  mode: 'hard' | 'soft';
  alert_pct: number | null;
  created_at: number | string | bigint;
}): Budget {
  return {
    id: r.id,
    orgId: r.org_id,
    scope: r.scope,
    scopeId: r.scope_id,
    period: r.period,
    limitNanos: int8ToNumber(r.limit_nanos),
    mode: r.mode,
    alertPct: r.alert_pct,
    createdAt: int8ToNumber(r.created_at),
  };
}

/** a budget for an API answer */
export function budgetView(b: Budget) {
  return {
    id: b.id,
    org_id: b.orgId,
    scope: b.scope,
    scope_id: b.scopeId,
    period: b.period,
    limit_nanos: String(b.limitNanos),
    limit_usd: formatUsd(b.limitNanos),
    mode: b.mode,
    alert_pct: b.alertPct,
    created_at: new Date(b.createdAt).toISOString(),
  };
}

function validate(input: Partial<BudgetInput>): void {
  if (input.limitNanos !== undefined && (!Number.isSafeInteger(input.limitNanos) || input.limitNanos <= 0))
    throw new GatewayError('invalid_request', 'A budget limit must be positive', { param: 'limit_usd' });
  if (input.alertPct !== undefined && input.alertPct !== null) {
    if (!Number.isInteger(input.alertPct) || input.alertPct < 1 || input.alertPct > 100)
      throw new GatewayError('invalid_request', 'alert_pct is a whole percent from 1 to 100', {
        param: 'alert_pct',
      });
  }
}

export class Budgets {
  readonly #db: Kysely<Database>;
  readonly #shared: SharedState;
  readonly #now: () => number;
  /** `<scope>:<scope id>` → its budgets */
  #byScope = new Map<string, Budget[]>();
  #generation = 0;
  readonly #seeded = new Set<string>();
  readonly #seeding = new Map<string, Promise<void>>();
  #unsubscribe: (() => Promise<void>) | undefined;

  readonly alerts: BudgetAlerts;

  constructor(db: Kysely<Database>, shared: SharedState, opts: { now?: () => number } = {}) {
    this.#db = db;
    this.#shared = shared;
    this.#now = opts.now ?? Date.now;
    this.alerts = new BudgetAlerts(db, opts);
  }

  /** load every budget and follow changes made on any instance */
  async start(): Promise<void> {
    if (!this.#unsubscribe)
      this.#unsubscribe = await this.#shared.subscribe(BUDGETS_CHANNEL, () => {
        this.load().catch(() => {
          // the next change or start retries; the cache keeps its last good state
        });
      });
    await this.load();
  }

  async close(): Promise<void> {
    const u = this.#unsubscribe;
    this.#unsubscribe = undefined;
    if (u) await u();
  }

  /** (re)read every budget into the cache */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    const rows = await this.#db.selectFrom('budgets').selectAll().execute();
    if (generation !== this.#generation) return; // a newer load started meanwhile
    const byScope = new Map<string, Budget[]>();
    for (const r of rows) {
      const b = rowToBudget(r);
      const k = `${b.scope}:${b.scopeId}`;
      const list = byScope.get(k);
      if (list) list.push(b);
      else byScope.set(k, [b]);
    }
    this.#byScope = byScope;
  }

  /** the budgets a key's calls count against: its own, its project's, its team's, its org's */
  budgetsFor(grant: Pick<KeyGrant, 'keyId' | 'projectId' | 'teamId' | 'orgId'>): Budget[] {
    const out: Budget[] = [];
    const add = (scope: BudgetScope, id: string | null) => {
      if (!id) return;
      const list = this.#byScope.get(`${scope}:${id}`);
      if (list) out.push(...list);
    };
    add('key', grant.keyId);
    add('project', grant.projectId);
    add('team', grant.teamId);
    add('org', grant.orgId);
    return out;
  }

  /**
   * Make sure the spend counter of a budget's period exists, seeded from stored usage. Once
   * per process per (budget, period); afterwards it returns at once.
   */
  ensureBudgetSeeded(budget: BudgetRef, key: string): Promise<void> {
    const counter = budgetKey(budget, key);
    if (this.#seeded.has(counter)) return Promise.resolve();
    let p = this.#seeding.get(counter);
    if (!p) {
      p = (async () => {
        const spent = await this.storedSpend(budget, key);
        await this.#shared.seed(counter, spent, 'nx');
        this.#seeded.add(counter);
      })().finally(() => this.#seeding.delete(counter));
      this.#seeding.set(counter, p);
    }
    return p;
  }

  // --- admission's BudgetPort ---

  counterKey(budget: Pick<Budget, 'id'>, key: string): string {
    return budgetKey(budget, key);
  }

  periodKey(period: BudgetPeriod, nowMs: number): string {
    return periodKey(period, nowMs);
  }

  ensureSeeded(budget: BudgetRef, key: string): Promise<void> {
    return this.ensureBudgetSeeded(budget, key);
  }

  async recordAlert(
    budget: BudgetRef,
    key: string,
    kind: 'threshold' | 'exceeded',
    spentNanos: number,
  ): Promise<void> {
    await this.alerts.record(budget, key, kind, spentNanos);
  }

  /** list cost stored in usage_events for the budget's scope in the period a key names */
  async storedSpend(budget: BudgetRef, key: string): Promise<number> {
    const { start: from, end: to } = periodBounds(budget.period, key);
    let q = this.#db
      .selectFrom('usage_events')
      .select(sql<string>`cast(coalesce(sum(cost_nanos), 0) as text)`.as('spent'))
      .where(SCOPE_COLUMN[budget.scope], '=', budget.scopeId)
      .where('ts', '>=', from);
    if (Number.isFinite(to)) q = q.where('ts', '<', to);
    const row = await q.executeTakeFirstOrThrow();
    return int8ToNumber(row.spent);
  }

  /** live spend of a budget in its current period (counters: reservations and unstored events included) */
  async spent(budget: BudgetRef): Promise<{ periodKey: string; spentNanos: number; remainingNanos: number }> {
    const key = periodKey(budget.period, this.#now());
    await this.ensureBudgetSeeded(budget, key);
    const [spent] = await this.#shared.get([budgetKey(budget, key)]);
    return { periodKey: key, spentNanos: spent!, remainingNanos: Math.max(0, budget.limitNanos - spent!) };
  }

  async list(orgId: string): Promise<Budget[]> {
    const rows = await this.#db
      .selectFrom('budgets')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(rowToBudget);
  }

  async get(orgId: string, id: string): Promise<Budget> {
    const row = await this.#db
      .selectFrom('budgets')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (!row) throw new GatewayError('not_found', 'No such budget', { code: 'not_found' });
    return rowToBudget(row);
  }

  async create(orgId: string, input: BudgetInput): Promise<Budget> {
    validate(input);
    await this.#assertScope(orgId, input.scope, input.scopeId);
    const budget: Budget = {
      id: newId('bud'),
      orgId,
      scope: input.scope,
      scopeId: input.scopeId,
      period: input.period,
      limitNanos: input.limitNanos,
      mode: input.mode,
      alertPct: input.alertPct ?? null,
      createdAt: this.#now(),
    };
    await this.#db
      .insertInto('budgets')
      .values({
        id: budget.id,
        org_id: orgId,
        scope: budget.scope,
        scope_id: budget.scopeId,
        period: budget.period,
        limit_nanos: budget.limitNanos,
        mode: budget.mode,
        alert_pct: budget.alertPct,
        created_at: budget.createdAt,
      })
      .execute();
    await this.#changed();
    return budget;
  }

  async update(orgId: string, id: string, change: BudgetChange): Promise<{ before: Budget; after: Budget }> {
    validate(change);
    const before = await this.get(orgId, id);
    const after: Budget = {
      ...before,
      limitNanos: change.limitNanos ?? before.limitNanos,
      mode: change.mode ?? before.mode,
      alertPct: change.alertPct === undefined ? before.alertPct : change.alertPct,
    };
    await this.#db
      .updateTable('budgets')
      .set({ limit_nanos: after.limitNanos, mode: after.mode, alert_pct: after.alertPct })
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .execute();
    await this.#changed();
    return { before, after };
  }

  async remove(orgId: string, id: string): Promise<Budget> {
    const before = await this.get(orgId, id);
    await this.#db.deleteFrom('budgets').where('id', '=', id).where('org_id', '=', orgId).execute();
    await this.#changed();
    return before;
  }

  async #changed(): Promise<void> {
    await this.load();
    await this.#shared.publish(BUDGETS_CHANNEL, 'changed');
  }

  async #assertScope(orgId: string, scope: BudgetScope, scopeId: string): Promise<void> {
    const missing = () =>
      new GatewayError('not_found', `No such ${scope}`, { code: 'not_found', param: 'scope_id' });
    if (scope === 'org') {
      if (scopeId !== orgId) throw missing();
      return;
    }
    const table = scope === 'team' ? 'teams' : scope === 'project' ? 'projects' : 'api_keys';
    const row = await this.#db
      .selectFrom(table)
      .select('org_id')
      .where('id', '=', scopeId)
      .executeTakeFirst();
    if (!row || row.org_id !== orgId) throw missing();
  }
}
