// The money admin routes over HTTP (embedded backend; the services under them are tested on
// both backends elsewhere): who may mint, move and read credit, redemption codes shown once,
// budgets, price overrides and discounts, usage, every change audited; and GET /v1/usage for
// a virtual key.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { type AdminIdentity, createAdminRouter, registerAdminApi } from '../../src/admin/index.js';
import type { AdmissionPorts } from '../../src/admission/admission-ports.js';
import { AuditLog } from '../../src/audit/index.js';
import type { KeyGrant } from '../../src/auth/principal.js';
import { registerBillingAdminRoutes } from '../../src/billing/billing-admin-routes.js';
import { Budgets } from '../../src/billing/budgets.js';
import { CreditAccounts } from '../../src/billing/credit-accounts.js';
import { Ledger } from '../../src/billing/ledger.js';
import { PriceBook } from '../../src/billing/price-book.js';
import { RedemptionCodes } from '../../src/billing/redemption-codes.js';
import { GatewayError } from '../../src/canonical/errors.js';
import { loadCatalogEntries } from '../../src/catalog/load-catalog.js';
import { registerSelfUsageRoute } from '../../src/metering/self-usage-route.js';
import { registerUsageAdminRoutes } from '../../src/metering/usage-admin-routes.js';
import '../../src/http/server.js';
import { eachBackend } from '../support/stores.js';
import { makeKey, makeOrg, makeTeam, usageRow } from './billing-fixtures.js';

const identity = (
  actor: string,
  orgRoles: [string, 'owner' | 'billing' | 'viewer' | 'admin'][],
  superadmin = false,
) => ({
  actor,
  userId: null,
  superadmin,
  orgRoles: new Map(orgRoles),
  teamRoles: new Map(),
});

let backend: Awaited<ReturnType<ReturnType<typeof eachBackend>[number]['open']>>;
let app: FastifyInstance;
let dataApp: FastifyInstance;
let orgId: string;
let otherOrg: string;
let teamId: string;
let keyId: string;
const tokens = new Map<string, AdminIdentity>();
let services: { budgets: Budgets; prices: PriceBook; accounts: CreditAccounts };

before(async () => {
  backend = await eachBackend()[0]!.open();
  const db = backend.store.db;
  orgId = await makeOrg(db);
  otherOrg = await makeOrg(db);
  teamId = await makeTeam(db, orgId);
  keyId = await makeKey(db, orgId, teamId);
  tokens.set('root', identity('master', [], true));
  tokens.set('billing', identity('user:billing', [[orgId, 'billing']]));
  tokens.set('viewer', identity('user:viewer', [[orgId, 'viewer']]));
  tokens.set('admin', identity('user:admin', [[orgId, 'admin']]));
  tokens.set('stranger', identity('user:stranger', [[otherOrg, 'owner']]));

  const models = new Map(loadCatalogEntries(new Set(['openai'])).map((m) => [m.id, m]));
  const accounts = new CreditAccounts(db, backend.shared);
  await accounts.start();
  const ledger = new Ledger(db, accounts, backend.shared);
  const budgets = new Budgets(db, backend.shared);
  await budgets.start();
  const prices = new PriceBook(db, { get: (id) => models.get(id) }, backend.shared);
  await prices.start();
  services = { budgets, prices, accounts };
  // the billing services plug straight into admission's ports (checked by the compiler)
  const ports: Pick<AdmissionPorts, 'credits' | 'budgets' | 'prices'> = {
    credits: accounts,
    budgets,
    prices,
  };
  assert.ok(ports.credits && ports.budgets && ports.prices);
  const router = createAdminRouter();
  registerBillingAdminRoutes(router, {
    db,
    accounts,
    ledger,
    codes: new RedemptionCodes(db, ledger),
    budgets,
    prices,
  });
  registerUsageAdminRoutes(router, { db });
  app = Fastify();
  registerAdminApi(app, { router, identify: async (t) => tokens.get(t) ?? null, audit: new AuditLog(db) });
  await app.ready();

  // a data plane whose "authentication" gives every caller the key's grant
  dataApp = Fastify();
  dataApp.decorateRequest('principal', undefined);
  dataApp.addHook('onRequest', async (req) => {
    if (req.headers.authorization === 'Bearer vk')
      req.principal = { id: keyId, name: 'k', kind: 'virtual', canUseModel: () => true, grant: grantOf() };
    else req.principal = { id: 'master', name: 'master', kind: 'master', canUseModel: () => true };
  });
  dataApp.setErrorHandler((e, _req, reply) => {
    reply
      .code(e instanceof GatewayError ? e.status : 500)
      .send({ error: { message: e instanceof Error ? e.message : String(e) } });
  });
  registerSelfUsageRoute(dataApp, { db, accounts, budgets });
  await dataApp.ready();
});

after(async () => {
  await app?.close();
  await dataApp?.close();
  await services?.prices.close();
  await services?.budgets.close();
  await services?.accounts.close();
  await backend?.cleanup();
});

function grantOf(): KeyGrant {
  return {
    keyId,
    orgId,
    teamId,
    projectId: null,
    userId: null,
    providers: null,
    endpoints: null,
    ipAllowlist: null,
    expiresAt: null,
    rpmLimit: null,
    tpmLimit: null,
    maxConcurrency: null,
    tags: [],
  };
}

async function call(
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url: `/admin/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

async function audits(action: string) {
  return backend.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

test('credit: only the instance mints it, the org moves it, everyone in the org reads it', async () => {
  assert.equal((await call('billing', 'POST', `/orgs/${orgId}/credits/topups`, { usd: '10' })).status, 403);
  assert.equal((await call('admin', 'POST', `/orgs/${orgId}/credits/grants`, { usd: '10' })).status, 403);
  const top = await call('root', 'POST', `/orgs/${orgId}/credits/topups`, {
    usd: '10.5',
    note: 'invoice 7',
    idempotency_key: 'inv-7',
  });
  assert.equal(top.status, 201);
  assert.equal(top.body.amount_usd, '10.500000000');
  assert.equal(top.body.replayed, false);
  const replay = await call('root', 'POST', `/orgs/${orgId}/credits/topups`, {
    usd: '10.5',
    idempotency_key: 'inv-7',
  });
  assert.equal(replay.body.id, top.body.id);
  assert.equal(replay.body.replayed, true);
  assert.equal((await audits('credits.topup')).length, 1, 'audited once');
  const audit = (await audits('credits.topup'))[0]!;
  assert.equal(audit.actor, 'master');
  assert.equal(audit.org_id, orgId);
  assert.match(audit.after ?? '', /10\.500000000/);

  assert.equal((await call('root', 'POST', `/orgs/${orgId}/credits/topups`, { usd: '-1' })).status, 400);
  assert.equal(
    (await call('root', 'POST', `/orgs/${orgId}/credits/topups`, { usd: '1.0000000001' })).status,
    400,
  );
  const adj = await call('root', 'POST', `/orgs/${orgId}/credits/adjustments`, { usd: '-0.5', note: 'fix' });
  assert.equal(adj.status, 201);

  // billing moves the org's credit to a team; more than is available is refused with 402
  const alloc = await call('billing', 'POST', `/orgs/${orgId}/credits/allocations`, {
    to: { team_id: teamId },
    usd: '4',
  });
  assert.equal(alloc.status, 201);
  assert.equal(alloc.body.entries.length, 2);
  const over = await call('billing', 'POST', `/orgs/${orgId}/credits/allocations`, {
    to: { key_id: keyId },
    usd: '6.01',
  });
  assert.equal(over.status, 402);
  assert.equal(over.body.error.code, 'insufficient_credits');
  assert.equal(
    (await call('viewer', 'POST', `/orgs/${orgId}/credits/allocations`, { to: { key_id: keyId }, usd: '1' }))
      .status,
    403,
  );

  const credits = await call('viewer', 'GET', `/orgs/${orgId}/credits`);
  assert.equal(credits.status, 200);
  const byScope = Object.fromEntries(credits.body.data.map((a: any) => [a.scope, a]));
  assert.equal(byScope.org.balance_usd, '6.000000000');
  assert.equal(byScope.org.available_usd, '6.000000000');
  assert.equal(byScope.team.balance_usd, '4.000000000');
  const ledger = await call('viewer', 'GET', `/orgs/${orgId}/ledger?limit=2`);
  assert.equal(ledger.body.data.length, 2);
  assert.ok(ledger.body.next_cursor);

  assert.equal(
    (await call('stranger', 'GET', `/orgs/${orgId}/credits`)).status,
    404,
    'other orgs are not revealed',
  );
  assert.equal((await call('root', 'GET', '/orgs/org_nope/credits')).status, 404);
});

test('redemption codes: shown once, redeemed once', async () => {
  assert.equal((await call('billing', 'POST', '/redemption-codes', { usd: '5' })).status, 403);
  const created = await call('root', 'POST', '/redemption-codes', { usd: '5', org_id: orgId });
  assert.equal(created.status, 201);
  const code = created.body.code as string;
  assert.match(code, /^syc-/);
  const listed = await call('root', 'GET', '/redemption-codes');
  assert.ok(!JSON.stringify(listed.body).includes(code));
  assert.ok(!JSON.stringify(await audits('redemption_codes.create')).includes(code), 'not in the audit log');
  assert.equal((await call('stranger', 'POST', `/orgs/${otherOrg}/redeem`, { code })).status, 400);
  const redeemed = await call('billing', 'POST', `/orgs/${orgId}/redeem`, { code });
  assert.equal(redeemed.status, 201);
  assert.equal(redeemed.body.kind, 'redemption');
  assert.equal((await call('billing', 'POST', `/orgs/${orgId}/redeem`, { code })).status, 400);
});

test('budgets over HTTP', async () => {
  const created = await call('billing', 'POST', `/orgs/${orgId}/budgets`, {
    scope: 'key',
    scope_id: keyId,
    period: 'month',
    limit_usd: '2',
    mode: 'hard',
    alert_pct: 80,
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.limit_usd, '2.000000000');
  const orgBudget = await call('billing', 'POST', `/orgs/${orgId}/budgets`, {
    scope: 'org',
    period: 'total',
    limit_usd: 100,
    mode: 'soft',
  });
  assert.equal(orgBudget.body.scope_id, orgId);
  assert.equal(
    (
      await call('viewer', 'POST', `/orgs/${orgId}/budgets`, {
        scope: 'org',
        period: 'day',
        limit_usd: '1',
        mode: 'hard',
      })
    ).status,
    403,
  );
  const patched = await call('billing', 'PATCH', `/orgs/${orgId}/budgets/${created.body.id}`, {
    limit_usd: '3',
  });
  assert.equal(patched.body.limit_usd, '3.000000000');
  const list = await call('viewer', 'GET', `/orgs/${orgId}/budgets`);
  assert.equal(list.body.data.length, 2);
  assert.equal(list.body.data[0].spent_usd, '0.000000000');
  const updates = await audits('budgets.update');
  assert.match(updates[0]!.before ?? '', /2\.000000000/);
  assert.match(updates[0]!.after ?? '', /3\.000000000/);
  assert.equal(
    (await call('stranger', 'DELETE', `/orgs/${otherOrg}/budgets/${created.body.id}`)).status,
    404,
  );
  assert.equal((await call('billing', 'DELETE', `/orgs/${orgId}/budgets/${orgBudget.body.id}`)).status, 200);
  assert.equal((await call('viewer', 'GET', `/orgs/${orgId}/budget-alerts`)).status, 200);
});

test('prices: overrides and discounts are the instance’s to set', async () => {
  const model = 'openai/gpt-4o-mini';
  assert.equal(
    (await call('billing', 'POST', `/orgs/${orgId}/price-overrides`, { model, input_per_mtok_usd: '0.1' }))
      .status,
    403,
  );
  const o = await call('root', 'POST', `/orgs/${orgId}/price-overrides`, {
    model,
    input_per_mtok_usd: '0.1',
  });
  assert.equal(o.status, 201);
  assert.equal(o.body.input_per_mtok_usd, '0.1');
  assert.equal(
    (await call('root', 'POST', '/price-overrides', { model, output_per_mtok_usd: '0.0000001' })).status,
    400,
  );
  assert.equal((await call('root', 'PUT', `/orgs/${orgId}/discount`, { discount_bps: 2_000 })).status, 200);
  const p = await call('viewer', 'GET', `/orgs/${orgId}/prices?model=${encodeURIComponent(model)}`);
  assert.equal(p.status, 200);
  assert.equal(p.body.input_per_mtok_usd, '0.10', "the org's own price");
  assert.equal(p.body.output_per_mtok_usd, '0.48', '0.60 less 20 %');
  assert.equal((await call('viewer', 'GET', `/orgs/${orgId}/prices?model=x%2Fnone`)).status, 404);
  const listed = await call('viewer', 'GET', `/orgs/${orgId}/price-overrides`);
  assert.equal(listed.body.data.length, 1);
  const patched = await call('root', 'PATCH', `/orgs/${orgId}/price-overrides/${o.body.id}`, {
    input_per_mtok_usd: null,
    output_per_mtok_usd: 1,
  });
  assert.equal(patched.body.input_per_mtok_usd, null);
  assert.equal(patched.body.output_per_mtok_usd, '1');
  assert.equal(
    (await call('root', 'DELETE', `/price-overrides/${o.body.id}`)).status,
    404,
    'not an instance-wide override',
  );
  assert.equal((await call('root', 'DELETE', `/orgs/${orgId}/price-overrides/${o.body.id}`)).status, 200);
  assert.equal((await audits('prices.discount')).length, 1);
});

test('usage for admins and for the key itself', async () => {
  const day = Date.UTC(2026, 10, 21);
  await backend.store.db
    .insertInto('usage_events')
    .values([
      usageRow({
        id: 'u1',
        ts: day + 1,
        org_id: orgId,
        team_id: teamId,
        key_id: keyId,
        model: 'openai/gpt-4o-mini',
        cost_nanos: 1_500,
        input_tokens: 3,
      }),
      usageRow({
        id: 'u2',
        ts: day + 2,
        org_id: orgId,
        team_id: teamId,
        key_id: 'key_other',
        model: 'openai/gpt-4o',
        cost_nanos: 500,
      }),
      usageRow({ id: 'u3', ts: day + 3, org_id: otherOrg, key_id: 'key_x', cost_nanos: 99 }),
    ])
    .execute();
  const range = `from=${new Date(day).toISOString()}&to=${new Date(day + 86_400_000).toISOString()}`;
  const r = await call('viewer', 'GET', `/orgs/${orgId}/usage?${range}&group_by=key,model&bucket=day`);
  assert.equal(r.status, 200);
  assert.equal(r.body.totals.requests, 2);
  assert.equal(r.body.totals.cost_usd, '0.000002000');
  assert.deepEqual(
    r.body.data.map((d: any) => [d.key_id, d.model, d.cost_nanos]),
    [
      [keyId, 'openai/gpt-4o-mini', '1500'],
      ['key_other', 'openai/gpt-4o', '500'],
    ],
  );
  assert.equal((await call('viewer', 'GET', `/orgs/${orgId}/usage?group_by=planet`)).status, 400);
  assert.equal((await call('stranger', 'GET', `/orgs/${orgId}/usage`)).status, 404);

  const self = await dataApp.inject({
    method: 'GET',
    url: `/v1/usage?${range}&group_by=model`,
    headers: { authorization: 'Bearer vk' },
  });
  assert.equal(self.statusCode, 200);
  const body = self.json();
  assert.equal(body.key_id, keyId);
  assert.equal(body.totals.requests, 1, 'only its own calls');
  assert.equal(body.totals.cost_nanos, '1500');
  assert.equal(body.data[0].model, 'openai/gpt-4o-mini');
  assert.deepEqual(
    body.credits.account,
    { scope: 'team', id: teamId },
    'its team received credit, so the team pays',
  );
  assert.equal(body.credits.available_usd, '4.000000000');
  assert.equal(body.budgets.length, 1);
  assert.equal(body.budgets[0].limit_usd, '3.000000000');
  const master = await dataApp.inject({ method: 'GET', url: '/v1/usage' });
  assert.equal(master.statusCode, 403);
});
