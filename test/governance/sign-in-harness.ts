// A small Fastify app with only the sign-in routes, on 127.0.0.1, over one test backend, for
// the sign-in tests (the rest of the gateway is not needed to exercise them).
import { createServer } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import type { LoginThrottleOptions } from '../../src/sign-in/login-throttle.js';
import type { OidcSignIn } from '../../src/sign-in/oidc-sign-in.js';
import { hashPassword } from '../../src/sign-in/passwords.js';
import { registerSignInRoutes } from '../../src/sign-in/register-sign-in-routes.js';
import { identifySession } from '../../src/sign-in/session-identity.js';
import { SessionStore } from '../../src/sign-in/session-store.js';
import { newId } from '../../src/store/ids.js';
import type { Database, OrgRole } from '../../src/store/tables.js';

export interface SignInApp {
  url: string;
  app: FastifyInstance;
  sessions: SessionStore;
  close(): Promise<void>;
}

export interface SignInAppOptions {
  db: Kysely<Database>;
  sharedState: SharedState;
  oidc?: OidcSignIn;
  port?: number;
  ttlMs?: number;
  cacheMs?: number;
  now?: () => number;
  throttle?: LoginThrottleOptions;
}

/**
 * The sign-in routes plus `GET /test/identity`, which answers the AdminIdentity of the
 * presented session (header or cookie) the way the admin API's identify function would.
 */
export async function startSignInApp(o: SignInAppOptions): Promise<SignInApp> {
  const app = Fastify({ logger: false });
  const sessions = new SessionStore(o.db, { ttlMs: o.ttlMs ?? 3_600_000, cacheMs: o.cacheMs, now: o.now });
  registerSignInRoutes(app, {
    db: o.db,
    sessions,
    oidc: o.oidc,
    sharedState: o.sharedState,
    throttle: o.throttle,
  });
  app.get('/test/identity', async (req, reply) => {
    const id = await identifySession(req, { db: o.db, sessions });
    if (!id) return reply.code(401).send({ identity: null });
    return {
      actor: id.actor,
      userId: id.userId,
      superadmin: id.superadmin,
      orgRoles: Object.fromEntries(id.orgRoles),
      teamRoles: Object.fromEntries(id.teamRoles),
    };
  });
  const url = await app.listen({ host: '127.0.0.1', port: o.port ?? 0 });
  return { url, app, sessions, close: () => app.close() };
}

/** a port nobody listens on right now (for a redirect_uri known before the app starts) */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function addOrg(db: Kysely<Database>, slug: string): Promise<string> {
  const id = newId('org');
  await db
    .insertInto('orgs')
    .values({
      id,
      name: slug.toUpperCase(),
      slug,
      retention_days: null,
      byok_fee_bps: 0,
      discount_bps: 0,
      prepaid: 0,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

export async function addTeam(db: Kysely<Database>, orgId: string, name: string): Promise<string> {
  const id = newId('team');
  await db.insertInto('teams').values({ id, org_id: orgId, name, created_at: Date.now() }).execute();
  return id;
}

export async function addUser(
  db: Kysely<Database>,
  u: { email: string; password?: string; disabled?: boolean; serviceAccount?: boolean; superadmin?: boolean },
): Promise<string> {
  const id = newId('user');
  await db
    .insertInto('users')
    .values({
      id,
      email: u.email.toLowerCase(),
      name: u.email,
      password_hash: u.password === undefined ? null : await hashPassword(u.password),
      service_account: u.serviceAccount ? 1 : 0,
      superadmin: u.superadmin ? 1 : 0,
      disabled: u.disabled ? 1 : 0,
      oidc_issuer: null,
      oidc_subject: null,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

export async function addMembership(
  db: Kysely<Database>,
  m: { userId: string; orgId: string; teamId?: string; role: OrgRole; source?: 'manual' | 'sso' },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      id: newId('mem'),
      user_id: m.userId,
      org_id: m.orgId,
      team_id: m.teamId ?? null,
      role: m.role,
      source: m.source ?? 'manual',
      created_at: Date.now(),
    })
    .execute();
}

/** JSON POST */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
