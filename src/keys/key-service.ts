// Virtual keys: create (the key is returned once, only its digest is kept), list, read, change,
// revoke, rotate. Every change that could loosen or end a key's rights is announced on the
// shared-state channel `keys`, so every instance's authenticator drops its cached copy at once.
import type { Kysely, Selectable, Updateable } from 'kysely';
import { notFound } from '../admin/register-admin-api.js';
import { invalidRequest } from '../canonical/index.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { int8ToNumberOrNull, newId } from '../store/index.js';
import type { ApiKeysTable, Database } from '../store/tables.js';
import { parseIpAllowlist } from './ip-allowlist.js';
import { displayPrefix, generateKey, hashKey } from './key-format.js';
import { type KeyRecord, toJson, toKeyRecord } from './key-record.js';

/** the channel revocations and changes are published on; the message is the key id */
export const KEYS_CHANNEL = 'keys';
export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** what a key may do and its limits (create and update) */
export interface KeySettings {
  name?: string;
  models?: string[] | null;
  providers?: string[] | null;
  endpoints?: string[] | null;
  ip_allowlist?: string[] | null;
  tags?: string[] | null;
  metadata?: Record<string, unknown> | null;
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  max_concurrency?: number | null;
  retention_days?: number | null;
  expires_at?: number | null;
}

export interface CreateKeyInput extends KeySettings {
  orgId: string;
  name: string;
  /** the owner: a user who is a member of the org, or a project of the org (exactly one) */
  userId?: string | null;
  projectId?: string | null;
  /** a team of the org (a project's team is taken from the project) */
  teamId?: string | null;
  /** the actor (`user:…`, `master`, `cli`) */
  createdBy: string | null;
}

export interface CreatedKey {
  /** the key itself: shown once, never stored */
  key: string;
  record: KeyRecord;
}

const uniq = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter((s) => s.length > 0))];

function settingsColumns(s: KeySettings): Updateable<ApiKeysTable> {
  const set: Updateable<ApiKeysTable> = {};
  if (s.name !== undefined) {
    if (s.name.trim() === '') throw invalidRequest('name: must not be empty', 'name');
    set.name = s.name.trim();
  }
  if (s.models !== undefined) set.models = toJson(s.models && uniq(s.models));
  if (s.providers !== undefined) set.providers = toJson(s.providers && uniq(s.providers));
  if (s.endpoints !== undefined) set.endpoints = toJson(s.endpoints && uniq(s.endpoints));
  if (s.ip_allowlist !== undefined)
    set.ip_allowlist = toJson(s.ip_allowlist && parseIpAllowlist(s.ip_allowlist));
  if (s.tags !== undefined) set.tags = toJson(s.tags && uniq(s.tags));
  if (s.metadata !== undefined) set.metadata = toJson(s.metadata);
  for (const f of ['rpm_limit', 'tpm_limit', 'max_concurrency', 'retention_days'] as const) {
    const v = s[f];
    if (v === undefined) continue;
    if (v !== null && (!Number.isInteger(v) || v < 1))
      throw invalidRequest(`${f}: a positive integer or null`, f);
    set[f] = v;
  }
  if (s.expires_at !== undefined) set.expires_at = s.expires_at;
  return set;
}

export class KeyService {
  constructor(
    private readonly db: Kysely<Database>,
    /** where changes are announced to every instance (null: one instance, nothing to tell) */
    private readonly shared: SharedState | null = null,
  ) {}

  async create(input: CreateKeyInput): Promise<CreatedKey> {
    const owner = await this.checkOwner(input);
    const key = generateKey();
    const row = {
      id: newId('key'),
      org_id: input.orgId,
      team_id: owner.teamId,
      project_id: owner.projectId,
      user_id: owner.userId,
      name: input.name,
      prefix: displayPrefix(key),
      key_hash: hashKey(key),
      models: null,
      providers: null,
      endpoints: null,
      ip_allowlist: null,
      tags: null,
      metadata: null,
      rpm_limit: null,
      tpm_limit: null,
      max_concurrency: null,
      retention_days: null,
      expires_at: null,
      revoked_at: null,
      rotated_from: null,
      created_by: input.createdBy,
      created_at: Date.now(),
      last_used_at: null,
      ...settingsColumns(input),
    };
    await this.db.insertInto('api_keys').values(row).execute();
    return { key, record: toKeyRecord(row as Selectable<ApiKeysTable>) };
  }

  /** who owns the key and which team it falls in; 400/404 when that does not hold together */
  private async checkOwner(input: CreateKeyInput) {
    const userId = input.userId ?? null;
    const projectId = input.projectId ?? null;
    if ((userId === null) === (projectId === null))
      throw invalidRequest(
        'A key is owned by a user or by a project: give exactly one of user_id and project_id',
      );
    let teamId = input.teamId ?? null;
    if (teamId !== null) {
      const team = await this.db
        .selectFrom('teams')
        .select('id')
        .where('id', '=', teamId)
        .where('org_id', '=', input.orgId)
        .executeTakeFirst();
      if (!team) throw notFound('team');
    }
    if (projectId !== null) {
      const project = await this.db
        .selectFrom('projects')
        .select(['id', 'team_id'])
        .where('id', '=', projectId)
        .where('org_id', '=', input.orgId)
        .executeTakeFirst();
      if (!project) throw notFound('project');
      if (teamId !== null && project.team_id !== teamId)
        throw invalidRequest('team_id: a project key belongs to its project’s team', 'team_id');
      teamId = project.team_id;
    } else {
      const user = await this.db
        .selectFrom('users')
        .select(['id', 'disabled'])
        .where('id', '=', userId!)
        .executeTakeFirst();
      const member = user
        ? await this.db
            .selectFrom('memberships')
            .select('id')
            .where('user_id', '=', userId!)
            .where('org_id', '=', input.orgId)
            .limit(1)
            .execute()
        : [];
      // a user outside the org is as unknown here as one that does not exist
      if (!user || member.length === 0) throw notFound('user');
      if (user.disabled === 1) throw invalidRequest('The user is disabled', 'user_id');
    }
    return { userId, projectId, teamId };
  }

  async get(id: string): Promise<KeyRecord | null> {
    const r = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toKeyRecord(r) : null;
  }

  async require(id: string): Promise<KeyRecord> {
    const k = await this.get(id);
    if (!k) throw notFound('key');
    return k;
  }

  async list(
    orgId: string,
    filter: { teamId?: string; projectId?: string; userId?: string; includeRevoked?: boolean } = {},
  ): Promise<KeyRecord[]> {
    let q = this.db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId);
    if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
    if (filter.projectId) q = q.where('project_id', '=', filter.projectId);
    if (filter.userId) q = q.where('user_id', '=', filter.userId);
    if (!filter.includeRevoked) q = q.where('revoked_at', 'is', null);
    const now = Date.now();
    return (await q.orderBy('id').execute()).map((r) => toKeyRecord(r, now));
  }

  /** a user's own keys in every org */
  async listOfUser(userId: string, includeRevoked = false): Promise<KeyRecord[]> {
    let q = this.db.selectFrom('api_keys').selectAll().where('user_id', '=', userId);
    if (!includeRevoked) q = q.where('revoked_at', 'is', null);
    const now = Date.now();
    return (await q.orderBy('id').execute()).map((r) => toKeyRecord(r, now));
  }

  async update(id: string, settings: KeySettings): Promise<{ before: KeyRecord; after: KeyRecord }> {
    const before = await this.require(id);
    if (before.revoked_at !== null) throw invalidRequest('The key is revoked; it cannot be changed');
    const set = settingsColumns(settings);
    if (Object.keys(set).length > 0)
      await this.db.updateTable('api_keys').set(set).where('id', '=', id).execute();
    await this.announce(id);
    return { before, after: (await this.get(id))! };
  }

  /** revoking twice is harmless (the first time stays recorded) */
  async revoke(id: string): Promise<{ before: KeyRecord; after: KeyRecord }> {
    const before = await this.require(id);
    if (before.revoked_at === null)
      await this.db
        .updateTable('api_keys')
        .set({ revoked_at: Date.now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    await this.announce(id);
    return { before, after: (await this.get(id))! };
  }

  /**
   * A new key with the same owner and settings (`rotated_from` = the old one); the old key keeps
   * working for `overlapMs` more (its expiry is brought forward to now + overlap, never pushed back).
   */
  async rotate(
    id: string,
    opts: { overlapMs?: number; createdBy: string | null },
  ): Promise<CreatedKey & { previous: KeyRecord }> {
    const overlap = opts.overlapMs ?? DEFAULT_ROTATION_OVERLAP_MS;
    if (!Number.isInteger(overlap) || overlap < 0)
      throw invalidRequest('overlap: a non-negative number of ms');
    const key = generateKey();
    const now = Date.now();
    const newKeyId = newId('key');
    await this.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!old) throw notFound('key');
      const rec = toKeyRecord(old, now);
      if (rec.status !== 'active')
        throw invalidRequest(`The key is ${rec.status}; only an active key can be rotated`);
      const oldExpiry = now + overlap;
      await trx
        .updateTable('api_keys')
        .set({ expires_at: rec.expires_at === null ? oldExpiry : Math.min(rec.expires_at, oldExpiry) })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('api_keys')
        .values({
          ...old,
          expires_at: int8ToNumberOrNull(old.expires_at),
          id: newKeyId,
          prefix: displayPrefix(key),
          key_hash: hashKey(key),
          rotated_from: id,
          created_by: opts.createdBy,
          created_at: now,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    });
    await this.announce(id);
    return { key, record: (await this.get(newKeyId))!, previous: (await this.get(id))! };
  }

  /**
   * The user was disabled or enabled: every instance drops its cached copies of the user's keys
   * (a disabled user's keys stop working; the authenticator checks the owner on each lookup).
   */
  async announceUser(userId: string): Promise<void> {
    const keys = await this.db
      .selectFrom('api_keys')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    for (const k of keys) await this.announce(k.id);
  }

  /** tells every instance to drop its cached copy of the key */
  async announce(keyId: string): Promise<void> {
    await this.shared?.publish(KEYS_CHANNEL, keyId);
  }
}
