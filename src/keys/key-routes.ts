// Admin routes for virtual keys. `keys.own` lets a member create and manage keys they own;
// `keys.manage` any key in scope (another user's, a project's). The key itself is in the answer
// to creation and rotation only; audit entries carry the display prefix, never the key or hash.
import { type Static, Type as T } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { can } from '../accounts/permissions.js';
import type { AdminRequest, AdminRouter, RouteScope } from '../admin/admin-router.js';
import { notFound } from '../admin/register-admin-api.js';
import { keyScope, orgScope } from '../admin/scopes.js';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import type { Database } from '../store/tables.js';
import type { KeyRecord } from './key-record.js';
import type { KeyService } from './key-service.js';

const Strings = T.Union([T.Array(T.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 }), T.Null()]);
const Limit = T.Union([T.Integer({ minimum: 1 }), T.Null()]);
const settings = {
  models: T.Optional(Strings),
  providers: T.Optional(Strings),
  endpoints: T.Optional(Strings),
  ip_allowlist: T.Optional(Strings),
  tags: T.Optional(Strings),
  metadata: T.Optional(T.Union([T.Record(T.String(), T.Unknown()), T.Null()])),
  rpm_limit: T.Optional(Limit),
  tpm_limit: T.Optional(Limit),
  max_concurrency: T.Optional(Limit),
  /** keep this key's Responses API answers this many days (previous_response_id); null = the org's setting */
  retention_days: T.Optional(Limit),
  expires_at: T.Optional(T.Union([T.Integer({ minimum: 0, description: 'ms since epoch' }), T.Null()])),
};
const KeyCreate = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 200 }),
    /** default: the caller (a user); another user or a project needs keys.manage */
    user_id: T.Optional(T.String()),
    project_id: T.Optional(T.String()),
    team_id: T.Optional(T.String()),
    ...settings,
  },
  { additionalProperties: false },
);
const KeyPatch = T.Object(
  { name: T.Optional(T.String({ minLength: 1, maxLength: 200 })), ...settings },
  { additionalProperties: false, minProperties: 1 },
);
const Rotate = T.Object(
  { overlap_seconds: T.Optional(T.Integer({ minimum: 0, maximum: 30 * 24 * 3600, default: 86_400 })) },
  { additionalProperties: false },
);
const KeyFilter = T.Object(
  {
    team_id: T.Optional(T.String()),
    project_id: T.Optional(T.String()),
    user_id: T.Optional(T.String()),
    include_revoked: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
const OrgParams = T.Object({ orgId: T.String() });
const KeyParams = T.Object({ keyId: T.String() });
const MeKeys = T.Object({ include_revoked: T.Optional(T.Boolean()) }, { additionalProperties: false });

type Q = Record<string, unknown>;
type KeyParams = Static<typeof KeyParams>;

/** what the audit log keeps of a key (no secret in it: the record has no hash) */
const auditView = (k: KeyRecord) => k;

function denyUnlessManager(req: Omit<AdminRequest, 'audit'>, scope: RouteScope, what: string): void {
  if (!can(req.identity, 'keys.manage', scope))
    throw new GatewayError('permission', `${what} needs the "keys.manage" permission here`, {
      code: 'permission_denied',
    });
}

export function registerKeyRoutes(
  router: AdminRouter,
  deps: { db: Kysely<Database>; keys: KeyService },
): void {
  const { db, keys } = deps;

  /** the key and its scope, or 404 */
  const keyAndScope = async (keyId: string) => {
    const key = await keys.get(keyId);
    if (!key) throw notFound('key');
    return { key, scope: { kind: 'org', orgId: key.org_id, teamId: key.team_id } as RouteScope };
  };
  /** a key that is not the caller's own needs keys.manage */
  const checkOwnOrManage = (req: Omit<AdminRequest, 'audit'>, key: KeyRecord, scope: RouteScope) => {
    if (key.user_id === null || key.user_id !== req.identity.userId)
      denyUnlessManager(req, scope, "Managing a key that is not one's own");
  };

  /** a new key's scope: its project's team, or the team named, or the org */
  const createScope = async (orgId: string, b: Static<typeof KeyCreate>): Promise<RouteScope> => {
    if (!b.project_id) return orgScope(db, orgId, b.team_id);
    await orgScope(db, orgId);
    const p = await db
      .selectFrom('projects')
      .select('team_id')
      .where('id', '=', b.project_id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (!p) throw notFound('project');
    return { kind: 'org', orgId, teamId: p.team_id };
  };

  router.route<Static<typeof KeyCreate>, Q, Static<typeof OrgParams>>({
    method: 'POST',
    url: '/orgs/:orgId/keys',
    permission: 'keys.own',
    summary:
      'Create a virtual key (the key is in this answer only); owned by the caller, another member or a project',
    tags: ['keys'],
    schema: { params: OrgParams, body: KeyCreate },
    successStatus: 201,
    scope: (req) => createScope(req.params.orgId, req.body),
    handler: async (req) => {
      const { orgId } = req.params;
      const b = req.body;
      const scope = await createScope(orgId, b);
      let userId: string | null = null;
      if (b.project_id) {
        if (b.user_id) throw invalidRequest('Give user_id or project_id, not both');
        denyUnlessManager(req, scope, 'A project key');
      } else {
        userId = b.user_id ?? req.identity.userId;
        if (!userId) throw invalidRequest('Give the owner: user_id or project_id', 'user_id');
        if (userId !== req.identity.userId) denyUnlessManager(req, scope, "Another user's key");
      }
      const created = await keys.create({
        ...b,
        orgId,
        userId,
        projectId: b.project_id ?? null,
        teamId: b.project_id ? null : (b.team_id ?? null),
        createdBy: req.identity.actor,
      });
      await req.audit({
        action: 'keys.create',
        orgId,
        targetType: 'key',
        targetId: created.record.id,
        after: auditView(created.record),
      });
      return { ...created.record, key: created.key };
    },
  });

  router.route<unknown, Static<typeof KeyFilter>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/keys',
    permission: 'keys.read',
    summary: "An organization's keys (optionally one team's, project's or user's); never the key itself",
    tags: ['keys'],
    schema: { params: OrgParams, querystring: KeyFilter },
    scope: (req) => orgScope(db, req.params.orgId, req.query.team_id),
    handler: async (req) => ({
      object: 'list',
      data: await keys.list(req.params.orgId, {
        teamId: req.query.team_id,
        projectId: req.query.project_id,
        userId: req.query.user_id,
        includeRevoked: req.query.include_revoked,
      }),
    }),
  });

  router.route<unknown, Static<typeof MeKeys>, Q>({
    method: 'GET',
    url: '/me/keys',
    permission: 'self',
    summary: "The caller's own keys in every organization",
    tags: ['keys', 'me'],
    schema: { querystring: MeKeys },
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => ({
      object: 'list',
      data: req.identity.userId ? await keys.listOfUser(req.identity.userId, req.query.include_revoked) : [],
    }),
  });

  router.route<unknown, Q, KeyParams>({
    method: 'GET',
    url: '/keys/:keyId',
    permission: 'keys.read',
    summary: 'A key (never the key itself)',
    tags: ['keys'],
    schema: { params: KeyParams },
    scope: (req) => keyScope(db, req.params.keyId),
    handler: (req) => keys.require(req.params.keyId),
  });

  router.route<Static<typeof KeyPatch>, Q, KeyParams>({
    method: 'PATCH',
    url: '/keys/:keyId',
    permission: 'keys.own',
    summary:
      "Change a key's name, scopes (models, providers, endpoints, IP allowlist), tags, metadata, limits or expiry",
    tags: ['keys'],
    schema: { params: KeyParams, body: KeyPatch },
    scope: (req) => keyScope(db, req.params.keyId),
    handler: async (req) => {
      const { key, scope } = await keyAndScope(req.params.keyId);
      checkOwnOrManage(req, key, scope);
      const { before, after } = await keys.update(key.id, req.body);
      await req.audit({
        action: 'keys.update',
        orgId: after.org_id,
        targetType: 'key',
        targetId: after.id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    },
  });

  router.route<unknown, Q, KeyParams>({
    method: 'DELETE',
    url: '/keys/:keyId',
    permission: 'keys.own',
    summary: 'Revoke a key: every instance refuses it within seconds',
    tags: ['keys'],
    schema: { params: KeyParams },
    scope: (req) => keyScope(db, req.params.keyId),
    handler: async (req) => {
      const { key, scope } = await keyAndScope(req.params.keyId);
      checkOwnOrManage(req, key, scope);
      const { before, after } = await keys.revoke(key.id);
      await req.audit({
        action: 'keys.revoke',
        orgId: after.org_id,
        targetType: 'key',
        targetId: after.id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    },
  });

  router.route<Static<typeof Rotate>, Q, KeyParams>({
    method: 'POST',
    url: '/keys/:keyId/rotate',
    permission: 'keys.own',
    summary:
      'Rotate a key: a new key with the same settings; the old one keeps working for the overlap (default 24 h)',
    tags: ['keys'],
    schema: { params: KeyParams, body: Rotate },
    successStatus: 201,
    scope: (req) => keyScope(db, req.params.keyId),
    handler: async (req) => {
      const { key, scope } = await keyAndScope(req.params.keyId);
      checkOwnOrManage(req, key, scope);
      const overlapMs = (req.body?.overlap_seconds ?? 86_400) * 1000;
      const rotated = await keys.rotate(key.id, { overlapMs, createdBy: req.identity.actor });
      await req.audit({
        action: 'keys.rotate',
        orgId: key.org_id,
        targetType: 'key',
        targetId: rotated.record.id,
        before: auditView(key),
        after: { new_key: auditView(rotated.record), previous: auditView(rotated.previous) },
      });
      return { ...rotated.record, key: rotated.key, previous: rotated.previous };
    },
  });
}
