// The admin view of the data plane: the live state of every deployment (instance.read).
// `registerDeploymentRoutes` adds it to the admin router (mounted by admin/register-admin-api.ts).
// `registerAdminRoutes` is the earlier master-key-only mounting, kept until the composition root
// mounts the admin router instead (then drop its call from server.ts: both serve the same URL).
import type { FastifyInstance } from 'fastify';
import type { AdminRouter } from '../admin/admin-router.js';
import { GatewayError } from '../canonical/index.js';
import type { GatewayServices } from '../gateway/index.js';

function deploymentsView(gw: GatewayServices) {
  return {
    deployments: gw.deployments.all().map((d) => ({
      id: d.id,
      provider: d.provider.id,
      model: d.model.model,
      protocol: d.provider.protocol,
      breaker: d.breaker.snapshot(),
      health: d.health.snapshot(),
      timeouts: d.timeouts,
    })),
    groups: gw.deployments.configuredGroups().map((g) => ({
      name: g.name,
      strategy: g.strategy,
      members: g.members.map((m) => ({ id: m.deployment.id, weight: m.weight })),
    })),
  };
}

export function registerDeploymentRoutes(router: AdminRouter, gw: GatewayServices): void {
  router.route({
    method: 'GET',
    url: '/deployments',
    permission: 'instance.read',
    summary: 'Live state of every deployment: breaker, health, timeouts; configured groups',
    tags: ['instance'],
    scope: () => ({ kind: 'instance' }),
    handler: async () => deploymentsView(gw),
  });
}

/** @deprecated mount the admin router (registerDeploymentRoutes + registerAdminApi) instead */
export function registerAdminRoutes(app: FastifyInstance, gw: GatewayServices): void {
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/admin/') && req.principal && req.principal.kind !== 'master')
      throw new GatewayError('permission', 'The admin API needs the master key');
  });
  app.get('/admin/v1/deployments', { config: { protocol: 'openai' } }, async () => deploymentsView(gw));
}
