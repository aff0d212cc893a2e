// GET /v1/usage: a virtual key reads its own usage, the credit balance its calls spend and
// what is left of the budgets over it, with the key itself (no admin token). The server's
// onRequest hook has already authenticated the key and set req.principal.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Budgets } from '../billing/budgets.js';
import type { CreditAccounts } from '../billing/credit-accounts.js';
import { formatUsd } from '../billing/money.js';
import { GatewayError } from '../canonical/errors.js';
import type { Database } from '../store/tables.js';
import { usageReport, usageReportView } from './analytics.js';
import { parseBucket, parseGroupBy, parseRange } from './usage-query.js';

export interface SelfUsageDeps {
  db: Kysely<Database>;
  accounts: CreditAccounts;
  budgets: Budgets;
  now?: () => number;
}

interface SelfUsageQuery {
  from?: string;
  to?: string;
  bucket?: string;
  group_by?: string;
}

export function registerSelfUsageRoute(app: FastifyInstance, deps: SelfUsageDeps): void {
  const now = deps.now ?? Date.now;
  app.get<{ Querystring: SelfUsageQuery }>('/v1/usage', { config: { protocol: 'openai' } }, async (req) => {
    const grant = req.principal?.grant;
    if (!grant)
      throw new GatewayError('permission', 'GET /v1/usage answers for a virtual key; this key is not one', {
        code: 'not_a_virtual_key',
      });
    const q = req.query ?? {};
    const { from, to } = parseRange(q, now());
    const query = {
      keyId: grant.keyId,
      from,
      to,
      bucket: parseBucket(q.bucket),
      groupBy: parseGroupBy(q.group_by, ['model', 'provider']),
    };
    const usage = usageReportView(await usageReport(deps.db, query), query);

    const org = await deps.db
      .selectFrom('orgs')
      .select('prepaid')
      .where('id', '=', grant.orgId)
      .executeTakeFirst();
    let credits = null;
    if (org?.prepaid === 1) {
      const payer = await deps.accounts.payerFor(grant);
      const live = await deps.accounts.live(payer);
      credits = {
        account: { scope: payer.scope, id: payer.id },
        available_nanos: String(live.available),
        available_usd: formatUsd(live.available),
      };
    }
    const budgets = [];
    for (const b of deps.budgets.budgetsFor(grant)) {
      const s = await deps.budgets.spent(b);
      budgets.push({
        id: b.id,
        scope: b.scope,
        period: b.period,
        period_key: s.periodKey,
        mode: b.mode,
        limit_usd: formatUsd(b.limitNanos),
        spent_usd: formatUsd(s.spentNanos),
        remaining_usd: formatUsd(s.remainingNanos),
      });
    }
    return { object: 'usage', key_id: grant.keyId, ...usage, credits, budgets };
  });
}
