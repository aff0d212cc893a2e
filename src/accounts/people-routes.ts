// Admin routes for people: instance users (superadmins create them), memberships (org admins add
// existing users to their org or team), service accounts, and the caller's own profile.
import { type Static, Type as T } from '@sinclair/typebox';
import type { AdminRequest, AdminRouter, OrgRole } from '../admin/admin-router.js';
import { notFound } from '../admin/register-admin-api.js';
import { orgScope } from '../admin/scopes.js';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import type { AccountServices } from './account-services.js';
import { ORG_ROLES } from './permissions.js';

const Role = T.Union(ORG_ROLES.map((r) => T.Literal(r)));
const Name = T.String({ minLength: 1, maxLength: 200 });
const UserCreate = T.Object(
  {
    email: T.String({ minLength: 3, maxLength: 320 }),
    name: Name,
    password: T.Optional(T.String({ minLength: 1, maxLength: 1024 })),
    superadmin: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
const UserPatch = T.Object(
  {
    name: T.Optional(Name),
    disabled: T.Optional(T.Boolean()),
    superadmin: T.Optional(T.Boolean()),
    password: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 1024 }), T.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
const MemberAdd = T.Object(
  {
    user_id: T.Optional(T.String()),
    email: T.Optional(T.String()),
    role: Role,
    team_id: T.Optional(T.Union([T.String(), T.Null()])),
  },
  { additionalProperties: false },
);
const RoleBody = T.Object({ role: Role }, { additionalProperties: false });
const ServiceAccountCreate = T.Object(
  { name: Name, role: T.Optional(Role), team_id: T.Optional(T.Union([T.String(), T.Null()])) },
  { additionalProperties: false },
);
const OrgParams = T.Object({ orgId: T.String() });
const UserParams = T.Object({ userId: T.String() });
const MembershipParams = T.Object({ membershipId: T.String() });
const TeamFilter = T.Object({ team_id: T.Optional(T.String()) }, { additionalProperties: false });

type Q = Record<string, unknown>;
type OrgParams = Static<typeof OrgParams>;
const list = <T>(data: T[]) => ({ object: 'list' as const, data });

export interface PeopleRouteHooks {
  /** a user was disabled or enabled: their keys' cached copies must go (KeyService.announceUser) */
  onUserAccessChanged?: (userId: string) => Promise<void>;
}

/** only an org owner (or a superadmin) grants or takes away the owner role */
function checkOwnerGrant(
  req: Omit<AdminRequest, 'audit'>,
  orgId: string,
  roles: (OrgRole | undefined)[],
): void {
  if (!roles.includes('owner')) return;
  if (req.identity.superadmin || req.identity.orgRoles.get(orgId) === 'owner') return;
  throw new GatewayError('permission', 'Only an owner of the organization grants or removes the owner role', {
    code: 'permission_denied',
  });
}

export function registerPeopleRoutes(
  router: AdminRouter,
  svc: AccountServices,
  hooks: PeopleRouteHooks = {},
): void {
  const { db, users, memberships, keys } = svc;

  // ── instance users ──
  router.route<Static<typeof UserCreate>, Q, Q>({
    method: 'POST',
    url: '/users',
    permission: 'instance.manage',
    summary: 'Create a local user (password optional: SSO-only users sign in through the identity provider)',
    tags: ['users'],
    schema: { body: UserCreate },
    successStatus: 201,
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => {
      const user = await users.createLocal(req.body);
      await req.audit({ action: 'users.create', targetType: 'user', targetId: user.id, after: user });
      return user;
    },
  });
  router.route({
    method: 'GET',
    url: '/users',
    permission: 'instance.read',
    summary: 'Every user of the instance',
    tags: ['users'],
    scope: () => ({ kind: 'instance' }),
    handler: async () => list(await users.list()),
  });
  router.route<unknown, Q, Static<typeof UserParams>>({
    method: 'GET',
    url: '/users/:userId',
    permission: 'instance.read',
    summary: 'A user and their memberships',
    tags: ['users'],
    schema: { params: UserParams },
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => ({
      ...(await users.require(req.params.userId)),
      memberships: await memberships.listUser(req.params.userId),
    }),
  });
  router.route<Static<typeof UserPatch>, Q, Static<typeof UserParams>>({
    method: 'PATCH',
    url: '/users/:userId',
    permission: 'instance.manage',
    summary: 'Rename, disable or enable a user, make or unmake a superadmin, set or clear a password',
    tags: ['users'],
    schema: { params: UserParams, body: UserPatch },
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => {
      const { before, after } = await users.update(req.params.userId, req.body);
      if (before.disabled !== after.disabled) {
        await keys.announceUser(after.id);
        await hooks.onUserAccessChanged?.(after.id);
      }
      await req.audit({ action: 'users.update', targetType: 'user', targetId: after.id, before, after });
      return after;
    },
  });

  // ── memberships ──
  router.route<Static<typeof MemberAdd>, Q, OrgParams>({
    method: 'POST',
    url: '/orgs/:orgId/members',
    permission: 'members.manage',
    summary: 'Give an existing user (by id or email) a role in the organization or in one of its teams',
    tags: ['members'],
    schema: { params: OrgParams, body: MemberAdd },
    successStatus: 201,
    scope: (req) => orgScope(db, req.params.orgId, req.body.team_id),
    handler: async (req) => {
      const { orgId } = req.params;
      const b = req.body;
      if ((b.user_id === undefined) === (b.email === undefined))
        throw invalidRequest('Give exactly one of user_id and email');
      const user = b.user_id !== undefined ? await users.get(b.user_id) : await users.getByEmail(b.email!);
      if (!user) throw notFound('user');
      checkOwnerGrant(req, orgId, [b.role]);
      const m = await memberships.add({ userId: user.id, orgId, teamId: b.team_id ?? null, role: b.role });
      await req.audit({ action: 'members.add', orgId, targetType: 'membership', targetId: m.id, after: m });
      return m;
    },
  });
  router.route<unknown, Static<typeof TeamFilter>, OrgParams>({
    method: 'GET',
    url: '/orgs/:orgId/members',
    permission: 'members.read',
    summary: "An organization's members and their roles (optionally one team's)",
    tags: ['members'],
    schema: { params: OrgParams, querystring: TeamFilter },
    scope: (req) => orgScope(db, req.params.orgId, req.query.team_id),
    handler: async (req) => list(await memberships.listOrg(req.params.orgId, req.query.team_id)),
  });
  const membershipScope = async (id: string) => {
    const m = await memberships.get(id);
    if (!m) throw notFound('membership');
    return { kind: 'org' as const, orgId: m.org_id, teamId: m.team_id };
  };
  router.route<Static<typeof RoleBody>, Q, Static<typeof MembershipParams>>({
    method: 'PATCH',
    url: '/memberships/:membershipId',
    permission: 'members.manage',
    summary: "Change a membership's role",
    tags: ['members'],
    schema: { params: MembershipParams, body: RoleBody },
    scope: (req) => membershipScope(req.params.membershipId),
    handler: async (req) => {
      const current = await memberships.require(req.params.membershipId);
      checkOwnerGrant(req, current.org_id, [current.role, req.body.role]);
      if (current.team_id === null && current.role === 'owner' && req.body.role !== 'owner')
        await keepAnOwner(current.org_id);
      const { before, after } = await memberships.setRole(current.id, req.body.role);
      await req.audit({
        action: 'members.update',
        orgId: after.org_id,
        targetType: 'membership',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  });
  router.route<unknown, Q, Static<typeof MembershipParams>>({
    method: 'DELETE',
    url: '/memberships/:membershipId',
    permission: 'members.manage',
    summary: 'Remove a membership',
    tags: ['members'],
    schema: { params: MembershipParams },
    scope: (req) => membershipScope(req.params.membershipId),
    handler: async (req) => {
      const current = await memberships.require(req.params.membershipId);
      checkOwnerGrant(req, current.org_id, [current.role]);
      if (current.team_id === null && current.role === 'owner') await keepAnOwner(current.org_id);
      const before = await memberships.remove(current.id);
      await req.audit({
        action: 'members.remove',
        orgId: before.org_id,
        targetType: 'membership',
        targetId: before.id,
        before,
      });
      return { id: before.id, deleted: true };
    },
  });
  const keepAnOwner = async (orgId: string) => {
    if ((await memberships.countOwners(orgId)) <= 1)
      throw new GatewayError('invalid_request', 'An organization keeps at least one owner', {
        status: 409,
        code: 'conflict',
      });
  };

  // ── service accounts ──
  router.route<Static<typeof ServiceAccountCreate>, Q, OrgParams>({
    method: 'POST',
    url: '/orgs/:orgId/service-accounts',
    permission: 'members.manage',
    summary: 'Create a service account with a role in the organization (default member) or one of its teams',
    tags: ['members'],
    schema: { params: OrgParams, body: ServiceAccountCreate },
    successStatus: 201,
    scope: (req) => orgScope(db, req.params.orgId, req.body.team_id),
    handler: async (req) => {
      const { orgId } = req.params;
      const role = req.body.role ?? 'member';
      checkOwnerGrant(req, orgId, [role]);
      const user = await users.createServiceAccount(req.body.name);
      const m = await memberships.add({ userId: user.id, orgId, teamId: req.body.team_id ?? null, role });
      await req.audit({
        action: 'service_accounts.create',
        orgId,
        targetType: 'user',
        targetId: user.id,
        after: { user, membership: m },
      });
      return { ...user, membership: m };
    },
  });
  router.route<unknown, Q, OrgParams>({
    method: 'GET',
    url: '/orgs/:orgId/service-accounts',
    permission: 'members.read',
    summary: "An organization's service accounts",
    tags: ['members'],
    schema: { params: OrgParams },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) =>
      list((await memberships.listOrg(req.params.orgId)).filter((m) => m.service_account)),
  });

  // ── the caller ──
  router.route({
    method: 'GET',
    url: '/me',
    permission: 'self',
    summary: 'Who the caller is: profile, superadmin flag, roles by org and team',
    tags: ['me'],
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => {
      const id = req.identity;
      return {
        actor: id.actor,
        superadmin: id.superadmin,
        user: id.userId ? await users.get(id.userId) : null,
        org_roles: Object.fromEntries(id.orgRoles),
        team_roles: Object.fromEntries(
          [...id.teamRoles].map(([t, r]) => [t, { org_id: r.orgId, role: r.role }]),
        ),
      };
    },
  });
}
