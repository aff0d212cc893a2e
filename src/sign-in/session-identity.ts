// From a session token (Bearer header or the `sy_session` cookie) to the AdminIdentity the
// admin API checks permissions against. A disabled user's sessions stop working at once.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { loadAdminIdentity } from '../accounts/admin-identity.js';
import type { AdminIdentity } from '../admin/admin-router.js';
import type { Database } from '../store/tables.js';
import type { SessionStore } from './session-store.js';
import { isSessionToken } from './session-token.js';

export const SESSION_COOKIE = 'sy_session';

export interface SessionIdentifyDeps {
  db: Kysely<Database>;
  sessions: SessionStore;
}

/** the value of one cookie in a Cookie header */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * The session token a request presents: `Authorization: Bearer sy_sess_…`, else the
 * `sy_session` cookie. Null when it presents none (an API key in the header is not a session).
 */
export function sessionTokenOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m && isSessionToken(m[1]!)) return m[1]!;
  }
  const c = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return c !== null && isSessionToken(c) ? c : null;
}

/** resolves a session token to the signed-in user's AdminIdentity; null when the session is not live */
export function sessionIdentify(deps: SessionIdentifyDeps): (token: string) => Promise<AdminIdentity | null> {
  return async (token) => {
    const userId = await deps.sessions.resolve(token);
    return userId === null ? null : loadAdminIdentity(deps.db, userId);
  };
}

/** the AdminIdentity of the session a request presents (header or cookie); null when none is live */
export async function identifySession(
  req: FastifyRequest,
  deps: SessionIdentifyDeps,
): Promise<AdminIdentity | null> {
  const token = sessionTokenOf(req);
  return token === null ? null : sessionIdentify(deps)(token);
}
