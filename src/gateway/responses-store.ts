// Responses API answers kept for `previous_response_id` and GET/DELETE /v1/responses/{id}, only
// where data retention allows it: a virtual key's own `retention_days`, else its org's; config
// keys and the master key: the config's `responses.retention_days`. Null everywhere = zero
// retention (the default): nothing is kept. Rows expire after the period (unreadable, then
// swept). A virtual key reads its own org's answers; a config key only its own.
//
// A write is in flight while the client already has its answer: a read of that id waits for it,
// so `create` then `retrieve` from one client never misses (within one gateway instance).
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/index.js';
import { type Database, int8ToNumber } from '../store/index.js';

const DAY_MS = 86_400_000;

export interface StoredResponse {
  id: string;
  provider: string;
  model: string;
  mode: string;
  /** the full input items of the request (earlier turns expanded) */
  input: unknown[];
  /** the response object */
  response: Record<string, unknown>;
  createdAt: number;
}

export interface ResponsesStoreOptions {
  /** retention for config keys and the master key (config `responses.retention_days`); undefined = none */
  configRetentionDays?: number;
  /** how long a key's retention setting is cached (ms) */
  cacheMs?: number;
  now?: () => number;
  /** a background write or sweep failed (the client already has its answer) */
  onError?: (e: unknown, what: string) => void;
}

const owner = (p: Principal) => ({ orgId: p.grant?.orgId ?? null, principalId: p.id });

export class ResponsesStore {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly cache = new Map<string, { days: number | null; until: number }>();
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: ResponsesStoreOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** days this caller's answers may be kept; null = not at all */
  async retentionDays(p: Principal): Promise<number | null> {
    if (!p.grant) return this.opts.configRetentionDays ?? null;
    const key = p.grant.keyId;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.days;
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('orgs', 'orgs.id', 'api_keys.org_id')
      .select(['api_keys.retention_days as key_days', 'orgs.retention_days as org_days'])
      .where('api_keys.id', '=', key)
      .executeTakeFirst();
    const days = row ? (row.key_days ?? row.org_days ?? null) : null;
    this.cache.set(key, { days, until: this.now() + (this.opts.cacheMs ?? 5000) });
    return days;
  }

  /**
   * keeps an answer for `days`; never rejects: the client already has its answer, so a failed write
   * is reported to `onError` (it costs the next turn its history)
   */
  save(p: Principal, days: number, r: StoredResponse): Promise<void> {
    const { orgId, principalId } = owner(p);
    const write = this.db
      .insertInto('responses')
      .values({
        id: r.id,
        org_id: orgId,
        principal_id: principalId,
        provider: r.provider,
        model: r.model,
        mode: r.mode,
        input: JSON.stringify(r.input),
        response: JSON.stringify(r.response),
        created_at: r.createdAt,
        expires_at: r.createdAt + days * DAY_MS,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
      .then(
        () => undefined,
        (e: unknown) => this.opts.onError?.(e, 'keeping a response failed'),
      )
      .finally(() => this.pending.delete(r.id));
    this.pending.set(r.id, write);
    return write;
  }

  /** the caller's own unexpired answer, if kept */
  async get(p: Principal, id: string): Promise<StoredResponse | undefined> {
    await this.pending.get(id)?.catch(() => {});
    const { orgId, principalId } = owner(p);
    let q = this.db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', this.now());
    q = orgId
      ? q.where('org_id', '=', orgId)
      : q.where('org_id', 'is', null).where('principal_id', '=', principalId);
    const row = await q.executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      provider: row.provider,
      model: row.model,
      mode: row.mode,
      input: JSON.parse(row.input) as unknown[],
      response: JSON.parse(row.response) as Record<string, unknown>,
      createdAt: int8ToNumber(row.created_at),
    };
  }

  /** deletes the caller's own answer; false when there was none */
  async delete(p: Principal, id: string): Promise<boolean> {
    await this.pending.get(id)?.catch(() => {});
    const { orgId, principalId } = owner(p);
    let q = this.db.deleteFrom('responses').where('id', '=', id).where('expires_at', '>', this.now());
    q = orgId
      ? q.where('org_id', '=', orgId)
      : q.where('org_id', 'is', null).where('principal_id', '=', principalId);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** removes expired answers; returns how many */
  async sweep(): Promise<number> {
    const r = await this.db.deleteFrom('responses').where('expires_at', '<=', this.now()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  startSweeping(intervalMs = 3_600_000): void {
    this.timer = setInterval(
      () => void this.sweep().catch((e) => this.opts.onError?.(e, 'sweeping expired responses failed')),
      intervalMs,
    );
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.pending.values()]);
  }
}
