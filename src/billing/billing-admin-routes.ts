// Admin routes for money: credit balances and the ledger, top-ups, grants, refunds,
// adjustments, allocations, redemption codes, budgets and budget alerts, price overrides and
// discounts. Every change is audited with before and after.
//
// Who may do what: reading needs billing.read in the org. Moving an org's own credit to its teams
// and keys, redeeming a code, and managing budgets need billing.manage. Creating money (top-ups,
// grants, refunds, adjustments, redemption codes) and setting prices or discounts need
// instance.manage — held by superadmins only — since an org's own admins must not be able to
// mint credit or price their own traffic.
import { type Static, Type as T, type TSchema } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AdminRequest, AdminRouter } from '../admin/admin-router.js';
import { orgScope } from '../admin/scopes.js';
import { GatewayError } from '../canonical/errors.js';
import type { Database } from '../store/tables.js';
import { type Budgets, budgetView } from './budgets.js';
import { type CreditAccount, type CreditAccounts, orgAccount } from './credit-accounts.js';
import { type Ledger, type LedgerEntry, ledgerEntryView } from './ledger.js';
import { formatUsd, parseUsd } from './money.js';
import {
  type PriceBook,
  type PriceOverride,
  type PriceOverrideInput,
  priceOverrideView,
} from './price-book.js';
import type { RedemptionCode, RedemptionCodes } from './redemption-codes.js';

export interface BillingAdminDeps {
  db: Kysely<Database>;
  accounts: CreditAccounts;
  ledger: Ledger;
  codes: RedemptionCodes;
  budgets: Budgets;
  prices: PriceBook;
}

const Usd = T.Union([T.String(), T.Number()], { description: 'USD as a decimal string ("10.50") or number' });
const PerMtok = T.Union([T.String(), T.Number(), T.Null()], {
  description: 'USD per million tokens (at most 6 decimals); null = keep the catalog price',
});
const OrgParams = T.Object({ orgId: T.String() });
const Target = T.Object(
  { team_id: T.Optional(T.String()), key_id: T.Optional(T.String()) },
  { additionalProperties: false, description: 'one of team_id or key_id; absent = the org itself' },
);
const CreditBody = T.Object(
  {
    usd: Usd,
    note: T.Optional(T.String({ maxLength: 500 })),
    idempotency_key: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
    to: T.Optional(Target),
  },
  { additionalProperties: false },
);
const RefundBody = T.Object(
  {
    usd: Usd,
    note: T.Optional(T.String({ maxLength: 500 })),
    /** the refunded request: a request is refunded at most once */
    request_id: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
    idempotency_key: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
    to: T.Optional(Target),
  },
  { additionalProperties: false },
);
const AllocationBody = T.Object(
  { to: Target, usd: Usd, note: T.Optional(T.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
const LedgerQuery = T.Object({
  account_scope: T.Optional(T.Union([T.Literal('org'), T.Literal('team'), T.Literal('key')])),
  account_id: T.Optional(T.String()),
  cursor: T.Optional(T.String()),
  limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000 })),
});
const CodeBody = T.Object(
  {
    usd: Usd,
    org_id: T.Optional(T.String()),
    expires_at: T.Optional(T.Union([T.String({ description: 'ISO 8601 date-time' }), T.Integer()])),
  },
  { additionalProperties: false },
);
const RedeemBody = T.Object(
  { code: T.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const Scope = T.Union([T.Literal('org'), T.Literal('team'), T.Literal('project'), T.Literal('key')]);
const Period = T.Union([T.Literal('day'), T.Literal('week'), T.Literal('month'), T.Literal('total')]);
const Mode = T.Union([T.Literal('hard'), T.Literal('soft')]);
const AlertPct = T.Union([T.Integer({ minimum: 1, maximum: 100 }), T.Null()]);
const BudgetBody = T.Object(
  {
    scope: Scope,
    /** default: the org itself (scope org) */
    scope_id: T.Optional(T.String()),
    period: Period,
    limit_usd: Usd,
    mode: Mode,
    alert_pct: T.Optional(AlertPct),
  },
  { additionalProperties: false },
);
const BudgetPatch = T.Object(
  { limit_usd: T.Optional(Usd), mode: T.Optional(Mode), alert_pct: T.Optional(AlertPct) },
  { additionalProperties: false },
);
const BudgetParams = T.Object({ orgId: T.String(), budgetId: T.String() });
const OverrideFields = {
  input_per_mtok_usd: T.Optional(PerMtok),
  output_per_mtok_usd: T.Optional(PerMtok),
  cache_read_per_mtok_usd: T.Optional(PerMtok),
  cache_write_per_mtok_usd: T.Optional(PerMtok),
  reasoning_per_mtok_usd: T.Optional(PerMtok),
};
const OverrideBody = T.Object(
  { model: T.String({ minLength: 1, maxLength: 300 }), ...OverrideFields },
  { additionalProperties: false },
);
const OverridePatch = T.Object(OverrideFields, { additionalProperties: false });
const OverrideParams = T.Object({ overrideId: T.String() });
const OrgOverrideParams = T.Object({ orgId: T.String(), overrideId: T.String() });
const DiscountBody = T.Object(
  { discount_bps: T.Integer({ minimum: 0, maximum: 10_000 }) },
  { additionalProperties: false },
);
const PriceQuery = T.Object({ model: T.String({ minLength: 1 }) });
const ListQuery = T.Object({ limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000 })) });

type Req<B extends TSchema | undefined, Q extends TSchema | undefined, P extends TSchema> = AdminRequest<
  B extends TSchema ? Static<B> : unknown,
  Q extends TSchema ? Static<Q> : Record<string, unknown>,
  Static<P>
>;

/** USD per million tokens (≤ 6 decimals) → micro-USD per million tokens */
export function parsePerMtok(
  value: string | number | null | undefined,
  param: string,
): number | null | undefined {
  if (value === undefined || value === null) return value;
  const nanos = parseUsd(value, { param });
  if (nanos % 1000 !== 0)
    throw new GatewayError('invalid_request', 'A price per million tokens has at most 6 decimals', { param });
  return nanos / 1000;
}

function overrideInput(
  b: Partial<Record<keyof typeof OverrideFields, string | number | null>>,
): Omit<PriceOverrideInput, 'orgId' | 'model'> {
  const field = (k: keyof typeof OverrideFields) => parsePerMtok(b[k], k) ?? null;
  return {
    input: field('input_per_mtok_usd'),
    output: field('output_per_mtok_usd'),
    cacheRead: field('cache_read_per_mtok_usd'),
    cacheWrite: field('cache_write_per_mtok_usd'),
    reasoning: field('reasoning_per_mtok_usd'),
  };
}

function overridePatch(b: Partial<Record<keyof typeof OverrideFields, string | number | null>>) {
  const out: Partial<Omit<PriceOverrideInput, 'orgId' | 'model'>> = {};
  const map = {
    input_per_mtok_usd: 'input',
    output_per_mtok_usd: 'output',
    cache_read_per_mtok_usd: 'cacheRead',
    cache_write_per_mtok_usd: 'cacheWrite',
    reasoning_per_mtok_usd: 'reasoning',
  } as const;
  for (const [k, kind] of Object.entries(map) as [keyof typeof map, (typeof map)[keyof typeof map]][])
    if (b[k] !== undefined) out[kind] = parsePerMtok(b[k], k) ?? null;
  return out;
}

function targetAccount(orgId: string, to: Static<typeof Target> | undefined): CreditAccount {
  if (to?.team_id && to.key_id)
    throw new GatewayError('invalid_request', 'Give team_id or key_id, not both', { param: 'to' });
  if (to?.team_id) return { orgId, scope: 'team', id: to.team_id };
  if (to?.key_id) return { orgId, scope: 'key', id: to.key_id };
  return orgAccount(orgId);
}

function parseTime(value: string | number | undefined, param: string): number | null {
  if (value === undefined) return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isSafeInteger(ms))
    throw new GatewayError('invalid_request', `${param} is not a time`, { param });
  return ms;
}

function codeView(c: RedemptionCode) {
  return {
    id: c.id,
    amount_nanos: String(c.amountNanos),
    amount_usd: formatUsd(c.amountNanos),
    org_id: c.orgId,
    expires_at: c.expiresAt === null ? null : new Date(c.expiresAt).toISOString(),
    redeemed_at: c.redeemedAt === null ? null : new Date(c.redeemedAt).toISOString(),
    redeemed_by_org: c.redeemedByOrg,
    created_by: c.createdBy,
    created_at: new Date(c.createdAt).toISOString(),
  };
}

const entryAudit = (e: LedgerEntry) => ledgerEntryView(e);

export function registerBillingAdminRoutes(router: AdminRouter, deps: BillingAdminDeps): void {
  const { db, accounts, ledger, codes, budgets, prices } = deps;
  const inOrg = (req: { params: { orgId: string } }) => orgScope(db, req.params.orgId);
  const instance = () => ({ kind: 'instance' as const });

  // --- credits ---

  router.route<unknown, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/credits',
    permission: 'billing.read',
    scope: inOrg,
    summary: 'Credit balances of the org and of every team and key it allocated credit to',
    tags: ['credits'],
    schema: { params: OrgParams },
    handler: async (req) => {
      const { orgId } = req.params;
      const stored = await ledger.balances(orgId);
      if (!stored.some((s) => s.account.scope === 'org'))
        stored.unshift({ account: orgAccount(orgId), balanceNanos: 0n });
      const prepaid = await db
        .selectFrom('orgs')
        .select('prepaid')
        .where('id', '=', orgId)
        .executeTakeFirst();
      const data = [];
      for (const s of stored) {
        const live = await accounts.live(s.account);
        data.push({
          scope: s.account.scope,
          id: s.account.id,
          balance_nanos: s.balanceNanos.toString(),
          balance_usd: formatUsd(s.balanceNanos),
          // the balance less live reservations and charges not yet stored
          available_nanos: String(live.available),
          available_usd: formatUsd(live.available),
        });
      }
      return { object: 'list', org_id: orgId, prepaid: prepaid?.prepaid === 1, data };
    },
  });

  router.route<unknown, Static<typeof LedgerQuery>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/ledger',
    permission: 'billing.read',
    scope: inOrg,
    summary: 'Ledger entries, newest first (cursor pagination)',
    tags: ['credits'],
    schema: { params: OrgParams, querystring: LedgerQuery },
    handler: async (req) => {
      const { orgId } = req.params;
      const q = req.query;
      if ((q.account_scope === undefined) !== (q.account_id === undefined))
        throw new GatewayError('invalid_request', 'Give account_scope and account_id together', {
          param: 'account_id',
        });
      const page = await ledger.entries({
        orgId,
        account:
          q.account_scope && q.account_id ? { orgId, scope: q.account_scope, id: q.account_id } : undefined,
        cursor: q.cursor,
        limit: q.limit,
      });
      return { object: 'list', data: page.entries.map(ledgerEntryView), next_cursor: page.nextCursor };
    },
  });

  const creditRoute = (
    path: string,
    action: 'topup' | 'grant' | 'adjustment',
    summary: string,
    run: (input: Parameters<Ledger['topup']>[0]) => ReturnType<Ledger['topup']>,
  ) =>
    router.route<Static<typeof CreditBody>, Record<string, unknown>, Static<typeof OrgParams>>({
      method: 'POST',
      url: `/orgs/:orgId/credits/${path}`,
      permission: 'instance.manage',
      scope: inOrg,
      summary,
      tags: ['credits'],
      schema: { params: OrgParams, body: CreditBody },
      successStatus: 201,
      handler: async (req) => {
        const { orgId } = req.params;
        const account = targetAccount(orgId, req.body.to);
        const amountNanos = parseUsd(req.body.usd, {
          param: 'usd',
          allowNegative: action === 'adjustment',
          allowZero: false,
        });
        const { entry, replayed } = await run({
          account,
          amountNanos,
          note: req.body.note ?? null,
          actor: req.identity.actor,
          idempotencyKey: req.body.idempotency_key ?? null,
        });
        if (!replayed)
          await req.audit({
            action: `credits.${action}`,
            orgId,
            targetType: `${account.scope}_account`,
            targetId: account.id,
            before: null,
            after: entryAudit(entry),
          });
        return { ...ledgerEntryView(entry), replayed };
      },
    });
  creditRoute('topups', 'topup', 'Record credit bought (idempotent with idempotency_key)', (i) =>
    ledger.topup(i),
  );
  creditRoute('grants', 'grant', 'Give credit (promotion, trial)', (i) => ledger.grant(i));
  creditRoute('adjustments', 'adjustment', 'A signed correction of a balance', (i) => ledger.adjust(i));

  router.route<Static<typeof RefundBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'POST',
    url: '/orgs/:orgId/credits/refunds',
    permission: 'instance.manage',
    scope: inOrg,
    summary: 'Give credit back (a request named by request_id is refunded at most once)',
    tags: ['credits'],
    schema: { params: OrgParams, body: RefundBody },
    successStatus: 201,
    handler: async (req) => {
      const { orgId } = req.params;
      const account = targetAccount(orgId, req.body.to);
      const idempotencyKey = req.body.request_id
        ? `refund:${req.body.request_id}`
        : (req.body.idempotency_key ?? null);
      const { entry, replayed } = await ledger.refund({
        account,
        amountNanos: parseUsd(req.body.usd, { param: 'usd', allowZero: false }),
        note: req.body.note ?? (req.body.request_id ? `refund of request ${req.body.request_id}` : null),
        actor: req.identity.actor,
        idempotencyKey,
      });
      if (!replayed)
        await req.audit({
          action: 'credits.refund',
          orgId,
          targetType: `${account.scope}_account`,
          targetId: account.id,
          before: null,
          after: entryAudit(entry),
        });
      return { ...ledgerEntryView(entry), replayed };
    },
  });

  router.route<Static<typeof AllocationBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'POST',
    url: '/orgs/:orgId/credits/allocations',
    permission: 'billing.manage',
    scope: inOrg,
    summary: "Move credit from the org's balance to one of its teams or keys",
    tags: ['credits'],
    schema: { params: OrgParams, body: AllocationBody },
    successStatus: 201,
    handler: async (req) => {
      const { orgId } = req.params;
      const to = targetAccount(orgId, req.body.to);
      if (to.scope === 'org')
        throw new GatewayError('invalid_request', 'Allocate to a team_id or a key_id', { param: 'to' });
      const before = await ledger.balance(to);
      const { transferId, entries } = await ledger.allocate({
        orgId,
        to,
        amountNanos: parseUsd(req.body.usd, { param: 'usd', allowZero: false }),
        note: req.body.note ?? null,
        actor: req.identity.actor,
      });
      await req.audit({
        action: 'credits.allocate',
        orgId,
        targetType: `${to.scope}_account`,
        targetId: to.id,
        before: { balance_usd: formatUsd(before) },
        after: { transfer_id: transferId, entries: entries.map(entryAudit) },
      });
      return { object: 'allocation', transfer_id: transferId, entries: entries.map(ledgerEntryView) };
    },
  });

  // --- redemption codes ---

  router.route<Static<typeof CodeBody>>({
    method: 'POST',
    url: '/redemption-codes',
    permission: 'instance.manage',
    scope: instance,
    summary: 'Create a redemption code (the code is shown in this answer only)',
    tags: ['credits'],
    schema: { body: CodeBody },
    successStatus: 201,
    handler: async (req) => {
      const { code, record } = await codes.create({
        amountNanos: parseUsd(req.body.usd, { param: 'usd', allowZero: false }),
        orgId: req.body.org_id ?? null,
        expiresAt: parseTime(req.body.expires_at, 'expires_at'),
        actor: req.identity.actor,
      });
      await req.audit({
        action: 'redemption_codes.create',
        orgId: record.orgId,
        targetType: 'redemption_code',
        targetId: record.id,
        before: null,
        after: codeView(record),
      });
      return { ...codeView(record), code };
    },
  });

  router.route<unknown, Static<typeof ListQuery>>({
    method: 'GET',
    url: '/redemption-codes',
    permission: 'instance.read',
    scope: instance,
    summary: 'Redemption codes, newest first (never the codes themselves)',
    tags: ['credits'],
    schema: { querystring: ListQuery },
    handler: async (req) => ({
      object: 'list',
      data: (await codes.list({ limit: req.query.limit })).map(codeView),
    }),
  });

  router.route<Static<typeof RedeemBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'POST',
    url: '/orgs/:orgId/redeem',
    permission: 'billing.manage',
    scope: inOrg,
    summary: "Redeem a code for credit on the org's balance",
    tags: ['credits'],
    schema: { params: OrgParams, body: RedeemBody },
    successStatus: 201,
    handler: async (req) => {
      const { orgId } = req.params;
      const { entry, record } = await codes.redeem(orgId, req.body.code, req.identity.actor);
      await req.audit({
        action: 'credits.redeem',
        orgId,
        targetType: 'redemption_code',
        targetId: record.id,
        before: null,
        after: entryAudit(entry),
      });
      return ledgerEntryView(entry);
    },
  });

  // --- budgets ---

  router.route<unknown, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/budgets',
    permission: 'billing.read',
    scope: inOrg,
    summary: 'Budgets of the org, its teams, projects and keys, with spend in the current period',
    tags: ['budgets'],
    schema: { params: OrgParams },
    handler: async (req) => {
      const data = [];
      for (const b of await budgets.list(req.params.orgId)) {
        const s = await budgets.spent(b);
        data.push({
          ...budgetView(b),
          period_key: s.periodKey,
          spent_nanos: String(s.spentNanos),
          spent_usd: formatUsd(s.spentNanos),
          remaining_usd: formatUsd(s.remainingNanos),
        });
      }
      return { object: 'list', data };
    },
  });

  router.route<Static<typeof BudgetBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'POST',
    url: '/orgs/:orgId/budgets',
    permission: 'billing.manage',
    scope: inOrg,
    summary: 'Create a budget (hard: calls are refused once spent; soft: alert only)',
    tags: ['budgets'],
    schema: { params: OrgParams, body: BudgetBody },
    successStatus: 201,
    handler: async (req) => {
      const { orgId } = req.params;
      const b = req.body;
      const budget = await budgets.create(orgId, {
        scope: b.scope,
        scopeId: b.scope_id ?? (b.scope === 'org' ? orgId : ''),
        period: b.period,
        limitNanos: parseUsd(b.limit_usd, { param: 'limit_usd', allowZero: false }),
        mode: b.mode,
        alertPct: b.alert_pct ?? null,
      });
      await req.audit({
        action: 'budgets.create',
        orgId,
        targetType: 'budget',
        targetId: budget.id,
        before: null,
        after: budgetView(budget),
      });
      return budgetView(budget);
    },
  });

  router.route<Static<typeof BudgetPatch>, Record<string, unknown>, Static<typeof BudgetParams>>({
    method: 'PATCH',
    url: '/orgs/:orgId/budgets/:budgetId',
    permission: 'billing.manage',
    scope: inOrg,
    summary: "Change a budget's limit, mode or alert threshold",
    tags: ['budgets'],
    schema: { params: BudgetParams, body: BudgetPatch },
    handler: async (req) => {
      const { orgId, budgetId } = req.params;
      const b = req.body;
      const { before, after } = await budgets.update(orgId, budgetId, {
        limitNanos: b.limit_usd === undefined ? undefined : parseUsd(b.limit_usd, { param: 'limit_usd' }),
        mode: b.mode,
        alertPct: b.alert_pct,
      });
      await req.audit({
        action: 'budgets.update',
        orgId,
        targetType: 'budget',
        targetId: budgetId,
        before: budgetView(before),
        after: budgetView(after),
      });
      return budgetView(after);
    },
  });

  router.route<unknown, Record<string, unknown>, Static<typeof BudgetParams>>({
    method: 'DELETE',
    url: '/orgs/:orgId/budgets/:budgetId',
    permission: 'billing.manage',
    scope: inOrg,
    summary: 'Remove a budget',
    tags: ['budgets'],
    schema: { params: BudgetParams },
    handler: async (req) => {
      const { orgId, budgetId } = req.params;
      const removed = await budgets.remove(orgId, budgetId);
      await req.audit({
        action: 'budgets.delete',
        orgId,
        targetType: 'budget',
        targetId: budgetId,
        before: budgetView(removed),
        after: null,
      });
      return { id: budgetId, deleted: true };
    },
  });

  router.route<unknown, Static<typeof ListQuery>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/budget-alerts',
    permission: 'billing.read',
    scope: inOrg,
    summary: 'Budget alerts (threshold crossed, budget exceeded), newest first',
    tags: ['budgets'],
    schema: { params: OrgParams, querystring: ListQuery },
    handler: async (req) => ({
      object: 'list',
      data: await budgets.alerts.list(req.params.orgId, { limit: req.query.limit }),
    }),
  });

  // --- prices ---

  const overrideRoutes = (
    base: string,
    orgOf: (req: { params: Record<string, string> }) => string | null,
    scope: (req: {
      params: Record<string, string>;
    }) => ReturnType<typeof inOrg> | ReturnType<typeof instance>,
    readPermission: 'instance.read' | 'billing.read',
    paramsSchema: TSchema,
    itemParamsSchema: TSchema,
  ) => {
    const audit = (
      req: AdminRequest,
      action: string,
      id: string,
      before: PriceOverride | null,
      after: PriceOverride | null,
    ) =>
      req.audit({
        action,
        orgId: orgOf(req),
        targetType: 'price_override',
        targetId: id,
        before: before && priceOverrideView(before),
        after: after && priceOverrideView(after),
      });
    router.route({
      method: 'GET',
      url: base,
      permission: readPermission,
      scope,
      summary: 'Price overrides (USD per million tokens; null = the catalog price)',
      tags: ['prices'],
      schema: { params: paramsSchema },
      handler: async (req: Req<undefined, undefined, typeof OrgParams>) => ({
        object: 'list',
        data: (await prices.listOverrides(orgOf(req))).map(priceOverrideView),
      }),
    });
    router.route({
      method: 'POST',
      url: base,
      permission: 'instance.manage',
      scope,
      summary: 'Override the price of a model or of models matching a pattern with *',
      tags: ['prices'],
      schema: { params: paramsSchema, body: OverrideBody },
      successStatus: 201,
      handler: async (req: Req<typeof OverrideBody, undefined, typeof OrgParams>) => {
        const o = await prices.createOverride({
          orgId: orgOf(req),
          model: req.body.model,
          ...overrideInput(req.body),
        });
        await audit(req, 'prices.override_create', o.id, null, o);
        return priceOverrideView(o);
      },
    });
    router.route({
      method: 'PATCH',
      url: `${base}/:overrideId`,
      permission: 'instance.manage',
      scope,
      summary: 'Change a price override',
      tags: ['prices'],
      schema: { params: itemParamsSchema, body: OverridePatch },
      handler: async (req: Req<typeof OverridePatch, undefined, typeof OrgOverrideParams>) => {
        const { before, after } = await prices.updateOverride(
          orgOf(req),
          req.params.overrideId,
          overridePatch(req.body),
        );
        await audit(req, 'prices.override_update', after.id, before, after);
        return priceOverrideView(after);
      },
    });
    router.route({
      method: 'DELETE',
      url: `${base}/:overrideId`,
      permission: 'instance.manage',
      scope,
      summary: 'Remove a price override',
      tags: ['prices'],
      schema: { params: itemParamsSchema },
      handler: async (req: Req<undefined, undefined, typeof OrgOverrideParams>) => {
        const before = await prices.deleteOverride(orgOf(req), req.params.overrideId);
        await audit(req, 'prices.override_delete', before.id, before, null);
        return { id: before.id, deleted: true };
      },
    });
  };
  overrideRoutes('/price-overrides', () => null, instance, 'instance.read', T.Object({}), OverrideParams);
  overrideRoutes(
    '/orgs/:orgId/price-overrides',
    (req) => req.params.orgId!,
    (req) => orgScope(db, req.params.orgId!),
    'billing.read',
    OrgParams,
    OrgOverrideParams,
  );

  router.route<Static<typeof DiscountBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'PUT',
    url: '/orgs/:orgId/discount',
    permission: 'instance.manage',
    scope: inOrg,
    summary: "Set the org's discount on list prices, in basis points (1000 = 10 % off)",
    tags: ['prices'],
    schema: { params: OrgParams, body: DiscountBody },
    handler: async (req) => {
      const { orgId } = req.params;
      const previous = await prices.setDiscount(orgId, req.body.discount_bps);
      await req.audit({
        action: 'prices.discount',
        orgId,
        targetType: 'org',
        targetId: orgId,
        before: { discount_bps: previous },
        after: { discount_bps: req.body.discount_bps },
      });
      return { org_id: orgId, discount_bps: req.body.discount_bps };
    },
  });

  router.route<unknown, Static<typeof PriceQuery>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/prices',
    permission: 'billing.read',
    scope: inOrg,
    summary: "A model's effective price for the org (overrides and discount applied)",
    tags: ['prices'],
    schema: { params: OrgParams, querystring: PriceQuery },
    handler: async (req) => {
      const p = prices.priceFor(req.params.orgId, req.query.model);
      if (!p)
        throw new GatewayError('not_found', `The model \`${req.query.model}\` has no price`, {
          code: 'model_not_priced',
          param: 'model',
        });
      const usd = (micros: number) => formatPerMtok(micros);
      return {
        model: req.query.model,
        free: p.free,
        discount_bps: prices.discountBps(req.params.orgId),
        input_per_mtok_usd: usd(p.input),
        output_per_mtok_usd: usd(p.output),
        cache_read_per_mtok_usd: usd(p.cacheRead),
        cache_write_per_mtok_usd: usd(p.cacheWrite),
        reasoning_per_mtok_usd: usd(p.reasoning),
      };
    },
  });
}

function formatPerMtok(micros: number): string {
  return formatUsd(micros * 1000, { trim: true });
}
