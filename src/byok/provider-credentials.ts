// BYOK: an org's own provider keys, sealed under the master encryption key (AES-256-GCM, bound
// to the org and provider) and stored in `provider_credentials`. Nothing but the sealed form
// and a 4-character hint is ever stored, listed, logged or audited.
//
// The request path asks `credentialFor(orgId, provider)` on every call to an upstream: answered
// from memory once known (a miss reads and opens the row once, concurrent misses share the
// read), and forgotten on every instance when any instance changes a credential (SharedState
// channel `byok`). Cached answers also expire: soon with in-process shared state, where a change
// made by another process on the same database (the CLI) sends no message, and after a longer
// while with Redis, whose pub/sub can drop a message while a connection is re-established.
import type { Kysely, Selectable } from 'kysely';
import { GatewayError } from '../canonical/errors.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { type Database, int8ToNumber, newId, type ProviderCredentialsTable } from '../store/index.js';
import type { EncryptionKeys } from './encryption-keys.js';
import { credentialAad, openSecret, sealSecret, UnsealError } from './sealed-secret.js';

/** the invalidation channel: message = JSON `{ orgId, provider }` (provider absent = the whole org) */
export const BYOK_CHANNEL = 'byok';

/** what is shown of a stored credential: never the secret */
export interface CredentialView {
  id: string;
  org_id: string;
  provider: string;
  /** last 4 characters of the key */
  hint: string;
  /** the encryption key it is sealed under */
  key_id: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface ProviderCredentialsOptions {
  /** provider ids the gateway knows; others are refused */
  knownProviders: ReadonlySet<string> | (() => ReadonlySet<string>);
  /**
   * how long a cached answer is used before the database is read again (default: 5 s with
   * in-process shared state, 5 min with Redis)
   */
  cacheTtlMs?: number;
  now?: () => number;
}

/** cached answers' lifetime when changes from other processes may arrive without a message */
export const MEMORY_CACHE_TTL_MS = 5_000;
/** cached answers' lifetime when changes arrive on the `byok` channel (a safety net) */
export const SHARED_CACHE_TTL_MS = 300_000;

/** shortest provider key accepted (real ones are far longer; this catches empty or truncated input) */
export const MIN_API_KEY_LENGTH = 8;

const VIEW_COLUMNS = [
  'id',
  'org_id',
  'provider',
  'hint',
  'key_id',
  'created_by',
  'created_at',
  'updated_at',
] as const;

type ViewRow = Pick<Selectable<ProviderCredentialsTable>, (typeof VIEW_COLUMNS)[number]>;

function toView(row: ViewRow): CredentialView {
  return {
    id: row.id,
    org_id: row.org_id,
    provider: row.provider,
    hint: row.hint,
    key_id: row.key_id,
    created_by: row.created_by,
    created_at: int8ToNumber(row.created_at),
    updated_at: int8ToNumber(row.updated_at),
  };
}

const cacheKey = (orgId: string, provider: string) => `${orgId}\u0000${provider}`;

export class ProviderCredentials {
  /** decrypted keys, and null for "this org has none for this provider" (the common case) */
  private readonly cache = new Map<string, { value: string | null; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<string | null>>();
  /** bumped by every invalidation: a read that started before one must not fill the cache */
  private generation = 0;
  private subscribed = false;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly now: () => number;
  private readonly cacheTtlMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: EncryptionKeys,
    private readonly shared: SharedState,
    private readonly opts: ProviderCredentialsOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.cacheTtlMs =
      opts.cacheTtlMs ?? (shared.kind === 'memory' ? MEMORY_CACHE_TTL_MS : SHARED_CACHE_TTL_MS);
  }

  /**
   * Listens for changes made by other instances. Until started nothing is cached (every call
   * reads the database), so a forgotten start costs speed, never correctness.
   */
  async start(): Promise<void> {
    if (this.subscribed) return;
    this.unsubscribe = await this.shared.subscribe(BYOK_CHANNEL, (message) => this.onMessage(message));
    this.subscribed = true;
  }

  async close(): Promise<void> {
    this.subscribed = false;
    this.forgetAll();
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.();
  }

  private knownProviders(): ReadonlySet<string> {
    const k = this.opts.knownProviders;
    return typeof k === 'function' ? k() : k;
  }

  private checkProvider(provider: string): void {
    if (!this.knownProviders().has(provider)) {
      const known = [...this.knownProviders()].sort().join(', ');
      throw new GatewayError(
        'invalid_request',
        `unknown provider "${provider}" (this gateway knows: ${known})`,
        {
          param: 'provider',
          code: 'unknown_provider',
        },
      );
    }
  }

  /** stores (or replaces) an org's key for a provider; returns what was there before and after */
  async set(
    orgId: string,
    provider: string,
    apiKey: string,
    actor: string,
  ): Promise<{ before: CredentialView | null; after: CredentialView }> {
    this.checkProvider(provider);
    if (typeof apiKey !== 'string' || apiKey.length < MIN_API_KEY_LENGTH || /\s/.test(apiKey))
      throw new GatewayError(
        'invalid_request',
        `api_key: a provider key of at least ${MIN_API_KEY_LENGTH} characters without spaces`,
        { param: 'api_key' },
      );
    const org = await this.db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new GatewayError('not_found', `no org ${orgId}`, { code: 'org_not_found' });

    const key = this.keys.current();
    const sealed = sealSecret(apiKey, key, credentialAad(orgId, provider));
    const now = this.now();
    const hint = apiKey.slice(-4);
    const before = await this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('provider_credentials')
        .select(VIEW_COLUMNS)
        .where('org_id', '=', orgId)
        .where('provider', '=', provider)
        .executeTakeFirst();
      const values = {
        ciphertext: sealed.ciphertext,
        iv: sealed.iv,
        auth_tag: sealed.authTag,
        key_id: sealed.keyId,
        hint,
        updated_at: now,
      };
      await trx
        .insertInto('provider_credentials')
        .values({
          id: newId('pcred'),
          org_id: orgId,
          provider,
          ...values,
          created_by: actor,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['org_id', 'provider']).doUpdateSet(values))
        .execute();
      return existing ? toView(existing) : null;
    });
    await this.changed(orgId, provider);
    const after = await this.find(orgId, provider);
    if (!after) throw new GatewayError('internal', 'the provider key was stored but cannot be read back');
    return { before, after };
  }

  async list(orgId: string): Promise<CredentialView[]> {
    const rows = await this.db
      .selectFrom('provider_credentials')
      .select(VIEW_COLUMNS)
      .where('org_id', '=', orgId)
      .orderBy('provider')
      .execute();
    return rows.map(toView);
  }

  async find(orgId: string, provider: string): Promise<CredentialView | null> {
    const row = await this.db
      .selectFrom('provider_credentials')
      .select(VIEW_COLUMNS)
      .where('org_id', '=', orgId)
      .where('provider', '=', provider)
      .executeTakeFirst();
    return row ? toView(row) : null;
  }

  /** deletes an org's key for a provider; the removed credential, or null when there was none */
  async remove(orgId: string, provider: string): Promise<CredentialView | null> {
    const existing = await this.find(orgId, provider);
    if (!existing) return null;
    const result = await this.db
      .deleteFrom('provider_credentials')
      .where('id', '=', existing.id)
      .executeTakeFirst();
    await this.changed(orgId, provider);
    return result.numDeletedRows > 0n ? existing : null;
  }

  /**
   * The org's own key for this provider, or null when it has none (use the gateway's). Hot
   * path: synchronous once known. Throws an internal GatewayError when a stored key cannot be
   * opened (sealed under a key this instance does not have, or altered): the call must fail
   * rather than silently spend the gateway's own account.
   */
  credentialFor(orgId: string, provider: string): string | null | Promise<string | null> {
    const k = cacheKey(orgId, provider);
    const hit = this.cache.get(k);
    if (hit !== undefined && hit.expiresAt > this.now()) return hit.value;
    const pending = this.loading.get(k);
    if (pending) return pending;
    const generation = this.generation;
    const load = this.load(orgId, provider).then(
      (value) => {
        this.loading.delete(k);
        if (this.subscribed && generation === this.generation)
          this.cache.set(k, { value, expiresAt: this.now() + this.cacheTtlMs });
        return value;
      },
      (err: unknown) => {
        this.loading.delete(k);
        throw err;
      },
    );
    this.loading.set(k, load);
    return load;
  }

  private async load(orgId: string, provider: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('provider_credentials')
      .select(['ciphertext', 'iv', 'auth_tag', 'key_id'])
      .where('org_id', '=', orgId)
      .where('provider', '=', provider)
      .executeTakeFirst();
    if (!row) return null;
    const key = this.keys.byId(row.key_id);
    if (!key)
      throw new GatewayError(
        'internal',
        `the ${provider} key of org ${orgId} is sealed under encryption key ${row.key_id}, which this instance ` +
          'does not have: give every instance the same SWITCHYARD_ENCRYPTION_KEY (and the previous one while rotating)',
        { code: 'byok_key_unavailable' },
      );
    try {
      return openSecret(
        { ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag },
        key,
        credentialAad(orgId, provider),
      );
    } catch (e) {
      if (!(e instanceof UnsealError)) throw e;
      throw new GatewayError(
        'internal',
        `the ${provider} key of org ${orgId} cannot be decrypted: ${e.message}`,
        {
          code: 'byok_key_unreadable',
        },
      );
    }
  }

  /**
   * Master key rotation: re-seals under the current key every row sealed under another one.
   * Returns how many rows were re-sealed. Rows sealed under a key this instance does not have
   * are left alone and reported in the thrown error after the others are done.
   */
  async reencryptAll(): Promise<number> {
    const current = this.keys.current();
    const rows = await this.db
      .selectFrom('provider_credentials')
      .select(['id', 'org_id', 'provider', 'ciphertext', 'iv', 'auth_tag', 'key_id'])
      .where('key_id', '!=', current.id)
      .execute();
    let done = 0;
    const failed: string[] = [];
    for (const row of rows) {
      const key = this.keys.byId(row.key_id);
      if (!key) {
        failed.push(`${row.org_id}/${row.provider} (sealed under unknown key ${row.key_id})`);
        continue;
      }
      const aad = credentialAad(row.org_id, row.provider);
      let plain: string;
      try {
        plain = openSecret({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag }, key, aad);
      } catch (e) {
        if (!(e instanceof UnsealError)) throw e;
        failed.push(`${row.org_id}/${row.provider} (${e.message})`);
        continue;
      }
      const sealed = sealSecret(plain, current, aad);
      // only if nobody replaced it meanwhile (a new key set concurrently is already current)
      const result = await this.db
        .updateTable('provider_credentials')
        .set({ ciphertext: sealed.ciphertext, iv: sealed.iv, auth_tag: sealed.authTag, key_id: sealed.keyId })
        .where('id', '=', row.id)
        .where('key_id', '=', row.key_id)
        .where('ciphertext', '=', row.ciphertext)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) done++;
    }
    if (failed.length > 0)
      throw new GatewayError(
        'internal',
        `re-encrypted ${done} provider key(s); ${failed.length} could not be opened: ${failed.join('; ')}`,
        { code: 'byok_reencrypt_incomplete' },
      );
    return done;
  }

  private async changed(orgId: string, provider: string): Promise<void> {
    this.forget(orgId, provider);
    await this.shared.publish(BYOK_CHANNEL, JSON.stringify({ orgId, provider }));
  }

  private onMessage(message: string): void {
    let parsed: { orgId?: unknown; provider?: unknown } = {};
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      // unreadable: forget everything rather than keep something stale
    }
    if (typeof parsed.orgId === 'string' && typeof parsed.provider === 'string')
      this.forget(parsed.orgId, parsed.provider);
    else this.forgetAll();
  }

  private forget(orgId: string, provider: string): void {
    this.generation++;
    this.cache.delete(cacheKey(orgId, provider));
  }

  private forgetAll(): void {
    this.generation++;
    this.cache.clear();
  }
}
