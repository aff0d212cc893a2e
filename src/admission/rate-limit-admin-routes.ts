// Admin routes for org and team rate limits (keys set theirs on the key).
import { type Static, Type as T } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AdminRouter } from '../admin/admin-router.js';
import { orgScope } from '../admin/scopes.js';
import { GatewayError } from '../canonical/index.js';
import type { Database } from '../store/index.js';
import type { RateLimitRule, RateLimitRules } from './rate-limit-rules.js';

const Limit = T.Union([T.Integer({ minimum: 1 }), T.Null()]);
const SetBody = T.Object(
  {
    scope: T.Union([T.Literal('org'), T.Literal('team')]),
    /** required when scope is `team` */
    team_id: T.Optional(T.String()),
    rpm: T.Optional(Limit),
    tpm: T.Optional(Limit),
    max_concurrency: T.Optional(Limit),
  },
  { additionalProperties: false },
);
const OrgParams = T.Object({ orgId: T.String() });
const RuleParams = T.Object({ orgId: T.String(), ruleId: T.String() });

const view = (r: RateLimitRule) => ({
  id: r.id,
  org_id: r.orgId,
  scope: r.scope,
  scope_id: r.scopeId,
  rpm: r.rpm,
  tpm: r.tpm,
  max_concurrency: r.concurrency,
});

export function registerRateLimitAdminRoutes(
  router: AdminRouter,
  deps: { db: Kysely<Database>; rules: RateLimitRules },
): void {
  router.route({
    method: 'GET',
    url: '/orgs/:orgId/rate-limits',
    permission: 'org.read',
    scope: (req) => orgScope(deps.db, req.params.orgId),
    summary: 'The rate limits of an org and of its teams',
    tags: ['limits'],
    schema: { params: OrgParams },
    handler: async (req) => ({ object: 'list', data: deps.rules.list(req.params.orgId).map(view) }),
  });

  router.route<Static<typeof SetBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'PUT',
    url: '/orgs/:orgId/rate-limits',
    permission: 'org.manage',
    // a team's limit is set by the org: a team admin may not loosen its own team's limit
    scope: (req) => orgScope(deps.db, req.params.orgId),
    summary: 'Set the requests/tokens per minute and concurrent requests of an org or team (null = no limit)',
    tags: ['limits'],
    schema: { params: OrgParams, body: SetBody },
    handler: async (req) => {
      const { orgId } = req.params;
      const b = req.body;
      let scopeId = orgId;
      if (b.scope === 'team') {
        if (!b.team_id)
          throw new GatewayError('invalid_request', 'team_id is required when scope is team', {
            param: 'team_id',
          });
        const team = await deps.db
          .selectFrom('teams')
          .select('id')
          .where('id', '=', b.team_id)
          .where('org_id', '=', orgId)
          .executeTakeFirst();
        if (!team) throw new GatewayError('not_found', `No team ${b.team_id} in this org`);
        scopeId = team.id;
      }
      const before = deps.rules.forScope(b.scope, scopeId);
      const rule = await deps.rules.set(orgId, b.scope, scopeId, {
        rpm: b.rpm ?? null,
        tpm: b.tpm ?? null,
        concurrency: b.max_concurrency ?? null,
      });
      await req.audit({
        action: 'rate_limits.set',
        orgId,
        targetType: b.scope,
        targetId: scopeId,
        before: before ? view(before) : null,
        after: view(rule),
      });
      return view(rule);
    },
  });

  router.route<unknown, Record<string, unknown>, Static<typeof RuleParams>>({
    method: 'DELETE',
    url: '/orgs/:orgId/rate-limits/:ruleId',
    permission: 'org.manage',
    scope: (req) => orgScope(deps.db, req.params.orgId),
    summary: 'Remove a rate limit rule',
    tags: ['limits'],
    schema: { params: RuleParams },
    handler: async (req) => {
      const removed = await deps.rules.remove(req.params.orgId, req.params.ruleId);
      if (!removed) throw new GatewayError('not_found', `No rate limit ${req.params.ruleId} in this org`);
      await req.audit({
        action: 'rate_limits.delete',
        orgId: req.params.orgId,
        targetType: removed.scope,
        targetId: removed.scopeId,
        before: view(removed),
        after: null,
      });
      return { id: removed.id, deleted: true };
    },
  });
}
