// Admin routes for the org tree: orgs, teams, projects.
import { type Static, Type as T } from '@sinclair/typebox';
import type { AdminRouter } from '../admin/admin-router.js';
import { notFound } from '../admin/register-admin-api.js';
import { orgScope, projectScope, teamScope } from '../admin/scopes.js';
import { GatewayError } from '../canonical/index.js';
import type { AccountServices } from './account-services.js';
import { can, orgsOf } from './permissions.js';

const Name = T.String({ minLength: 1, maxLength: 200 });
const Slug = T.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' });
const Bps = T.Integer({ minimum: 0, maximum: 10_000 });
const Retention = T.Union([T.Integer({ minimum: 1 }), T.Null()]);

const OrgCreate = T.Object(
  {
    name: Name,
    slug: T.Optional(Slug),
    retention_days: T.Optional(Retention),
    byok_fee_bps: T.Optional(Bps),
    discount_bps: T.Optional(Bps),
    prepaid: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
const OrgPatch = T.Object(
  { name: T.Optional(Name), slug: T.Optional(Slug), retention_days: T.Optional(Retention) },
  { additionalProperties: false, minProperties: 1 },
);
const OrgTerms = T.Object(
  { byok_fee_bps: T.Optional(Bps), discount_bps: T.Optional(Bps), prepaid: T.Optional(T.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
const OrgParams = T.Object({ orgId: T.String() });
const TeamParams = T.Object({ teamId: T.String() });
const ProjectParams = T.Object({ projectId: T.String() });
const NameBody = T.Object({ name: Name }, { additionalProperties: false });
const ProjectCreate = T.Object(
  { name: Name, team_id: T.Optional(T.Union([T.String(), T.Null()])) },
  { additionalProperties: false },
);
const ProjectPatch = T.Object(
  { name: T.Optional(Name), team_id: T.Optional(T.Union([T.String(), T.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);
const TeamFilter = T.Object({ team_id: T.Optional(T.String()) }, { additionalProperties: false });

type OrgParams = Static<typeof OrgParams>;
type TeamParams = Static<typeof TeamParams>;
type ProjectParams = Static<typeof ProjectParams>;
type TeamFilter = Static<typeof TeamFilter>;
type Q = Record<string, unknown>;

const list = <T>(data: T[]) => ({ object: 'list' as const, data });

export function registerOrgRoutes(router: AdminRouter, svc: AccountServices): void {
  const { db, orgs, teams, projects } = svc;

  // ── orgs ──
  router.route<Static<typeof OrgCreate>, Q, Q>({
    method: 'POST',
    url: '/orgs',
    permission: 'instance.manage',
    summary: 'Create an organization',
    tags: ['orgs'],
    schema: { body: OrgCreate },
    successStatus: 201,
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => {
      const org = await orgs.create(req.body);
      await req.audit({
        action: 'orgs.create',
        orgId: org.id,
        targetType: 'org',
        targetId: org.id,
        after: org,
      });
      return org;
    },
  });
  router.route({
    method: 'GET',
    url: '/orgs',
    permission: 'self',
    summary: 'The organizations the caller belongs to (every one for superadmins)',
    tags: ['orgs'],
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => list(await orgs.list(req.identity.superadmin ? undefined : orgsOf(req.identity))),
  });
  router.route<unknown, Q, OrgParams>({
    method: 'GET',
    url: '/orgs/:orgId',
    permission: 'org.read',
    summary: 'An organization',
    tags: ['orgs'],
    schema: { params: OrgParams },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: (req) => orgs.require(req.params.orgId),
  });
  router.route<Static<typeof OrgPatch>, Q, OrgParams>({
    method: 'PATCH',
    url: '/orgs/:orgId',
    permission: 'org.manage',
    summary: "Change an organization's name, slug or prompt retention",
    tags: ['orgs'],
    schema: { params: OrgParams, body: OrgPatch },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => {
      const { before, after } = await orgs.update(req.params.orgId, req.body);
      await req.audit({
        action: 'orgs.update',
        orgId: after.id,
        targetType: 'org',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  });
  router.route<Static<typeof OrgTerms>, Q, OrgParams>({
    method: 'PATCH',
    url: '/orgs/:orgId/terms',
    permission: 'instance.manage',
    summary: "Change an organization's commercial terms: discount, BYOK fee, prepaid",
    tags: ['orgs'],
    schema: { params: OrgParams, body: OrgTerms },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => {
      const { before, after } = await orgs.update(req.params.orgId, req.body);
      await req.audit({
        action: 'orgs.terms',
        orgId: after.id,
        targetType: 'org',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  });
  router.route<unknown, Q, OrgParams>({
    method: 'DELETE',
    url: '/orgs/:orgId',
    permission: 'org.delete',
    summary: 'Delete an organization that holds no keys, teams, projects or ledger entries',
    tags: ['orgs'],
    schema: { params: OrgParams },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => {
      const before = await orgs.delete(req.params.orgId);
      await req.audit({
        action: 'orgs.delete',
        orgId: before.id,
        targetType: 'org',
        targetId: before.id,
        before,
      });
      return { id: before.id, deleted: true };
    },
  });

  // ── teams ──
  router.route<Static<typeof NameBody>, Q, OrgParams>({
    method: 'POST',
    url: '/orgs/:orgId/teams',
    permission: 'org.manage',
    summary: 'Create a team',
    tags: ['teams'],
    schema: { params: OrgParams, body: NameBody },
    successStatus: 201,
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => {
      const team = await teams.create(req.params.orgId, req.body.name);
      await req.audit({
        action: 'teams.create',
        orgId: team.org_id,
        targetType: 'team',
        targetId: team.id,
        after: team,
      });
      return team;
    },
  });
  router.route<unknown, Q, OrgParams>({
    method: 'GET',
    url: '/orgs/:orgId/teams',
    permission: 'org.read',
    summary: "An organization's teams",
    tags: ['teams'],
    schema: { params: OrgParams },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => list(await teams.list(req.params.orgId)),
  });
  router.route<unknown, Q, TeamParams>({
    method: 'GET',
    url: '/teams/:teamId',
    permission: 'org.read',
    summary: 'A team',
    tags: ['teams'],
    schema: { params: TeamParams },
    scope: (req) => teamScope(db, req.params.teamId),
    handler: (req) => teams.require(req.params.teamId),
  });
  router.route<Static<typeof NameBody>, Q, TeamParams>({
    method: 'PATCH',
    url: '/teams/:teamId',
    permission: 'org.manage',
    summary: 'Rename a team',
    tags: ['teams'],
    schema: { params: TeamParams, body: NameBody },
    scope: (req) => teamScope(db, req.params.teamId),
    handler: async (req) => {
      const { before, after } = await teams.rename(req.params.teamId, req.body.name);
      await req.audit({
        action: 'teams.update',
        orgId: after.org_id,
        targetType: 'team',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  });
  router.route<unknown, Q, TeamParams>({
    method: 'DELETE',
    url: '/teams/:teamId',
    permission: 'org.manage',
    summary: 'Delete a team without live keys (an org-level permission: team roles cannot delete their team)',
    tags: ['teams'],
    schema: { params: TeamParams },
    // checked at org level, not in the team itself
    scope: async (req) => {
      const s = await teamScope(db, req.params.teamId);
      return s.kind === 'org' ? { kind: 'org', orgId: s.orgId } : s;
    },
    handler: async (req) => {
      const before = await teams.delete(req.params.teamId);
      await req.audit({
        action: 'teams.delete',
        orgId: before.org_id,
        targetType: 'team',
        targetId: before.id,
        before,
      });
      return { id: before.id, deleted: true };
    },
  });

  // ── projects ──
  router.route<Static<typeof ProjectCreate>, Q, OrgParams>({
    method: 'POST',
    url: '/orgs/:orgId/projects',
    permission: 'org.manage',
    summary: 'Create a project, optionally in a team',
    tags: ['projects'],
    schema: { params: OrgParams, body: ProjectCreate },
    successStatus: 201,
    scope: (req) => orgScope(db, req.params.orgId, req.body.team_id),
    handler: async (req) => {
      const p = await projects.create(req.params.orgId, req.body.name, req.body.team_id ?? null);
      await req.audit({
        action: 'projects.create',
        orgId: p.org_id,
        targetType: 'project',
        targetId: p.id,
        after: p,
      });
      return p;
    },
  });
  router.route<unknown, TeamFilter, OrgParams>({
    method: 'GET',
    url: '/orgs/:orgId/projects',
    permission: 'org.read',
    summary: "An organization's projects (optionally one team's)",
    tags: ['projects'],
    schema: { params: OrgParams, querystring: TeamFilter },
    scope: (req) => orgScope(db, req.params.orgId, req.query.team_id),
    handler: async (req) => list(await projects.list(req.params.orgId, req.query.team_id)),
  });
  router.route<unknown, Q, ProjectParams>({
    method: 'GET',
    url: '/projects/:projectId',
    permission: 'org.read',
    summary: 'A project',
    tags: ['projects'],
    schema: { params: ProjectParams },
    scope: (req) => projectScope(db, req.params.projectId),
    handler: (req) => projects.require(req.params.projectId),
  });
  router.route<Static<typeof ProjectPatch>, Q, ProjectParams>({
    method: 'PATCH',
    url: '/projects/:projectId',
    permission: 'org.manage',
    summary: 'Rename a project or move it to another team (moving needs org.manage in the target team too)',
    tags: ['projects'],
    schema: { params: ProjectParams, body: ProjectPatch },
    scope: (req) => projectScope(db, req.params.projectId),
    handler: async (req) => {
      const current = await projects.require(req.params.projectId);
      const target = req.body.team_id;
      if (target !== undefined && target !== current.team_id) {
        const team = target === null ? null : await teams.get(target);
        if (target !== null && team?.org_id !== current.org_id) throw notFound('team');
        if (!can(req.identity, 'org.manage', { kind: 'org', orgId: current.org_id, teamId: target }))
          throw new GatewayError('permission', 'Moving the project there needs org.manage in the target', {
            code: 'permission_denied',
          });
      }
      const { before, after } = await projects.update(req.params.projectId, req.body);
      await req.audit({
        action: 'projects.update',
        orgId: after.org_id,
        targetType: 'project',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  });
  router.route<unknown, Q, ProjectParams>({
    method: 'DELETE',
    url: '/projects/:projectId',
    permission: 'org.manage',
    summary: 'Delete a project without live keys',
    tags: ['projects'],
    schema: { params: ProjectParams },
    scope: (req) => projectScope(db, req.params.projectId),
    handler: async (req) => {
      const before = await projects.delete(req.params.projectId);
      await req.audit({
        action: 'projects.delete',
        orgId: before.org_id,
        targetType: 'project',
        targetId: before.id,
        before,
      });
      return { id: before.id, deleted: true };
    },
  });
}
