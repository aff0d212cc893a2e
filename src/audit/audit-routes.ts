// Reading the audit log: one org's entries (audit.read in the org) and the whole instance's
// (instance.read). Newest first, filtered, paged with a cursor.
import { type Static, Type as T } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AdminRouter } from '../admin/admin-router.js';
import { orgScope } from '../admin/scopes.js';
import type { Database } from '../store/tables.js';
import type { AuditFilter, AuditLog } from './audit-log.js';

const AuditQuery = T.Object(
  {
    action: T.Optional(
      T.String({ minLength: 1, description: 'exact action, or a prefix ending in * (keys.*)' }),
    ),
    actor: T.Optional(T.String({ minLength: 1, description: 'user:<id>, master, cli' })),
    target_type: T.Optional(T.String({ minLength: 1 })),
    target: T.Optional(T.String({ minLength: 1, description: 'the target object id' })),
    from: T.Optional(T.Integer({ minimum: 0, description: 'ms since epoch, inclusive' })),
    to: T.Optional(T.Integer({ minimum: 0, description: 'ms since epoch, exclusive' })),
    cursor: T.Optional(T.String({ minLength: 1 })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
type AuditQuery = Static<typeof AuditQuery>;

const OrgParams = T.Object({ orgId: T.String() });

const toFilter = (q: AuditQuery): AuditFilter => ({
  action: q.action,
  actor: q.actor,
  targetType: q.target_type,
  targetId: q.target,
  from: q.from,
  to: q.to,
  cursor: q.cursor,
  limit: q.limit,
});

export function registerAuditRoutes(router: AdminRouter, db: Kysely<Database>, audit: AuditLog): void {
  router.route({
    method: 'GET',
    url: '/orgs/:orgId/audit',
    permission: 'audit.read',
    summary: "An org's audit log, newest first",
    tags: ['audit'],
    schema: { params: OrgParams, querystring: AuditQuery },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: (req) => audit.list({ ...toFilter(req.query as AuditQuery), orgId: req.params.orgId }),
  });
  router.route({
    method: 'GET',
    url: '/audit',
    permission: 'instance.read',
    summary: 'The whole audit log, newest first',
    tags: ['audit'],
    schema: { querystring: AuditQuery },
    scope: () => ({ kind: 'instance' }),
    handler: (req) => audit.list(toFilter(req.query as AuditQuery)),
  });
}
