// The audit log: who did what to which object, when, from where, with before/after snapshots.
// Append-only: this class has no update or delete, and nothing else writes the table. Secrets are
// removed from the snapshots here (redact), whatever the caller passes.
import { type Kysely, sql } from 'kysely';
import type { AuditEntry } from '../admin/admin-router.js';
import { int8ToNumber, newId } from '../store/index.js';
import type { Database } from '../store/tables.js';
import { redact } from './redact.js';

export interface AuditRecord {
  id: string;
  ts: number;
  actor: string;
  org_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  /** only this org's entries (undefined = every org and instance-level entries) */
  orgId?: string;
  /** exact action, or a prefix ending in `*` (`keys.*`) */
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** ms since epoch, inclusive */
  from?: number;
  /** ms since epoch, exclusive */
  to?: number;
  /** the `next_cursor` of the previous page */
  cursor?: string;
  /** page size, 1..500 (default 100) */
  limit?: number;
}

export interface AuditPage {
  data: AuditRecord[];
  /** pass as `cursor` for the next (older) page; null on the last page */
  next_cursor: string | null;
}

const MAX_USER_AGENT = 512;

const snapshot = (v: unknown): string | null =>
  v === undefined || v === null ? null : JSON.stringify(redact(v));
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async append(actor: string, entry: AuditEntry, ip: string | null, userAgent: string | null): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: newId('aud'),
        ts: Date.now(),
        actor,
        org_id: entry.orgId ?? null,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        ip,
        user_agent: userAgent === null ? null : userAgent.slice(0, MAX_USER_AGENT),
        before: snapshot(entry.before),
        after: snapshot(entry.after),
      })
      .execute();
  }

  /** newest first; ids sort by creation time, so the cursor is the last id of a page */
  async list(filter: AuditFilter = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 500);
    let q = this.db.selectFrom('audit_log').selectAll();
    if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
    if (filter.action) {
      q = filter.action.endsWith('*')
        ? q.where(sql<boolean>`action like ${`${escapeLike(filter.action.slice(0, -1))}%`} escape '\\'`)
        : q.where('action', '=', filter.action);
    }
    if (filter.actor) q = q.where('actor', '=', filter.actor);
    if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.from !== undefined) q = q.where('ts', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('ts', '<', filter.to);
    if (filter.cursor) q = q.where('id', '<', filter.cursor);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit).map(
      (r): AuditRecord => ({
        id: r.id,
        ts: int8ToNumber(r.ts),
        actor: r.actor,
        org_id: r.org_id,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        ip: r.ip,
        user_agent: r.user_agent,
        before: parse(r.before),
        after: parse(r.after),
      }),
    );
    return { data: page, next_cursor: rows.length > limit ? page[page.length - 1]!.id : null };
  }
}

/** a literal prefix for LIKE … ESCAPE '\' (the same on SQLite and PostgreSQL) */
const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);
