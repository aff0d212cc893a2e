// The admin side (master key only). For now: the live state of every deployment.
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../canonical/index.js';
import type { GatewayServices } from '../gateway/index.js';

export function registerAdminRoutes(app: FastifyInstance, gw: GatewayServices): void {
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/admin/') && req.principal && req.principal.kind !== 'master')
      throw new GatewayError('permission', 'The admin API needs the master key');
  });

  app.get('/admin/v1/deployments', { config: { protocol: 'openai' } }, async () => ({
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
  }));
}
