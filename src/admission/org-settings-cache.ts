// The org settings the request path reads on every governed call (prepaid or not, the BYOK
// fee), held in memory: reloaded when an org changes (shared-state channel `orgs`), every few
// seconds (changes made by another process, such as the CLI on the embedded database), and
// for an org not seen yet.
import type { Kysely } from 'kysely';
import type { SharedState } from '../shared-state/shared-state.js';
import type { Database } from '../store/index.js';
import type { OrgPort, OrgSettings } from './admission-ports.js';

export const ORGS_CHANNEL = 'orgs';

export class OrgSettingsCache implements OrgPort {
  private byId = new Map<string, OrgSettings>();
  private unsubscribe?: () => Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly shared: SharedState,
    private readonly refreshMs = 5000,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = await this.shared.subscribe(ORGS_CHANNEL, () => void this.reload().catch(() => {}));
    this.timer = setInterval(() => void this.reload().catch(() => {}), this.refreshMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.unsubscribe?.();
  }

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('orgs').select(['id', 'prepaid', 'byok_fee_bps']).execute();
    const next = new Map<string, OrgSettings>();
    for (const r of rows) next.set(r.id, { prepaid: r.prepaid === 1, byokFeeBps: r.byok_fee_bps });
    this.byId = next;
  }

  settings(orgId: string): OrgSettings | undefined {
    return this.byId.get(orgId);
  }

  async load(orgId: string): Promise<OrgSettings | undefined> {
    const r = await this.db
      .selectFrom('orgs')
      .select(['id', 'prepaid', 'byok_fee_bps'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!r) return undefined;
    const s = { prepaid: r.prepaid === 1, byokFeeBps: r.byok_fee_bps };
    this.byId.set(orgId, s);
    return s;
  }
}
