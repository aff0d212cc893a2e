// Budget alerts: a soft budget spent, or spend past a budget's alert threshold, recorded once
// per (budget, period, kind) however many instances notice it at the same moment (a unique
// constraint on the table; ON CONFLICT DO NOTHING). The request path decides when (at settle);
// this stores it and lists it.
import type { Kysely } from 'kysely';
import { newId } from '../store/ids.js';
import { int8ToNumber } from '../store/numbers.js';
import type { Database } from '../store/tables.js';
import type { BudgetRef } from './budgets.js';
import { formatUsd } from './money.js';

/** soft-budget and threshold alerts, recorded once per (budget, period, kind) on every instance together */
export class BudgetAlerts {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;
  readonly #recorded = new Set<string>();

  constructor(db: Kysely<Database>, opts: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = opts.now ?? Date.now;
  }

  /** true when this call recorded the alert (false: it was recorded before, here or elsewhere) */
  async record(
    budget: BudgetRef,
    key: string,
    kind: 'threshold' | 'exceeded',
    spentNanos: number,
  ): Promise<boolean> {
    const memo = `${budget.id}|${key}|${kind}`;
    if (this.#recorded.has(memo)) return false;
    const result = await this.#db
      .insertInto('budget_alerts')
      .values({
        id: newId('alert'),
        budget_id: budget.id,
        org_id: budget.orgId,
        period_key: key,
        kind,
        spent_nanos: spentNanos,
        created_at: this.#now(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    this.#recorded.add(memo);
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async list(orgId: string, opts: { limit?: number } = {}) {
    const rows = await this.#db
      .selectFrom('budget_alerts')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(opts.limit ?? 100, 1), 1000))
      .execute();
    return rows.map((r) => ({
      id: r.id,
      budget_id: r.budget_id,
      period_key: r.period_key,
      kind: r.kind,
      spent_nanos: String(int8ToNumber(r.spent_nanos)),
      spent_usd: formatUsd(int8ToNumber(r.spent_nanos)),
      created_at: new Date(int8ToNumber(r.created_at)).toISOString(),
    }));
  }
}
