// Admin routes of routing: an org's policies (named, usable as `auto:<name>`, and the default of
// the org, a team, a project or a key), and any request's routing decision in the org.
import { type Static, Type as T } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AdminRouter } from '../admin/admin-router.js';
import { orgScope } from '../admin/scopes.js';
import { GatewayError } from '../canonical/index.js';
import type { Database } from '../store/index.js';
import type { DecisionLog } from './decision-log.js';
import { POLICY_NAME_PATTERN, PolicySpecSchema } from './policy-schema.js';
import type { PolicyStore, StoredPolicy } from './policy-store.js';
import { decisionView } from './routing-http-routes.js';

const Target = T.Object(
  {
    scope: T.Union([T.Literal('org'), T.Literal('team'), T.Literal('project'), T.Literal('key')]),
    id: T.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
const CreateBody = T.Object(
  {
    name: T.String({ pattern: POLICY_NAME_PATTERN }),
    policy: PolicySpecSchema,
    default_for: T.Optional(T.Array(Target, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
const UpdateBody = T.Object(
  { policy: T.Optional(PolicySpecSchema), default_for: T.Optional(T.Array(Target, { maxItems: 100 })) },
  { additionalProperties: false },
);
const OrgParams = T.Object({ orgId: T.String() });
const PolicyParams = T.Object({ orgId: T.String(), policyId: T.String() });
const DecisionParams = T.Object({ orgId: T.String(), requestId: T.String() });

export const policyView = (p: StoredPolicy) => ({
  object: 'routing.policy',
  id: p.id,
  org_id: p.orgId,
  name: p.name,
  model: `auto:${p.name}`,
  policy: p.spec,
  default_for: p.defaultFor,
  created_at: new Date(p.createdAt).toISOString(),
  updated_at: new Date(p.updatedAt).toISOString(),
});

const noPolicy = (id: string) =>
  new GatewayError('not_found', `No routing policy ${id} in this org`, { code: 'not_found' });

export function registerRoutingAdminRoutes(
  router: AdminRouter,
  deps: { db: Kysely<Database>; policies: PolicyStore; decisions: DecisionLog },
): void {
  const { db, policies } = deps;
  router.route<unknown, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/routing-policies',
    permission: 'org.read',
    scope: (req) => orgScope(db, req.params.orgId),
    summary: "The org's routing policies",
    tags: ['routing'],
    schema: { params: OrgParams },
    handler: async (req) => ({
      object: 'list',
      data: (await policies.list(req.params.orgId)).map(policyView),
    }),
  });

  router.route<Static<typeof CreateBody>, Record<string, unknown>, Static<typeof OrgParams>>({
    method: 'POST',
    url: '/orgs/:orgId/routing-policies',
    permission: 'routing.manage',
    scope: (req) => orgScope(db, req.params.orgId),
    summary:
      'Create a routing policy (model `auto:<name>`; optionally the default of the org, teams, projects, keys)',
    tags: ['routing'],
    schema: { params: OrgParams, body: CreateBody },
    successStatus: 201,
    handler: async (req) => {
      const { orgId } = req.params;
      const p = await policies.create(orgId, req.body.name, req.body.policy, req.body.default_for ?? []);
      await req.audit({
        action: 'routing_policy.create',
        orgId,
        targetType: 'routing_policy',
        targetId: p.id,
        before: null,
        after: policyView(p),
      });
      return policyView(p);
    },
  });

  router.route<Static<typeof UpdateBody>, Record<string, unknown>, Static<typeof PolicyParams>>({
    method: 'PATCH',
    url: '/orgs/:orgId/routing-policies/:policyId',
    permission: 'routing.manage',
    scope: (req) => orgScope(db, req.params.orgId),
    summary: 'Change a routing policy or where it is the default',
    tags: ['routing'],
    schema: { params: PolicyParams, body: UpdateBody },
    handler: async (req) => {
      const { orgId, policyId } = req.params;
      const changed = await policies.update(orgId, policyId, {
        spec: req.body.policy,
        defaultFor: req.body.default_for,
      });
      if (!changed) throw noPolicy(policyId);
      await req.audit({
        action: 'routing_policy.update',
        orgId,
        targetType: 'routing_policy',
        targetId: policyId,
        before: policyView(changed.before),
        after: policyView(changed.after),
      });
      return policyView(changed.after);
    },
  });

  router.route<unknown, Record<string, unknown>, Static<typeof PolicyParams>>({
    method: 'DELETE',
    url: '/orgs/:orgId/routing-policies/:policyId',
    permission: 'routing.manage',
    scope: (req) => orgScope(db, req.params.orgId),
    summary: 'Remove a routing policy',
    tags: ['routing'],
    schema: { params: PolicyParams },
    handler: async (req) => {
      const { orgId, policyId } = req.params;
      const removed = await policies.remove(orgId, policyId);
      if (!removed) throw noPolicy(policyId);
      await req.audit({
        action: 'routing_policy.delete',
        orgId,
        targetType: 'routing_policy',
        targetId: policyId,
        before: policyView(removed),
        after: null,
      });
      return { id: policyId, deleted: true };
    },
  });

  router.route<unknown, Record<string, unknown>, Static<typeof DecisionParams>>({
    method: 'GET',
    url: '/orgs/:orgId/routing-decisions/:requestId',
    permission: 'usage.read',
    scope: (req) => orgScope(db, req.params.orgId),
    summary: 'The routing decision of a request made with a key of the org',
    tags: ['routing'],
    schema: { params: DecisionParams },
    handler: async (req) => {
      const d = await deps.decisions.find(req.params.requestId);
      if (!d || d.orgId !== req.params.orgId)
        throw new GatewayError('not_found', `No routed request ${req.params.requestId} in this org`, {
          code: 'not_found',
        });
      return decisionView(d);
    },
  });
}
