// Every admin route × every kind of caller, allowed or denied as docs/governance.md says.
//
// Both tables below are written by hand from the documentation, not derived from the code:
//   DOC_ROLES  — the "Roles and permissions" table (role → permissions);
//   ROUTES     — every admin route → the permission it needs, whether its sample object sits in
//                team T (so a team-level role applies), and a sample request.
// A caller is expected to be allowed when it is a superadmin, when the permission is `self`, when
// its org role holds the permission, when its team role holds it for an object of its team, or for
// `org.read` when it holds any role in the org. Allowed means a 2xx answer; denied means 403 when
// the caller holds a role in the target org and 404 when it does not (ids of other orgs are never
// confirmed); instance-level routes deny with 403.
//
// A ROUTE ADDED TO THE ADMIN ROUTER MUST BE ADDED TO `ROUTES` (the test fails otherwise): routes of
// other capabilities join the app through buildAdminTestApp's `extraRoutes`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Permission } from '../../src/admin/index.js';
import type { OrgRole } from '../../src/store/tables.js';
import { eachBackend } from '../support/stores.js';
import { type AdminTestApp, buildAdminTestApp, MASTER_TOKEN, userToken } from './admin-app.js';

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
  ],
  member: ['org.read', 'keys.own'],
  billing: ['org.read', 'billing.read', 'billing.manage', 'usage.read'],
  viewer: ['org.read', 'members.read', 'keys.read', 'byok.read', 'billing.read', 'usage.read'],
};

type Who = 'master' | OrgRole | 'teamAdmin' | 'outsider';
const WHO: Who[] = ['master', 'owner', 'admin', 'member', 'billing', 'viewer', 'teamAdmin', 'outsider'];

interface Seed {
  t: AdminTestApp;
  orgA: string;
  orgB: string;
  teamT: string;
  projectP: string;
  users: Record<Exclude<Who, 'master'>, string>;
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
  const org = await s.t.services.orgs.create({ name: unique('Doomed') });
  for (const role of ['owner', 'admin', 'member', 'billing', 'viewer'] as const)
    await s.t.services.memberships.add({ userId: s.users[role], orgId: org.id, role });
  return org.id;
}

/** a key the caller owns when it can own one in org A (in team T for the team admin), else a project key */
async function keyFor(s: Seed, who: Who): Promise<string> {
  const k = s.t.services.keys;
  if (who === 'master' || who === 'outsider')
    return (await k.create({ orgId: s.orgA, name: unique('k'), projectId: s.projectP, createdBy: 'test' }))
      .record.id;
  const teamId = who === 'teamAdmin' ? s.teamT : null;
  return (
    await k.create({ orgId: s.orgA, name: unique('k'), userId: s.users[who], teamId, createdBy: 'test' })
  ).record.id;
}

async function teamMembership(s: Seed): Promise<string> {
  const u = await s.t.services.users.createLocal({ email: `${unique('m')}@example.com`, name: 'M' });
  return (
    await s.t.services.memberships.add({ userId: u.id, orgId: s.orgA, teamId: s.teamT, role: 'member' })
  ).id;
}

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
      params: { teamId: (await s.t.services.teams.create(s.orgA, unique('gone'))).id },
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
      params: { projectId: (await s.t.services.projects.create(s.orgA, unique('gone'), s.teamT)).id },
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
      const u = await s.t.services.users.createLocal({ email: `${unique('p')}@example.com`, name: 'P' });
      return { params: { userId: u.id }, body: { name: 'Renamed' } };
    },
  },
  'POST /orgs/:orgId/members': {
    permission: 'members.manage',
    sample: async (s) => {
      const u = await s.t.services.users.createLocal({ email: `${unique('n')}@example.com`, name: 'N' });
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
        keyId: (
          await s.t.services.keys.create({ orgId: s.orgA, name: 'p', projectId: s.projectP, createdBy: 't' })
        ).record.id,
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

async function seed(t: AdminTestApp): Promise<Seed> {
  const { orgs, teams, projects, users, memberships } = t.services;
  const orgA = (await orgs.create({ name: 'Org A' })).id;
  const orgB = (await orgs.create({ name: 'Org B' })).id;
  const teamT = (await teams.create(orgA, 'Team T')).id;
  const projectP = (await projects.create(orgA, 'Project P', teamT)).id;
  const mk = async (name: string) => (await users.createLocal({ email: `${name}@example.com`, name })).id;
  const u = {
    owner: await mk('owner'),
    admin: await mk('admin'),
    member: await mk('member'),
    billing: await mk('billing'),
    viewer: await mk('viewer'),
    teamAdmin: await mk('team-admin'),
    outsider: await mk('outsider'),
  };
  for (const role of ['owner', 'admin', 'member', 'billing', 'viewer'] as const)
    await memberships.add({ userId: u[role], orgId: orgA, role });
  await memberships.add({ userId: u.teamAdmin, orgId: orgA, teamId: teamT, role: 'admin' });
  await memberships.add({ userId: u.outsider, orgId: orgB, role: 'owner' });
  return { t, orgA, orgB, teamT, projectP, users: u };
}

const fill = (url: string, params: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no sample for :${name} in ${url}`);
    return encodeURIComponent(v);
  });

async function inOrg(s: Seed, who: Who, orgId: string): Promise<boolean> {
  if (who === 'master') return true;
  const userId = s.users[who];
  return s.t.services.memberships.isInOrg(userId, orgId);
}

for (const backend of eachBackend()) {
  test(`RBAC matrix: every admin route × every role (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    const t = await buildAdminTestApp({ db: b.store.db, shared: b.shared });
    try {
      const routes = t.router.routes().map((r) => `${r.method} ${r.url}`);
      const unlisted = routes.filter((r) => !(r in ROUTES));
      assert.deepEqual(unlisted, [], 'admin routes missing from the hand-written ROUTES table of this test');
      for (const [key, c] of Object.entries(ROUTES)) {
        const def = t.router.routes().find((r) => `${r.method} ${r.url}` === key);
        assert.ok(def, `ROUTES lists ${key}, which is not registered`);
        assert.equal(
          def.permission,
          c.permission,
          `${key}: the route needs ${def.permission}, the table says ${c.permission}`,
        );
      }
      const s = await seed(t);
      const failures: string[] = [];
      for (const [key, c] of Object.entries(ROUTES)) {
        const [method, url] = key.split(' ') as [string, string];
        for (const who of WHO) {
          const sample = await c.sample(s, who);
          const token = who === 'master' ? MASTER_TOKEN : userToken(s.users[who]);
          const qs = sample.query ? `?${new URLSearchParams(sample.query)}` : '';
          const r = await t.app.inject({
            method: method as 'GET',
            url: `/admin/v1${fill(url, sample.params)}${qs}`,
            headers: { authorization: `Bearer ${token}` },
            ...(sample.body === undefined ? {} : { payload: sample.body as object }),
          });
          const allowed = expectAllowed(who, c);
          let want: string;
          let ok: boolean;
          if (allowed) {
            want = '2xx';
            ok = r.statusCode >= 200 && r.statusCode < 300;
          } else {
            const status = sample.org === undefined || (await inOrg(s, who, sample.org)) ? 403 : 404;
            want = String(status);
            ok = r.statusCode === status;
          }
          if (!ok)
            failures.push(`${key} as ${who}: expected ${want}, got ${r.statusCode} ${r.body.slice(0, 200)}`);
        }
      }
      assert.deepEqual(failures, []);
    } finally {
      await t.close();
      await b.cleanup();
    }
  });
}
