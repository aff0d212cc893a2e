// Signed-in admin sessions, in the `sessions` table so every gateway instance sees them. A
// token is shown once at sign-in; the table keeps its sha256 digest. Resolved sessions are
// cached briefly per instance; revoking on this instance drops the cache entry at once, and
// other instances stop accepting the token within `cacheMs`.
import type { Kysely } from 'kysely';
import { newId } from '../store/ids.js';
import { int8ToNumber } from '../store/numbers.js';
import type { Database } from '../store/tables.js';
import { isSessionToken, newSessionToken, sessionTokenDigest } from './session-token.js';

export interface SessionStoreOptions {
  /** how long a session lives after sign-in (config: auth.session_ttl_hours) */
  ttlMs: number;
  /** how long this instance trusts a resolved session without asking the database (default 5 s; 0 = never) */
  cacheMs?: number;
  /** the clock (tests) */
  now?: () => number;
}

export interface NewSession {
  token: string;
  /** ms since the epoch */
  expiresAt: number;
}

interface Cached {
  userId: string;
  expiresAt: number;
  cachedUntil: number;
}

const DEFAULT_CACHE_MS = 5_000;
const MAX_CACHED = 10_000;

export class SessionStore {
  readonly #db: Kysely<Database>;
  readonly #ttlMs: number;
  readonly #cacheMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, Cached>();

  constructor(db: Kysely<Database>, opts: SessionStoreOptions) {
    if (!(opts.ttlMs > 0)) throw new RangeError('session ttlMs must be positive');
    this.#db = db;
    this.#ttlMs = opts.ttlMs;
    this.#cacheMs = opts.cacheMs ?? DEFAULT_CACHE_MS;
    this.#now = opts.now ?? Date.now;
  }

  async create(userId: string, ip: string | null, userAgent: string | null): Promise<NewSession> {
    const token = newSessionToken();
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    await this.#db
      .insertInto('sessions')
      .values({
        id: newId('sess'),
        user_id: userId,
        token_hash: sessionTokenDigest(token),
        created_at: now,
        expires_at: expiresAt,
        ip,
        user_agent: userAgent === null ? null : userAgent.slice(0, 512),
      })
      .execute();
    return { token, expiresAt };
  }

  /** the user a live session token belongs to; null for unknown, revoked, expired or malformed tokens */
  async resolve(token: string): Promise<string | null> {
    if (!isSessionToken(token)) return null;
    const digest = sessionTokenDigest(token);
    const now = this.#now();
    const hit = this.#cache.get(digest);
    if (hit && hit.cachedUntil > now) return hit.expiresAt > now ? hit.userId : null;
    if (hit) this.#cache.delete(digest);

    const row = await this.#db
      .selectFrom('sessions')
      .select(['user_id', 'expires_at'])
      .where('token_hash', '=', digest)
      .executeTakeFirst();
    if (!row) return null;
    const expiresAt = int8ToNumber(row.expires_at);
    if (expiresAt <= now) return null;
    this.#remember(digest, { userId: row.user_id, expiresAt, cachedUntil: now + this.#cacheMs });
    return row.user_id;
  }

  /** ends one session (unknown tokens are ignored) */
  async revoke(token: string): Promise<void> {
    if (!isSessionToken(token)) return;
    const digest = sessionTokenDigest(token);
    this.#cache.delete(digest);
    await this.#db.deleteFrom('sessions').where('token_hash', '=', digest).execute();
  }

  /** ends every session of a user (disabled user, password change); returns how many */
  async revokeAllForUser(userId: string): Promise<number> {
    for (const [digest, c] of this.#cache) if (c.userId === userId) this.#cache.delete(digest);
    const r = await this.#db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** deletes expired sessions; returns how many */
  async purgeExpired(): Promise<number> {
    const now = this.#now();
    for (const [digest, c] of this.#cache) if (c.expiresAt <= now) this.#cache.delete(digest);
    const r = await this.#db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** purges expired sessions every `everyMs` (default hourly) until the returned function is called */
  startPurging(everyMs = 3_600_000, onError?: (err: unknown) => void): () => void {
    const timer = setInterval(() => {
      this.purgeExpired().catch((e: unknown) => onError?.(e));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  #remember(digest: string, entry: Cached): void {
    if (this.#cacheMs <= 0) return;
    if (this.#cache.size >= MAX_CACHED) {
      // drop the oldest entry (Map keeps insertion order)
      const first = this.#cache.keys().next();
      if (!first.done) this.#cache.delete(first.value);
    }
    this.#cache.set(digest, entry);
  }
}
