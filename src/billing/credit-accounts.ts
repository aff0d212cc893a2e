// Live credit balances in SharedState, so every gateway instance reserves against the same
// numbers. Each credit account (an org, or a team or key the org allocated credit to) has two
// counters:
//   credit:in:<scope>:<id>   everything ever credited (the sum of its positive ledger entries).
//                            It only grows, so it is seeded with mode 'max' and can be re-seeded
//                            from the database at any time without losing anything.
//   credit:out:<scope>:<id>  the sum of its negative ledger entries as a positive number, plus
//                            live reservations, plus charges settled but not yet stored by the
//                            usage writer. Seeded once with mode 'nx' (the counter then lives on
//                            its own; the writer storing a charge does not move it again).
// available = in − out. A request reserves `creditTake(account, worstCase)`: it fits only while
// out + worstCase ≤ in, atomically across instances.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { KeyGrant } from '../auth/principal.js';
import type { SharedState, Take } from '../shared-state/shared-state.js';
import { int8ToNumber } from '../store/numbers.js';
import type { CreditAccountScope, Database } from '../store/tables.js';

export interface CreditAccount {
  orgId: string;
  scope: CreditAccountScope;
  /** the org, team or key id */
  id: string;
}

/** published (message: the org id) when an allocation may change who pays for a key */
export const CREDITS_CHANNEL = 'credits';

export function creditInKey(scope: CreditAccountScope, id: string): string {
  return `credit:in:${scope}:${id}`;
}

export function creditOutKey(scope: CreditAccountScope, id: string): string {
  return `credit:out:${scope}:${id}`;
}

/** the take a request reserves its worst-case cost with (settle it to the actual charge) */
export function creditTake(account: AccountRef, amountNanos: number): Take {
  return {
    key: creditOutKey(account.scope, account.id),
    amount: amountNanos,
    limitKey: creditInKey(account.scope, account.id),
  };
}

/** an account as far as its counters are concerned */
export type AccountRef = Pick<CreditAccount, 'scope' | 'id'>;

export function orgAccount(orgId: string): CreditAccount {
  return { orgId, scope: 'org', id: orgId };
}

export function accountLabel(a: AccountRef): string {
  return `${a.scope}:${a.id}`;
}

export interface CreditTotals {
  /** sum of positive entries */
  credited: number;
  /** sum of negative entries, as a positive number */
  debited: number;
}

/** what the ledger holds for one account (stored entries only) */
export async function storedTotals(db: Kysely<Database>, account: AccountRef): Promise<CreditTotals> {
  const row = await db
    .selectFrom('ledger_entries')
    .select([
      sql<string>`cast(coalesce(sum(case when amount_nanos > 0 then amount_nanos else 0 end), 0) as text)`.as(
        'credited',
      ),
      sql<string>`cast(coalesce(sum(case when amount_nanos < 0 then -amount_nanos else 0 end), 0) as text)`.as(
        'debited',
      ),
    ])
    .where('account_scope', '=', account.scope)
    .where('account_id', '=', account.id)
    .executeTakeFirstOrThrow();
  return { credited: int8ToNumber(row.credited), debited: int8ToNumber(row.debited) };
}

export interface CreditAccountsOptions {
  /** how long a key's payer is cached without an invalidation (default 30 s) */
  cacheTtlMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  at: number;
}

export class CreditAccounts {
  readonly #db: Kysely<Database>;
  readonly #shared: SharedState;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #seeded = new Set<string>();
  readonly #seeding = new Map<string, Promise<void>>();
  readonly #payers = new Map<string, Cached<CreditAccount>>();
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(db: Kysely<Database>, shared: SharedState, opts: CreditAccountsOptions = {}) {
    this.#db = db;
    this.#shared = shared;
    this.#ttlMs = opts.cacheTtlMs ?? 30_000;
    this.#now = opts.now ?? Date.now;
  }

  /** listen for invalidations from every instance */
  async start(): Promise<void> {
    if (this.#unsubscribe) return;
    this.#unsubscribe = await this.#shared.subscribe(CREDITS_CHANNEL, (orgId) => this.forget(orgId));
  }

  async close(): Promise<void> {
    const u = this.#unsubscribe;
    this.#unsubscribe = undefined;
    if (u) await u();
  }

  /** drop cached payers (of one org, or all) in this process */
  forget(orgId?: string): void {
    if (!orgId) {
      this.#payers.clear();
      return;
    }
    for (const [k, v] of this.#payers) if (v.value.orgId === orgId) this.#payers.delete(k);
  }

  /** tell every instance (this one included) that an org's payers changed */
  async announce(orgId: string): Promise<void> {
    this.forget(orgId);
    await this.#shared.publish(CREDITS_CHANNEL, orgId);
  }

  /**
   * Make sure both counters of an account exist, seeded from the ledger. Once per process per
   * account; afterwards it returns at once. Safe on several instances at the same time.
   */
  ensureSeeded(account: AccountRef): Promise<void> {
    const label = accountLabel(account);
    if (this.#seeded.has(label)) return Promise.resolve();
    let p = this.#seeding.get(label);
    if (!p) {
      p = this.reseed(account).finally(() => this.#seeding.delete(label));
      this.#seeding.set(label, p);
    }
    return p;
  }

  /**
   * Seed again from the ledger (when a counter may have been lost, e.g. a Redis flush): the
   * out counter only when absent, the in counter to the larger of the two. The out counter is
   * seeded first so that a reservation in between fails closed rather than overspends.
   */
  async reseed(account: AccountRef): Promise<void> {
    const totals = await storedTotals(this.#db, account);
    await this.#shared.seed(creditOutKey(account.scope, account.id), totals.debited, 'nx');
    await this.#shared.seed(creditInKey(account.scope, account.id), totals.credited, 'max');
    this.#seeded.add(accountLabel(account));
  }

  /** raise the in counter to what the ledger now holds (after credit was added to it) */
  async syncCredited(account: AccountRef): Promise<void> {
    const totals = await storedTotals(this.#db, account);
    await this.#shared.seed(creditInKey(account.scope, account.id), totals.credited, 'max');
  }

  /** live numbers from the counters (reservations and unstored charges included) */
  async live(account: AccountRef): Promise<CreditTotals & { available: number }> {
    await this.ensureSeeded(account);
    const [credited, debited] = await this.#shared.get([
      creditInKey(account.scope, account.id),
      creditOutKey(account.scope, account.id),
    ]);
    return { credited: credited!, debited: debited!, available: credited! - debited! };
  }

  /**
   * Which account a key's calls spend: the key's own when it ever received credit, else its
   * team's when the team has, else the org's. (Whether the org's calls spend credits at all is
   * orgs.prepaid, which the caller checks.) Cached; an allocation invalidates it on every
   * instance through the channel `credits`.
   */
  async payerFor(grant: KeyGrant): Promise<CreditAccount> {
    const now = this.#now();
    const hit = this.#payers.get(grant.keyId);
    if (hit && now - hit.at < this.#ttlMs) return hit.value;
    const candidates: CreditAccount[] = [{ orgId: grant.orgId, scope: 'key', id: grant.keyId }];
    if (grant.teamId) candidates.push({ orgId: grant.orgId, scope: 'team', id: grant.teamId });
    const funded = await this.#db
      .selectFrom('ledger_entries')
      .select(['account_scope', 'account_id'])
      .where('org_id', '=', grant.orgId)
      .where((eb) =>
        eb.or(
          candidates.map((c) => eb.and([eb('account_scope', '=', c.scope), eb('account_id', '=', c.id)])),
        ),
      )
      .groupBy(['account_scope', 'account_id'])
      .execute();
    const has = (c: CreditAccount) =>
      funded.some((r) => r.account_scope === c.scope && r.account_id === c.id);
    const payer = candidates.find(has) ?? orgAccount(grant.orgId);
    this.#payers.set(grant.keyId, { value: payer, at: now });
    return payer;
  }

  /** the in counter's key (admission's CreditPort) */
  inKey(account: AccountRef): string {
    return creditInKey(account.scope, account.id);
  }

  /** the out counter's key (admission's CreditPort) */
  outKey(account: AccountRef): string {
    return creditOutKey(account.scope, account.id);
  }
}
