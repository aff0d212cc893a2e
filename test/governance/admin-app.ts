// A bare Fastify app with the admin API as the composition root mounts it: the account, people,
// key, audit and deployment routes on one router, registerAdminApi over it. Tokens: the master
// token is a superadmin; `user:<id>` is that user's identity loaded from the database (the
// stand-in for a session token: what identify resolves it to is the same AdminIdentity).
//
// Routes other capabilities add (billing, metering, analytics, BYOK, …) join through
// `extraRoutes`; the RBAC matrix test fails on any route its hand-written table does not list.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import {
  type AccountServices,
  createAccountServices,
  loadAdminIdentity,
  registerOrgRoutes,
  registerPeopleRoutes,
  superadminIdentity,
} from '../../src/accounts/index.js';
import { type AdminRouter, createAdminRouter, registerAdminApi } from '../../src/admin/index.js';
import { AuditLog, registerAuditRoutes } from '../../src/audit/index.js';
import type { GatewayServices } from '../../src/gateway/index.js';
import { registerDeploymentRoutes } from '../../src/http/admin-routes.js';
import { registerKeyRoutes } from '../../src/keys/index.js';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import type { Database } from '../../src/store/tables.js';

export const MASTER_TOKEN = 'master-test-token';
export const userToken = (userId: string) => `user:${userId}`;

export interface AdminTestApp {
  app: FastifyInstance;
  router: AdminRouter;
  services: AccountServices;
  audit: AuditLog;
  close(): Promise<void>;
}

/** a deployments view with nothing in it (the matrix checks who may read it, not what it says) */
const noDeployments = {
  deployments: { all: () => [], configuredGroups: () => [] },
} as unknown as GatewayServices;

export async function buildAdminTestApp(opts: {
  db: Kysely<Database>;
  shared: SharedState | null;
  extraRoutes?: (router: AdminRouter, services: AccountServices) => void;
}): Promise<AdminTestApp> {
  const services = createAccountServices(opts.db, opts.shared);
  const audit = new AuditLog(opts.db);
  const router = createAdminRouter();
  registerOrgRoutes(router, services);
  registerPeopleRoutes(router, services);
  registerKeyRoutes(router, { db: opts.db, keys: services.keys });
  registerAuditRoutes(router, opts.db, audit);
  registerDeploymentRoutes(router, noDeployments);
  opts.extraRoutes?.(router, services);
  const app = Fastify();
  registerAdminApi(app, {
    router,
    audit,
    identify: async (token) => {
      if (token === MASTER_TOKEN) return superadminIdentity('master');
      if (token.startsWith('user:')) return loadAdminIdentity(opts.db, token.slice(5));
      return null;
    },
  });
  await app.ready();
  return { app, router, services, audit, close: () => app.close() };
}
