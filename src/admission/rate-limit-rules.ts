// Rate limits set on orgs and teams (keys carry theirs on the key itself). All rules are held
// in memory — a few rows per org — and reloaded on every instance when any of them changes
// (shared-state channel `limits`), so the request path reads them synchronously.
import type { Kysely } from 'kysely';
import type { SharedState } from '../shared-state/shared-state.js';
import { type Database, type LimitScope, newId } from '../store/index.js';
import type { RateLimits } from './rate-limit-takes.js';

export const LIMITS_CHANNEL = 'limits';

export interface RateLimitRule extends RateLimits {
  id: string;
  orgId: string;
  scope: Exclude<LimitScope, 'key'>;
  scopeId: string;
}

export class RateLimitRules {
  private byScope = new Map<string, RateLimitRule>();
  private unsubscribe?: () => Promise<void>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly shared: SharedState,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = await this.shared.subscribe(LIMITS_CHANNEL, () => {
      this.reload().catch(() => {
        // the next change or restart reloads; the previous rules stay in force meanwhile
      });
    });
  }

  async close(): Promise<void> {
    await this.unsubscribe?.();
  }

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('rate_limits').selectAll().execute();
    const next = new Map<string, RateLimitRule>();
    for (const r of rows) {
      if (r.scope === 'key') continue;
      next.set(`${r.scope}:${r.scope_id}`, {
        id: r.id,
        orgId: r.org_id,
        scope: r.scope,
        scopeId: r.scope_id,
        rpm: r.rpm_limit,
        tpm: r.tpm_limit,
        concurrency: r.max_concurrency,
      });
    }
    this.byScope = next;
  }

  forScope(scope: 'org' | 'team', id: string): RateLimitRule | undefined {
    return this.byScope.get(`${scope}:${id}`);
  }

  list(orgId: string): RateLimitRule[] {
    return [...this.byScope.values()].filter((r) => r.orgId === orgId);
  }

  /** set (create or replace) the limits of an org or one of its teams */
  async set(
    orgId: string,
    scope: 'org' | 'team',
    scopeId: string,
    limits: RateLimits,
  ): Promise<RateLimitRule> {
    const existing = await this.db
      .selectFrom('rate_limits')
      .select('id')
      .where('scope', '=', scope)
      .where('scope_id', '=', scopeId)
      .executeTakeFirst();
    const values = { rpm_limit: limits.rpm, tpm_limit: limits.tpm, max_concurrency: limits.concurrency };
    let id: string;
    if (existing) {
      id = existing.id;
      await this.db.updateTable('rate_limits').set(values).where('id', '=', id).execute();
    } else {
      id = newId('rl');
      await this.db
        .insertInto('rate_limits')
        .values({ id, org_id: orgId, scope, scope_id: scopeId, ...values, created_at: Date.now() })
        .execute();
    }
    await this.reload();
    await this.shared.publish(LIMITS_CHANNEL, id);
    return this.forScope(scope, scopeId)!;
  }

  async remove(orgId: string, id: string): Promise<RateLimitRule | undefined> {
    const rule = [...this.byScope.values()].find((r) => r.id === id && r.orgId === orgId);
    if (!rule) return undefined;
    await this.db.deleteFrom('rate_limits').where('id', '=', id).execute();
    await this.reload();
    await this.shared.publish(LIMITS_CHANNEL, id);
    return rule;
  }
}
