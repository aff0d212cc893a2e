// The sign-in routes of the admin API: password login, logout, who am I, and the OIDC single
// sign-on pair (start, callback). They are public for the data-plane key check (a session is
// what they deal in) and answer errors in the OpenAI error shape like the rest of the API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { GatewayError, invalidRequest } from '../canonical/errors.js';
import { errorPayload, toGatewayError } from '../http/error-reply.js';
import type { SharedState } from '../shared-state/shared-state.js';
import type { Database } from '../store/tables.js';
import { normalizeEmail, prepareLocalSignIn, verifyLocalSignIn } from './local-sign-in.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import type { OidcSignIn } from './oidc-sign-in.js';
import { safeReturnTo } from './safe-return-to.js';
import { SESSION_COOKIE, sessionTokenOf } from './session-identity.js';
import type { NewSession, SessionStore } from './session-store.js';

export interface SignInRoutesDeps {
  db: Kysely<Database>;
  sessions: SessionStore;
  /** absent = single sign-on not configured (its routes answer 404) */
  oidc?: OidcSignIn;
  /** the shared counters the failed-login limit lives on */
  sharedState: SharedState;
  throttle?: LoginThrottleOptions;
}

const PUBLIC = { public: true, protocol: 'openai' } as const;
const MAX_FIELD = 1024;

const invalidSession = () =>
  new GatewayError('authentication', 'No valid session: sign in at /admin/v1/auth/login', {
    code: 'invalid_session',
  });

export function registerSignInRoutes(app: FastifyInstance, deps: SignInRoutesDeps): void {
  app.register(async (scope) => signInRoutes(scope, deps));
}

async function signInRoutes(app: FastifyInstance, deps: SignInRoutesDeps): Promise<void> {
  const throttle = new LoginThrottle(deps.sharedState, deps.throttle);
  await prepareLocalSignIn();

  app.setErrorHandler((e, req, reply) => {
    const err = toGatewayError(e);
    if (err.kind === 'internal') req.log.error({ err: e, requestId: req.id }, 'sign-in failed');
    const p = errorPayload('openai', err, req.id);
    reply.code(p.status).headers(p.headers).send(p.body);
  });

  app.post('/admin/v1/auth/login', { config: PUBLIC }, async (req, reply) => {
    const { email, password } = loginBody(req.body);
    const attempt = await throttle.begin(normalizeEmail(email), req.ip);
    const user = await verifyLocalSignIn(deps.db, email, password);
    if (!user) {
      await throttle.failed(attempt);
      throw new GatewayError('authentication', 'Invalid email or password', { code: 'invalid_credentials' });
    }
    await throttle.succeeded(attempt);
    const session = await deps.sessions.create(user.id, req.ip, userAgentOf(req));
    return reply.code(200).send(await sessionAnswer(deps.db, session, user.id));
  });

  app.post('/admin/v1/auth/logout', { config: PUBLIC }, async (req, reply) => {
    const token = sessionTokenOf(req);
    if (token === null || (await deps.sessions.resolve(token)) === null) throw invalidSession();
    await deps.sessions.revoke(token);
    if (req.headers.cookie?.includes(SESSION_COOKIE))
      reply.header('set-cookie', sessionCookie('', 0, deps.oidc?.secureCookies ?? false));
    return reply.code(204).send();
  });

  app.get('/admin/v1/auth/me', { config: PUBLIC }, async (req) => {
    const token = sessionTokenOf(req);
    const userId = token === null ? null : await deps.sessions.resolve(token);
    if (userId === null) throw invalidSession();
    const me = await describeUser(deps.db, userId);
    if (!me) throw invalidSession();
    return me;
  });

  app.get('/admin/v1/auth/oidc/login', { config: PUBLIC }, async (req, reply) => {
    const oidc = requireOidc(deps.oidc);
    const raw = (req.query as Record<string, unknown>).return_to;
    let returnTo: string | null = null;
    if (raw !== undefined) {
      returnTo = typeof raw === 'string' ? safeReturnTo(raw, oidc.settings.redirectUri) : null;
      if (returnTo === null)
        throw invalidRequest(
          'return_to must be a path on this site or a URL on the same origin',
          'return_to',
        );
    }
    const url = await oidc.start(returnTo);
    return reply.code(302).header('location', url.href).header('cache-control', 'no-store').send();
  });

  app.get('/admin/v1/auth/oidc/callback', { config: PUBLIC }, async (req, reply) => {
    const oidc = requireOidc(deps.oidc);
    const rawUrl = req.raw.url ?? '';
    const q = rawUrl.indexOf('?');
    const params = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    const { userId, returnTo } = await oidc.finish(params);
    const session = await deps.sessions.create(userId, req.ip, userAgentOf(req));
    reply.header('cache-control', 'no-store');
    if (returnTo !== null) {
      const maxAge = Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000));
      return reply
        .code(302)
        .header('set-cookie', sessionCookie(session.token, maxAge, oidc.secureCookies))
        .header('location', returnTo)
        .send();
    }
    return reply.code(200).send(await sessionAnswer(deps.db, session, userId));
  });
}

function requireOidc(oidc: OidcSignIn | undefined): OidcSignIn {
  if (!oidc) throw new GatewayError('not_found', 'Single sign-on is not configured (auth.oidc)');
  return oidc;
}

function loginBody(body: unknown): { email: string; password: string } {
  if (typeof body !== 'object' || body === null)
    throw invalidRequest('The body must be {"email", "password"}');
  const { email, password } = body as Record<string, unknown>;
  if (typeof email !== 'string' || email.length === 0 || email.length > MAX_FIELD)
    throw invalidRequest('email must be a non-empty string', 'email');
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_FIELD)
    throw invalidRequest('password must be a non-empty string', 'password');
  return { email, password };
}

const userAgentOf = (req: FastifyRequest) => req.headers['user-agent'] ?? null;

const iso = (ms: number) => new Date(ms).toISOString();

/** what a sign-in answers: the token (shown this once), its expiry and the user */
async function sessionAnswer(db: Kysely<Database>, session: NewSession, userId: string) {
  const me = await describeUser(db, userId);
  return { token: session.token, expires_at: iso(session.expiresAt), user: me?.user ?? null };
}

/** `sy_session` for the admin API's paths: HttpOnly, SameSite=Lax, Secure over https */
function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/admin',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** the user with its org and team roles (the /auth/me answer) */
async function describeUser(db: Kysely<Database>, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'superadmin', 'disabled', 'oidc_subject', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled === 1) return null;
  const orgs = await db
    .selectFrom('memberships')
    .innerJoin('orgs', 'orgs.id', 'memberships.org_id')
    .select(['orgs.id', 'orgs.name', 'orgs.slug', 'memberships.role', 'memberships.source'])
    .where('memberships.user_id', '=', userId)
    .where('memberships.team_id', 'is', null)
    .orderBy('orgs.id')
    .execute();
  const teams = await db
    .selectFrom('memberships')
    .innerJoin('teams', 'teams.id', 'memberships.team_id')
    .select(['teams.id', 'teams.org_id', 'teams.name', 'memberships.role', 'memberships.source'])
    .where('memberships.user_id', '=', userId)
    .orderBy('teams.id')
    .execute();
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      superadmin: user.superadmin === 1,
      sso: user.oidc_subject !== null,
      password: user.password_hash !== null,
    },
    orgs,
    teams,
  };
}
