// Two ways to reach the admin API in tests:
//   - startAdminGateway: the real gateway (createGateway) on a test backend, with every admin
//     route it registers, real sign-in sessions and the master key. The RBAC matrix uses it.
//   - buildAdminTestApp: a bare Fastify app with the account, people, key, audit and deployment
//     routes on one router, registerAdminApi over it. Tokens: the master token is a superadmin;
//     `user:<id>` is that user's identity loaded from the database (the stand-in for a session
//     token: what identify resolves it to is the same AdminIdentity).
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
import { createGateway, type Gateway } from '../../src/app.js';
import { AuditLog, registerAuditRoutes } from '../../src/audit/index.js';
import type { GatewayServices } from '../../src/gateway/index.js';
import { registerDeploymentRoutes } from '../../src/http/admin-routes.js';
import { registerKeyRoutes } from '../../src/keys/index.js';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import type { Database } from '../../src/store/tables.js';
import type { BackendInstance } from '../support/stores.js';

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

export const GATEWAY_MASTER_KEY = 'sk-test-admin-master-0123456789';

export interface AdminAnswer {
  status: number;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface AdminGateway {
  gw: Gateway;
  /** one admin API call (path under /admin/v1) with `Authorization: Bearer <token>` */
  call(token: string, method: string, path: string, body?: unknown): Promise<AdminAnswer>;
  /** the same as the master key, failing unless the answer is 2xx (fixtures) */
  asMaster<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** POST /admin/v1/auth/login: a session token */
  signIn(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real gateway on a test backend (its store and shared state; the caller's cleanup closes
 * them), with one OpenAI-protocol provider configured so BYOK accepts `openai` and the catalog
 * prices its models. No upstream is called.
 */
export async function startAdminGateway(b: BackendInstance): Promise<AdminGateway> {
  const gw = await createGateway({
    env: {},
    store: b.store,
    shared: b.shared,
    config: {
      ...b.config,
      server: { host: '127.0.0.1', port: 0, log_level: 'silent', data_dir: b.dataDir },
      master_key: GATEWAY_MASTER_KEY,
      providers: { openai: { api_key: 'sk-upstream-unused', base_url: 'http://127.0.0.1:9/v1' } },
    },
  });
  await gw.app.ready();
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const r = await gw.app.inject({
      method: method as 'GET',
      url: `/admin/v1${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: r.statusCode, body: r.body, json: <T>() => r.json() as T };
  };
  return {
    gw,
    call,
    async asMaster<T>(method: string, path: string, body?: unknown) {
      const r = await call(GATEWAY_MASTER_KEY, method, path, body);
      if (r.status < 200 || r.status > 299)
        throw new Error(`fixture ${method} ${path}: ${r.status} ${r.body.slice(0, 300)}`);
      return r.json<T>();
    },
    async signIn(email: string, password: string) {
      const r = await gw.app.inject({
        method: 'POST',
        url: '/admin/v1/auth/login',
        payload: { email, password },
      });
      if (r.statusCode !== 200) throw new Error(`sign-in of ${email}: ${r.statusCode} ${r.body}`);
      return (r.json() as { token: string }).token;
    },
    close: () => gw.close(),
  };
}
