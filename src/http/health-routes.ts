// Liveness and readiness, without authentication.
import type { FastifyInstance } from 'fastify';

export function registerHealthRoutes(app: FastifyInstance, isReady: () => boolean): void {
  app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { public: true } }, async (_req, reply) => {
    if (!isReady()) return reply.code(503).send({ status: 'starting' });
    return { status: 'ready' };
  });
}
