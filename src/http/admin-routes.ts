// The admin view of the data plane: the live state of every deployment (instance.read).
// `registerDeploymentRoutes` adds it to the admin router (mounted by admin/register-admin-api.ts).
import type { AdminRouter } from '../admin/admin-router.js';
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
