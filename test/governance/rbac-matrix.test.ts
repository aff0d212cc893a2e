// Every admin route of the real gateway × every kind of caller, allowed or denied as
// docs/governance.md says.
//
// The gateway is started with createGateway on each test backend (embedded SQLite + in-process
// shared state; PostgreSQL + Redis), so the router under test is the one production mounts: every
// route it registers is called. Callers are real: the master key, and one local user per org role,
// a team-level admin and an owner of another org, each signed in through POST /admin/v1/auth/login.
//
// Both tables below are written by hand from the documentation, not derived from the code:
//   DOC_ROLES  — the "Roles and permissions" table (role → permissions);
//   ROUTES     — every admin route → the permission it needs, whether its sample object sits in
//                team T (so a team-level role applies), and a sample request.
// The test also reads docs/governance.md and fails when its role table or its route table
// disagrees with these, when a registered route is missing from ROUTES (or from the docs), or
// when a route's registered permission differs from the table.
//
// A caller is expected to be allowed when it is a superadmin, when the permission is `self`, when
// its org role holds the permission, when its team role holds it for an object of its team, or for
// `org.read` when it holds any role in the org. Allowed means a 2xx answer; denied means 403 when
// the caller holds a role in the target org and 404 when it does not (ids of other orgs are never
// confirmed); instance-level routes deny with 403.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { AccountServices } from '../../src/accounts/index.js';
import type { Permission } from '../../src/admin/index.js';
import type { Governance } from '../../src/governance/open-governance.js';
import type { OrgRole } from '../../src/store/tables.js';
import { eachBackend } from '../support/stores.js';
import { type AdminGateway, GATEWAY_MASTER_KEY, startAdminGateway } from './admin-app.js';

const DOC_ROLES: Record<OrgRole, Permission[]> = {
  owner: [
    'org.read',
    'org.manage',
    'org.delete',
    'members.read',
    'members.manage',
    'keys.read',
    'keys.manage',
    'keys.own',
    'byok.read',
    'byok.manage',
    'billing.read',
    'billing.manage',
    'usage.read',
    'audit.read',
    'routing.manage',
  ],
  admin: [
    'org.read',
    'org.manage',
    'members.read',
    'members.manage',
    'keys.read',
    'keys.manage',
    'keys.own',
    'byok.read',
    'byok.manage',
    'billing.read',
    'usage.read',
    'audit.read',
    'routing.manage',
  ],
  member: ['org.read', 'keys.own'],
  billing: ['org.read', 'billing.read', 'billing.manage', 'usage.read'],
  viewer: ['org.read', 'members.read', 'keys.read', 'byok.read', 'billing.read', 'usage.read'],
};

type Who = 'master' | OrgRole | 'teamAdmin' | 'outsider';
const WHO: Who[] = ['master', 'owner', 'admin', 'member', 'billing', 'viewer', 'teamAdmin', 'outsider'];
type UserWho = Exclude<Who, 'master'>;
const PASSWORD = 'rbac-matrix-password-1';

interface Seed {
  g: AdminGateway;
  acc: AccountServices;
  gov: Governance;
  orgA: string;
  orgB: string;
  teamT: string;
  projectP: string;
  users: Record<UserWho, string>;
}

interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** the org the target object is in (undefined: an instance-level route) */
  org?: string;
}

interface RouteCase {
  permission: Permission;
  /** the sample's object is in team T: team-level roles apply */
  team?: boolean;
  sample: (s: Seed, who: Who) => Promise<Sample>;
}

let counter = 0;
const unique = (stem: string) => `${stem}-${process.pid}-${++counter}`;

/** a fresh org in which every role-holder of org A holds the same org-level role */
async function orgLikeA(s: Seed): Promise<string> {
  const org = await s.acc.orgs.create({ name: unique('Doomed') });
  for (const role of ['owner', 'admin', 'member', 'billing', 'viewer'] as const)
    await s.acc.memberships.add({ userId: s.users[role], orgId: org.id, role });
  return org.id;
}

/** a key the caller owns when it can own one in org A (in team T for the team admin), else a project key */
async function keyFor(s: Seed, who: Who): Promise<string> {
  const k = s.acc.keys;
  if (who === 'master' || who === 'outsider')
    return (await k.create({ orgId: s.orgA, name: unique('k'), projectId: s.projectP, createdBy: 'test' }))
      .record.id;
  const teamId = who === 'teamAdmin' ? s.teamT : null;
  return (
    await k.create({ orgId: s.orgA, name: unique('k'), userId: s.users[who], teamId, createdBy: 'test' })
  ).record.id;
}

async function teamMembership(s: Seed): Promise<string> {
  const u = await s.acc.users.createLocal({ email: `${unique('m')}@example.com`, name: 'M' });
  return (await s.acc.memberships.add({ userId: u.id, orgId: s.orgA, teamId: s.teamT, role: 'member' })).id;
}

/** created through the API as the master key: a fresh object for routes that change or remove it */
const freshId = async (s: Seed, method: string, path: string, body: unknown) =>
  (await s.g.asMaster<{ id: string }>(method, path, body)).id;

const freshBudget = (s: Seed) =>
  freshId(s, 'POST', `/orgs/${s.orgA}/budgets`, {
    scope: 'org',
    period: 'month',
    limit_usd: '50',
    mode: 'soft',
  });

const policyBody = () => ({ name: unique('rbac-policy'), policy: { prefer: 'price' } });

const overrideBody = () => ({ model: `openai/${unique('rbac')}-*`, input_per_mtok_usd: '1.5' });

const ROUTES: Record<string, RouteCase> = {
  'POST /orgs': {
    permission: 'instance.manage',
    sample: async () => ({ body: { name: unique('Org') } }),
  },
  'GET /orgs': { permission: 'self', sample: async () => ({}) },
  'GET /orgs/:orgId': {
    permission: 'org.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'PATCH /orgs/:orgId': {
    permission: 'org.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { name: unique('A') }, org: s.orgA }),
  },
  'PATCH /orgs/:orgId/terms': {
    permission: 'instance.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { discount_bps: 100 }, org: s.orgA }),
  },
  'DELETE /orgs/:orgId': {
    permission: 'org.delete',
    sample: async (s) => {
      const org = await orgLikeA(s);
      return { params: { orgId: org }, org };
    },
  },
  'POST /orgs/:orgId/teams': {
    permission: 'org.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { name: unique('T') }, org: s.orgA }),
  },
  'GET /orgs/:orgId/teams': {
    permission: 'org.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'GET /teams/:teamId': {
    permission: 'org.read',
    team: true,
    sample: async (s) => ({ params: { teamId: s.teamT }, org: s.orgA }),
  },
  'PATCH /teams/:teamId': {
    permission: 'org.manage',
    team: true,
    sample: async (s) => ({ params: { teamId: s.teamT }, body: { name: unique('T') }, org: s.orgA }),
  },
  'DELETE /teams/:teamId': {
    permission: 'org.manage',
    sample: async (s) => ({
      params: { teamId: (await s.acc.teams.create(s.orgA, unique('gone'))).id },
      org: s.orgA,
    }),
  },
  'POST /orgs/:orgId/projects': {
    permission: 'org.manage',
    team: true,
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { name: unique('P'), team_id: s.teamT },
      org: s.orgA,
    }),
  },
  'GET /orgs/:orgId/projects': {
    permission: 'org.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'GET /projects/:projectId': {
    permission: 'org.read',
    team: true,
    sample: async (s) => ({ params: { projectId: s.projectP }, org: s.orgA }),
  },
  'PATCH /projects/:projectId': {
    permission: 'org.manage',
    team: true,
    sample: async (s) => ({ params: { projectId: s.projectP }, body: { name: unique('P') }, org: s.orgA }),
  },
  'DELETE /projects/:projectId': {
    permission: 'org.manage',
    team: true,
    sample: async (s) => ({
      params: { projectId: (await s.acc.projects.create(s.orgA, unique('gone'), s.teamT)).id },
      org: s.orgA,
    }),
  },
  'POST /users': {
    permission: 'instance.manage',
    sample: async () => ({ body: { email: `${unique('u')}@example.com`, name: 'U' } }),
  },
  'GET /users': { permission: 'instance.read', sample: async () => ({}) },
  'GET /users/:userId': {
    permission: 'instance.read',
    sample: async (s) => ({ params: { userId: s.users.member } }),
  },
  'PATCH /users/:userId': {
    permission: 'instance.manage',
    sample: async (s) => {
      const u = await s.acc.users.createLocal({ email: `${unique('p')}@example.com`, name: 'P' });
      return { params: { userId: u.id }, body: { name: 'Renamed' } };
    },
  },
  'POST /orgs/:orgId/members': {
    permission: 'members.manage',
    sample: async (s) => {
      const u = await s.acc.users.createLocal({ email: `${unique('n')}@example.com`, name: 'N' });
      return { params: { orgId: s.orgA }, body: { user_id: u.id, role: 'member' }, org: s.orgA };
    },
  },
  'GET /orgs/:orgId/members': {
    permission: 'members.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'PATCH /memberships/:membershipId': {
    permission: 'members.manage',
    team: true,
    sample: async (s) => ({
      params: { membershipId: await teamMembership(s) },
      body: { role: 'viewer' },
      org: s.orgA,
    }),
  },
  'DELETE /memberships/:membershipId': {
    permission: 'members.manage',
    team: true,
    sample: async (s) => ({ params: { membershipId: await teamMembership(s) }, org: s.orgA }),
  },
  'POST /orgs/:orgId/service-accounts': {
    permission: 'members.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { name: unique('bot') }, org: s.orgA }),
  },
  'GET /orgs/:orgId/service-accounts': {
    permission: 'members.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'GET /me': { permission: 'self', sample: async () => ({}) },
  'POST /orgs/:orgId/keys': {
    permission: 'keys.own',
    team: true,
    // always in team T: the caller's own key, or (callers without a user) a key of project P
    sample: async (s, who) => ({
      params: { orgId: s.orgA },
      body:
        who === 'master' || who === 'outsider'
          ? { name: unique('k'), project_id: s.projectP }
          : { name: unique('k'), team_id: s.teamT },
      org: s.orgA,
    }),
  },
  'GET /orgs/:orgId/keys': {
    permission: 'keys.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'GET /me/keys': { permission: 'self', sample: async () => ({}) },
  'GET /keys/:keyId': {
    permission: 'keys.read',
    team: true,
    sample: async (s) => ({
      params: {
        keyId: (await s.acc.keys.create({ orgId: s.orgA, name: 'p', projectId: s.projectP, createdBy: 't' }))
          .record.id,
      },
      org: s.orgA,
    }),
  },
  'PATCH /keys/:keyId': {
    permission: 'keys.own',
    team: true,
    sample: async (s, who) => ({
      params: { keyId: await keyFor(s, who) },
      body: { rpm_limit: 60 },
      org: s.orgA,
    }),
  },
  'DELETE /keys/:keyId': {
    permission: 'keys.own',
    team: true,
    sample: async (s, who) => ({ params: { keyId: await keyFor(s, who) }, org: s.orgA }),
  },
  'POST /keys/:keyId/rotate': {
    permission: 'keys.own',
    team: true,
    sample: async (s, who) => ({ params: { keyId: await keyFor(s, who) }, body: {}, org: s.orgA }),
  },
  'GET /orgs/:orgId/audit': {
    permission: 'audit.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'GET /audit': { permission: 'instance.read', sample: async () => ({}) },
  'GET /deployments': { permission: 'instance.read', sample: async () => ({}) },

  // --- rate limits (src/admission/rate-limit-admin-routes.ts) ---
  'GET /orgs/:orgId/rate-limits': {
    permission: 'org.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'PUT /orgs/:orgId/rate-limits': {
    permission: 'org.manage',
    // a team's limit is the org's to set: a team admin may not loosen its own team's limit
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { scope: 'team', team_id: s.teamT, rpm: 600, tpm: null, max_concurrency: 20 },
      org: s.orgA,
    }),
  },
  'DELETE /orgs/:orgId/rate-limits/:ruleId': {
    permission: 'org.manage',
    // the org-wide rule: a team admin may not remove it
    sample: async (s) => ({
      params: {
        orgId: s.orgA,
        ruleId: await freshId(s, 'PUT', `/orgs/${s.orgA}/rate-limits`, { scope: 'org', rpm: 6000 }),
      },
      org: s.orgA,
    }),
  },

  // --- BYOK (src/byok/byok-admin-routes.ts) ---
  'GET /orgs/:orgId/provider-keys': {
    permission: 'byok.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'PUT /orgs/:orgId/provider-keys/:provider': {
    permission: 'byok.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA, provider: 'openai' },
      body: { api_key: `sk-org-own-${unique('k')}` },
      org: s.orgA,
    }),
  },
  'DELETE /orgs/:orgId/provider-keys/:provider': {
    permission: 'byok.manage',
    sample: async (s) => {
      await s.g.asMaster('PUT', `/orgs/${s.orgA}/provider-keys/openai`, { api_key: `sk-${unique('k')}` });
      return { params: { orgId: s.orgA, provider: 'openai' }, org: s.orgA };
    },
  },
  'POST /provider-keys/reencrypt': { permission: 'instance.manage', sample: async () => ({}) },

  // --- credits and the ledger (src/billing/billing-admin-routes.ts) ---
  'GET /orgs/:orgId/credits': {
    permission: 'billing.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'GET /orgs/:orgId/ledger': {
    permission: 'billing.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, query: { limit: '5' }, org: s.orgA }),
  },
  'POST /orgs/:orgId/credits/topups': {
    permission: 'instance.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { usd: '1.25', idempotency_key: unique('topup') },
      org: s.orgA,
    }),
  },
  'POST /orgs/:orgId/credits/grants': {
    permission: 'instance.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { usd: '0.5', note: 'trial' }, org: s.orgA }),
  },
  'POST /orgs/:orgId/credits/adjustments': {
    permission: 'instance.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { usd: '-0.01' }, org: s.orgA }),
  },
  'POST /orgs/:orgId/credits/refunds': {
    permission: 'instance.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { usd: '0.02', request_id: unique('req') },
      org: s.orgA,
    }),
  },
  'POST /orgs/:orgId/credits/allocations': {
    permission: 'billing.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { to: { team_id: s.teamT }, usd: '0.1' },
      org: s.orgA,
    }),
  },
  'POST /redemption-codes': {
    permission: 'instance.manage',
    sample: async (s) => ({ body: { usd: '2', org_id: s.orgA } }),
  },
  'GET /redemption-codes': { permission: 'instance.read', sample: async () => ({}) },
  'POST /orgs/:orgId/redeem': {
    permission: 'billing.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { code: (await s.gov.codes.create({ amountNanos: 1_000_000_000, actor: 'test' })).code },
      org: s.orgA,
    }),
  },

  // --- budgets ---
  'GET /orgs/:orgId/budgets': {
    permission: 'billing.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'POST /orgs/:orgId/budgets': {
    permission: 'billing.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA },
      body: { scope: 'team', scope_id: s.teamT, period: 'day', limit_usd: '10', mode: 'hard', alert_pct: 80 },
      org: s.orgA,
    }),
  },
  'PATCH /orgs/:orgId/budgets/:budgetId': {
    permission: 'billing.manage',
    sample: async (s) => ({
      params: { orgId: s.orgA, budgetId: await freshBudget(s) },
      body: { limit_usd: '75', mode: 'hard' },
      org: s.orgA,
    }),
  },
  'DELETE /orgs/:orgId/budgets/:budgetId': {
    permission: 'billing.manage',
    sample: async (s) => ({ params: { orgId: s.orgA, budgetId: await freshBudget(s) }, org: s.orgA }),
  },
  'GET /orgs/:orgId/budget-alerts': {
    permission: 'billing.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },

  // --- prices ---
  'GET /price-overrides': { permission: 'instance.read', sample: async () => ({}) },
  'POST /price-overrides': { permission: 'instance.manage', sample: async () => ({ body: overrideBody() }) },
  'PATCH /price-overrides/:overrideId': {
    permission: 'instance.manage',
    sample: async (s) => ({
      params: { overrideId: await freshId(s, 'POST', '/price-overrides', overrideBody()) },
      body: { output_per_mtok_usd: '3' },
    }),
  },
  'DELETE /price-overrides/:overrideId': {
    permission: 'instance.manage',
    sample: async (s) => ({
      params: { overrideId: await freshId(s, 'POST', '/price-overrides', overrideBody()) },
    }),
  },
  'GET /orgs/:orgId/price-overrides': {
    permission: 'billing.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'POST /orgs/:orgId/price-overrides': {
    permission: 'instance.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: overrideBody(), org: s.orgA }),
  },
  'PATCH /orgs/:orgId/price-overrides/:overrideId': {
    permission: 'instance.manage',
    sample: async (s) => ({
      params: {
        orgId: s.orgA,
        overrideId: await freshId(s, 'POST', `/orgs/${s.orgA}/price-overrides`, overrideBody()),
      },
      body: { input_per_mtok_usd: '2', cache_read_per_mtok_usd: null },
      org: s.orgA,
    }),
  },
  'DELETE /orgs/:orgId/price-overrides/:overrideId': {
    permission: 'instance.manage',
    sample: async (s) => ({
      params: {
        orgId: s.orgA,
        overrideId: await freshId(s, 'POST', `/orgs/${s.orgA}/price-overrides`, overrideBody()),
      },
      org: s.orgA,
    }),
  },
  'PUT /orgs/:orgId/discount': {
    permission: 'instance.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: { discount_bps: 250 }, org: s.orgA }),
  },
  'GET /orgs/:orgId/prices': {
    permission: 'billing.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, query: { model: 'openai/gpt-4o-mini' }, org: s.orgA }),
  },

  // --- usage analytics (src/metering/usage-admin-routes.ts) ---
  'GET /orgs/:orgId/usage': {
    permission: 'usage.read',
    team: true,
    // team T's usage: a team admin reads its own team's
    sample: async (s) => ({
      params: { orgId: s.orgA },
      query: { team_id: s.teamT, group_by: 'model', bucket: 'day' },
      org: s.orgA,
    }),
  },

  // --- routing (src/routing/routing-admin-routes.ts) ---
  'GET /orgs/:orgId/routing-policies': {
    permission: 'org.read',
    sample: async (s) => ({ params: { orgId: s.orgA }, org: s.orgA }),
  },
  'POST /orgs/:orgId/routing-policies': {
    permission: 'routing.manage',
    sample: async (s) => ({ params: { orgId: s.orgA }, body: policyBody(), org: s.orgA }),
  },
  'PATCH /orgs/:orgId/routing-policies/:policyId': {
    permission: 'routing.manage',
    sample: async (s) => ({
      params: {
        orgId: s.orgA,
        policyId: await freshId(s, 'POST', `/orgs/${s.orgA}/routing-policies`, policyBody()),
      },
      body: { policy: { prefer: 'quality' } },
      org: s.orgA,
    }),
  },
  'DELETE /orgs/:orgId/routing-policies/:policyId': {
    permission: 'routing.manage',
    sample: async (s) => ({
      params: {
        orgId: s.orgA,
        policyId: await freshId(s, 'POST', `/orgs/${s.orgA}/routing-policies`, policyBody()),
      },
      org: s.orgA,
    }),
  },
  'GET /orgs/:orgId/routing-decisions/:requestId': {
    permission: 'usage.read',
    // a decision of a request made with a key of org A, as the router queues it
    sample: async (s) => {
      const requestId = unique('req');
      s.g.gw.routing.decisions.add(
        {
          requestId,
          orgId: s.orgA,
          principalId: 'key_rbac',
          policy: 'default',
          taskType: 'chat',
          chosen: 'sim/fast',
          reason: 'policy default: chat',
          detail: {},
          createdAt: Date.now(),
        },
        { endpoint: 'chat.completions', status: 200, modelId: 'sim/fast' },
      );
      return { params: { orgId: s.orgA, requestId }, org: s.orgA };
    },
  },
};

const ORG_ROLE_OF: Partial<Record<Who, OrgRole>> = {
  owner: 'owner',
  admin: 'admin',
  member: 'member',
  billing: 'billing',
  viewer: 'viewer',
};

function expectAllowed(who: Who, c: RouteCase): boolean {
  if (who === 'master' || c.permission === 'self') return true;
  if (who === 'outsider') return false;
  const orgRole = ORG_ROLE_OF[who];
  if (orgRole) return DOC_ROLES[orgRole].includes(c.permission);
  // the team admin: admin's permissions for objects of team T, org.read in the org
  return c.permission === 'org.read' || (c.team === true && DOC_ROLES.admin.includes(c.permission));
}

async function seed(g: AdminGateway): Promise<{ seed: Seed; tokens: Record<Who, string> }> {
  const gov = g.gw.governance;
  const acc = gov.accounts;
  const orgA = (await acc.orgs.create({ name: 'Org A' })).id;
  const orgB = (await acc.orgs.create({ name: 'Org B' })).id;
  const teamT = (await acc.teams.create(orgA, 'Team T')).id;
  const projectP = (await acc.projects.create(orgA, 'Project P', teamT)).id;
  const email = (who: UserWho) => `${who.toLowerCase()}@rbac.example.com`;
  const users = {} as Record<UserWho, string>;
  for (const who of WHO) {
    if (who === 'master') continue;
    users[who] = (await acc.users.createLocal({ email: email(who), name: who, password: PASSWORD })).id;
  }
  for (const role of ['owner', 'admin', 'member', 'billing', 'viewer'] as const)
    await acc.memberships.add({ userId: users[role], orgId: orgA, role });
  await acc.memberships.add({ userId: users.teamAdmin, orgId: orgA, teamId: teamT, role: 'admin' });
  await acc.memberships.add({ userId: users.outsider, orgId: orgB, role: 'owner' });
  // credit to allocate from
  await g.asMaster('POST', `/orgs/${orgA}/credits/topups`, { usd: '100' });
  const tokens = { master: GATEWAY_MASTER_KEY } as Record<Who, string>;
  for (const who of WHO) if (who !== 'master') tokens[who] = await g.signIn(email(who), PASSWORD);
  return { seed: { g, acc, gov, orgA, orgB, teamT, projectP, users }, tokens };
}

const fill = (url: string, params: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no sample for :${name} in ${url}`);
    return encodeURIComponent(v);
  });

async function inOrg(s: Seed, who: Who, orgId: string): Promise<boolean> {
  if (who === 'master') return true;
  return s.acc.memberships.isInOrg(s.users[who], orgId);
}

// --- docs/governance.md, read as the reader sees it ---

const DOC = readFileSync(new URL('../../docs/governance.md', import.meta.url), 'utf8');
const ROLE_COLUMNS: OrgRole[] = ['owner', 'admin', 'member', 'billing', 'viewer'];

/** the "Roles and permissions" table: role → the permissions ticked for it */
function documentedRoles(): Record<OrgRole, Permission[]> {
  const out = { owner: [], admin: [], member: [], billing: [], viewer: [] } as Record<OrgRole, Permission[]>;
  for (const line of DOC.split('\n')) {
    const m = /^\| `([a-z.]+)` \|[^|]*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const cells = m[2]!.split('|').map((c) => c.trim());
    ROLE_COLUMNS.forEach((role, i) => {
      if (cells[i] === '✓') out[role].push(m[1] as Permission);
    });
  }
  return out;
}

/** the route tables: `METHOD /path` → the permission in its second column */
function documentedRoutes(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of DOC.split('\n')) {
    const m = /^\| `(GET|POST|PUT|PATCH|DELETE) (\/[^`]*)` \| `([a-z.]+)`/.exec(line);
    if (m) out.set(`${m[1]} ${m[2]}`, m[3]!);
  }
  return out;
}

test('the hand-written tables agree with docs/governance.md', () => {
  const roles = documentedRoles();
  for (const role of ROLE_COLUMNS)
    assert.deepEqual([...roles[role]].sort(), [...DOC_ROLES[role]].sort(), `the ${role} column of the docs`);
  const documented = documentedRoutes();
  const mismatched = Object.entries(ROUTES)
    .filter(([key, c]) => documented.get(key) !== c.permission)
    .map(
      ([key, c]) => `${key}: docs say ${documented.get(key) ?? '(not listed)'}, the table ${c.permission}`,
    );
  assert.deepEqual(mismatched, []);
  const extra = [...documented.keys()].filter((k) => !(k in ROUTES));
  assert.deepEqual(extra, [], 'the docs list routes the gateway does not have');
});

for (const backend of eachBackend()) {
  test(`RBAC matrix: every admin route × every role (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    let g: AdminGateway | undefined;
    try {
      g = await startAdminGateway(b);
      const registered = g.gw.governance.router.routes();
      const keys = registered.map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(
        keys.filter((k) => !(k in ROUTES)),
        [],
        'admin routes missing from the hand-written ROUTES table of this test',
      );
      assert.equal(new Set(keys).size, keys.length, 'a route is registered twice');
      const wrong: string[] = [];
      for (const [key, c] of Object.entries(ROUTES)) {
        const def = registered.find((r) => `${r.method} ${r.url}` === key);
        if (!def) wrong.push(`ROUTES lists ${key}, which is not registered`);
        else if (def.permission !== c.permission)
          wrong.push(`${key}: the route needs ${def.permission}, the table says ${c.permission}`);
      }
      assert.deepEqual(wrong, []);

      const { seed: s, tokens } = await seed(g);
      const failures: string[] = [];
      let calls = 0;
      for (const [key, c] of Object.entries(ROUTES)) {
        const [method, url] = key.split(' ') as [string, string];
        for (const who of WHO) {
          const sample = await c.sample(s, who);
          const qs = sample.query ? `?${new URLSearchParams(sample.query)}` : '';
          const r = await g.call(tokens[who], method, `${fill(url, sample.params)}${qs}`, sample.body);
          calls++;
          const allowed = expectAllowed(who, c);
          let want: string;
          let ok: boolean;
          if (allowed) {
            want = '2xx';
            ok = r.status >= 200 && r.status < 300;
          } else {
            const status = sample.org === undefined || (await inOrg(s, who, sample.org)) ? 403 : 404;
            want = String(status);
            ok = r.status === status;
          }
          if (!ok)
            failures.push(`${key} as ${who}: expected ${want}, got ${r.status} ${r.body.slice(0, 200)}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.equal(calls, keys.length * WHO.length);
    } finally {
      await g?.close();
      await b.cleanup();
    }
  });
}
