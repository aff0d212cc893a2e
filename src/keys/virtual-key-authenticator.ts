// Virtual keys on the request path. A presented key is hashed (sha256) and looked up in a cache
// by digest: found keys for up to 30 s, unknown ones for up to 5 s, each map bounded (an attacker
// spraying random keys can only churn the negative map). A miss reads the database once, however
// many requests wait for the same key. Revocation and changes reach every instance through the
// shared-state channel `keys`: the message is the key id, and its cached entry is dropped.
// A cache hit allocates nothing and returns synchronously.
import type { Kysely } from 'kysely';
import type { Authenticator, Principal } from '../auth/principal.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { int8ToNumberOrNull } from '../store/index.js';
import type { Database } from '../store/tables.js';
import { hashKey, looksLikeVirtualKey } from './key-format.js';
import { toPrincipal } from './key-grant.js';
import { KEYS_CHANNEL } from './key-service.js';

export interface VirtualKeyAuthenticatorOptions {
  /** how long a found key is trusted without reading the database again (default 30 s) */
  positiveTtlMs?: number;
  /** how long an unknown key is remembered as unknown (default 5 s) */
  negativeTtlMs?: number;
  /** entries per map (default 10 000 found, 10 000 unknown) */
  maxEntries?: number;
  now?: () => number;
}

interface Found {
  principal: Principal;
  keyId: string;
  /** the key's own expiry (ms), or +Infinity */
  expiresAt: number;
  /** when this cache entry must be re-read */
  until: number;
}

export class VirtualKeyAuthenticator implements Authenticator {
  private readonly found = new Map<string, Found>();
  private readonly unknown = new Map<string, number>();
  private readonly hashById = new Map<string, string>();
  private readonly loading = new Map<string, Promise<Principal | null>>();
  /** bumped by every eviction: a read that started before one is not cached */
  private generation = 0;
  private unsubscribe: (() => Promise<void>) | null = null;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly shared: SharedState,
    opts: VirtualKeyAuthenticatorOptions = {},
  ) {
    this.positiveTtlMs = opts.positiveTtlMs ?? 30_000;
    this.negativeTtlMs = opts.negativeTtlMs ?? 5_000;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** subscribe to key changes from every instance */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = await this.shared.subscribe(KEYS_CHANNEL, (keyId) => this.evict(keyId));
  }

  async close(): Promise<void> {
    const u = this.unsubscribe;
    this.unsubscribe = null;
    if (u) await u();
  }

  authenticate(presentedKey: string): Principal | null | Promise<Principal | null> {
    if (!looksLikeVirtualKey(presentedKey)) return null;
    const hash = hashKey(presentedKey);
    const now = this.now();
    const hit = this.found.get(hash);
    if (hit !== undefined && hit.until > now) return hit.expiresAt > now ? hit.principal : null;
    const miss = this.unknown.get(hash);
    if (miss !== undefined && miss > now) return null;
    let pending = this.loading.get(hash);
    if (!pending) {
      pending = this.load(hash).finally(() => this.loading.delete(hash));
      this.loading.set(hash, pending);
    }
    return pending;
  }

  /** drop a key's cached entry (a message on the `keys` channel) */
  evict(keyId: string): void {
    this.generation++;
    const hash = this.hashById.get(keyId);
    if (hash === undefined) return;
    this.hashById.delete(keyId);
    this.found.delete(hash);
  }

  /** entries held (tests, metrics) */
  get size(): { found: number; unknown: number } {
    return { found: this.found.size, unknown: this.unknown.size };
  }

  private async load(hash: string): Promise<Principal | null> {
    const generation = this.generation;
    const row = await this.db
      .selectFrom('api_keys')
      .leftJoin('users', 'users.id', 'api_keys.user_id')
      .select([
        'api_keys.id',
        'api_keys.org_id',
        'api_keys.team_id',
        'api_keys.project_id',
        'api_keys.user_id',
        'api_keys.name',
        'api_keys.models',
        'api_keys.providers',
        'api_keys.endpoints',
        'api_keys.ip_allowlist',
        'api_keys.tags',
        'api_keys.rpm_limit',
        'api_keys.tpm_limit',
        'api_keys.max_concurrency',
        'api_keys.expires_at',
        'api_keys.revoked_at',
        'users.disabled',
      ])
      .where('api_keys.key_hash', '=', hash)
      .executeTakeFirst();
    const now = this.now();
    const expiresAt = row ? (int8ToNumberOrNull(row.expires_at) ?? Number.POSITIVE_INFINITY) : 0;
    const usable = row !== undefined && row.revoked_at === null && row.disabled !== 1 && expiresAt > now;
    const cacheable = generation === this.generation;
    if (!usable) {
      if (cacheable) this.remember(this.unknown, hash, now + this.negativeTtlMs);
      return null;
    }
    const principal = toPrincipal(row);
    if (cacheable) {
      this.remember(this.found, hash, {
        principal,
        keyId: row.id,
        expiresAt,
        until: now + this.positiveTtlMs,
      });
      this.hashById.set(row.id, hash);
    }
    return principal;
  }

  /** insert as the newest entry; the oldest goes when the map is full */
  private remember<V>(map: Map<string, V>, hash: string, value: V): void {
    map.delete(hash);
    if (map.size >= this.maxEntries) {
      const oldest = map.keys().next().value as string;
      const dropped = map.get(oldest);
      map.delete(oldest);
      if (map === (this.found as Map<string, unknown>)) this.hashById.delete((dropped as Found).keyId);
    }
    map.set(hash, value);
  }
}
