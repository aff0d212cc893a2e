// The credit ledger: append-only. Rows are only ever inserted (never updated or deleted); a
// balance is the sum of an account's entries. After each commit the live counters of
// billing/credit-accounts.ts move with it, so every instance sees the new balance at once:
// credit added → the in counter is raised to the ledger's new total (seed 'max', race-free
// because it only grows); credit taken (negative adjustment, allocation source) → the out
// counter grows by the amount.
// An allocation first reserves the amount on the source's counters (all-or-nothing across
// instances, so two allocations cannot both spend the same credit, nor one spend what live
// requests have reserved), then writes both entries in one transaction, then settles.
import { type Kysely, sql, type Transaction } from 'kysely';
import { GatewayError } from '../canonical/errors.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { newId } from '../store/ids.js';
import { int8ToBigInt, int8ToNumber } from '../store/numbers.js';
import type { CreditAccountScope, Database, LedgerKind } from '../store/tables.js';
import {
  accountLabel,
  type CreditAccount,
  type CreditAccounts,
  creditOutKey,
  creditTake,
  orgAccount,
} from './credit-accounts.js';
import { formatUsd } from './money.js';

export interface LedgerEntry {
  id: string;
  orgId: string;
  accountScope: CreditAccountScope;
  accountId: string;
  kind: LedgerKind;
  amountNanos: number;
  requestId: string | null;
  transferId: string | null;
  note: string | null;
  actor: string | null;
  createdAt: number;
}

export interface CreditInput {
  account: CreditAccount;
  /** positive (an adjustment may be negative) */
  amountNanos: number;
  note?: string | null;
  /** `user:<id>`, `master`, `cli`, `system` */
  actor: string;
  /** the same key twice records one entry (the second call answers the first entry) */
  idempotencyKey?: string | null;
}

export interface AllocationInput {
  orgId: string;
  /** default: the org's own account */
  from?: CreditAccount;
  to: CreditAccount;
  amountNanos: number;
  note?: string | null;
  actor: string;
}

export interface EntriesQuery {
  orgId: string;
  /** only this account's entries */
  account?: CreditAccount;
  /** from a previous page's nextCursor */
  cursor?: string | null;
  /** default 100, at most 1000 */
  limit?: number;
}

export interface AccountBalance {
  account: CreditAccount;
  /** the sum of its stored entries */
  balanceNanos: bigint;
}

export interface LedgerOptions {
  now?: () => number;
  /** how long an allocation may hold its reservation before the DB commit (default 5 min) */
  allocationHoldMs?: number;
}

type Db = Kysely<Database> | Transaction<Database>;

const notFound = (what: string) => new GatewayError('not_found', `${what} not found`);

export function toLedgerEntry(r: {
  id: string;
  org_id: string;
  account_scope: CreditAccountScope;
  account_id: string;
  kind: LedgerKind;
  amount_nanos: number | string | bigint;
  request_id: string | null;
  transfer_id: string | null;
  note: string | null;
  actor: string | null;
  created_at: number | string | bigint;
}): LedgerEntry {
  return {
    id: r.id,
    orgId: r.org_id,
    accountScope: r.account_scope,
    accountId: r.account_id,
    kind: r.kind,
    amountNanos: int8ToNumber(r.amount_nanos),
    requestId: r.request_id,
    transferId: r.transfer_id,
    note: r.note,
    actor: r.actor,
    createdAt: int8ToNumber(r.created_at),
  };
}

/** an entry for an API answer */
export function ledgerEntryView(e: LedgerEntry) {
  return {
    id: e.id,
    org_id: e.orgId,
    account: { scope: e.accountScope, id: e.accountId },
    kind: e.kind,
    amount_nanos: String(e.amountNanos),
    amount_usd: formatUsd(e.amountNanos),
    request_id: e.requestId,
    transfer_id: e.transferId,
    note: e.note,
    actor: e.actor,
    created_at: new Date(e.createdAt).toISOString(),
  };
}

function encodeCursor(e: LedgerEntry): string {
  return Buffer.from(`${e.createdAt}.${e.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString();
  const dot = text.indexOf('.');
  const createdAt = Number(text.slice(0, dot));
  if (dot < 1 || !Number.isSafeInteger(createdAt))
    throw new GatewayError('invalid_request', 'Invalid cursor', { param: 'cursor' });
  return { createdAt, id: text.slice(dot + 1) };
}

export class Ledger {
  readonly #db: Kysely<Database>;
  readonly #accounts: CreditAccounts;
  readonly #shared: SharedState;
  readonly #now: () => number;
  readonly #holdMs: number;

  constructor(db: Kysely<Database>, accounts: CreditAccounts, shared: SharedState, opts: LedgerOptions = {}) {
    this.#db = db;
    this.#accounts = accounts;
    this.#shared = shared;
    this.#now = opts.now ?? Date.now;
    this.#holdMs = opts.allocationHoldMs ?? 300_000;
  }

  /** credit bought (payment recorded by an operator or the CLI) */
  topup(input: CreditInput): Promise<{ entry: LedgerEntry; replayed: boolean }> {
    return this.#credit('topup', input, false);
  }

  /** credit given (promotion, trial) */
  grant(input: CreditInput): Promise<{ entry: LedgerEntry; replayed: boolean }> {
    return this.#credit('grant', input, false);
  }

  /** credit returned (e.g. for a bad request); with an idempotency key per refunded request, once */
  refund(input: CreditInput): Promise<{ entry: LedgerEntry; replayed: boolean }> {
    return this.#credit('refund', input, false);
  }

  /** a signed correction */
  adjust(input: CreditInput): Promise<{ entry: LedgerEntry; replayed: boolean }> {
    return this.#credit('adjustment', input, true);
  }

  async #credit(
    kind: LedgerKind,
    input: CreditInput,
    signed: boolean,
  ): Promise<{ entry: LedgerEntry; replayed: boolean }> {
    const { account, amountNanos } = input;
    if (!Number.isSafeInteger(amountNanos) || amountNanos === 0 || (!signed && amountNanos < 0))
      throw new GatewayError(
        'invalid_request',
        `A ${kind} needs a ${signed ? 'non-zero' : 'positive'} amount`,
        {
          param: 'usd',
        },
      );
    await this.assertAccount(account);
    const requestId = input.idempotencyKey ? `idem:${account.orgId}:${input.idempotencyKey}` : null;
    if (requestId) {
      const prior = await this.#byRequest(this.#db, requestId, kind);
      if (prior) return { entry: this.#sameOrConflict(prior, account, amountNanos), replayed: true };
    }
    // the counters exist before the entry lands, so a seed elsewhere cannot miss it
    await this.#accounts.ensureSeeded(account);
    const entry = this.#entry(kind, account, amountNanos, input, requestId, null);
    const inserted = await this.#db
      .insertInto('ledger_entries')
      .values(toRow(entry))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (requestId && Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const prior = await this.#byRequest(this.#db, requestId, kind);
      if (!prior) throw new GatewayError('internal', 'ledger entry neither inserted nor found');
      return { entry: this.#sameOrConflict(prior, account, amountNanos), replayed: true };
    }
    await this.afterCommit([entry]);
    return { entry, replayed: false };
  }

  /**
   * Move credit between two accounts of one org (by default from the org to a team or key):
   * two entries with one transfer id. Refused when the source's available balance (ledger
   * minus live reservations) does not cover it.
   */
  async allocate(
    input: AllocationInput,
  ): Promise<{ transferId: string; entries: [LedgerEntry, LedgerEntry] }> {
    const from = input.from ?? orgAccount(input.orgId);
    const { to, amountNanos } = input;
    if (!Number.isSafeInteger(amountNanos) || amountNanos <= 0)
      throw new GatewayError('invalid_request', 'An allocation needs a positive amount', { param: 'usd' });
    if (from.orgId !== input.orgId || to.orgId !== input.orgId)
      throw new GatewayError('invalid_request', 'Credit moves only inside one org');
    if (accountLabel(from) === accountLabel(to))
      throw new GatewayError('invalid_request', 'An allocation needs two different accounts');
    await this.assertAccount(from);
    await this.assertAccount(to);
    await this.#accounts.ensureSeeded(from);
    await this.#accounts.ensureSeeded(to);

    const transferId = newId('xfer');
    const held = await this.#shared.reserve(transferId, [creditTake(from, amountNanos)], this.#holdMs);
    if (!held.ok)
      throw new GatewayError('payment_required', insufficient(from, amountNanos, held.limit - held.value), {
        code: 'insufficient_credits',
      });
    const out = this.#entry('allocation', from, -amountNanos, input, null, transferId);
    const into = this.#entry('allocation', to, amountNanos, input, null, transferId);
    try {
      await this.#db.transaction().execute(async (trx) => {
        // the ledger itself must cover it too (a counter lost and re-seeded is never trusted alone)
        const balance = await this.balance(from, trx);
        if (balance < BigInt(amountNanos))
          throw new GatewayError('payment_required', insufficient(from, amountNanos, balance), {
            code: 'insufficient_credits',
          });
        await trx
          .insertInto('ledger_entries')
          .values([toRow(out), toRow(into)])
          .execute();
      });
    } catch (e) {
      await this.#shared.release(transferId);
      throw e;
    }
    // the reservation becomes the source's negative entry; the destination gets its credit
    await this.#shared.settle(transferId, { [creditOutKey(from.scope, from.id)]: amountNanos });
    await this.#accounts.syncCredited(to);
    await this.#accounts.announce(input.orgId);
    return { transferId, entries: [out, into] };
  }

  /** the stored balance: the sum of the account's entries */
  async balance(account: CreditAccount, db: Db = this.#db): Promise<bigint> {
    const row = await db
      .selectFrom('ledger_entries')
      .select(sql<string>`cast(coalesce(sum(amount_nanos), 0) as text)`.as('total'))
      .where('account_scope', '=', account.scope)
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    return int8ToBigInt(row.total);
  }

  /** every account of an org that has entries, with its stored balance */
  async balances(orgId: string): Promise<AccountBalance[]> {
    const rows = await this.#db
      .selectFrom('ledger_entries')
      .select([
        'account_scope',
        'account_id',
        sql<string>`cast(coalesce(sum(amount_nanos), 0) as text)`.as('total'),
      ])
      .where('org_id', '=', orgId)
      .groupBy(['account_scope', 'account_id'])
      .orderBy('account_scope')
      .orderBy('account_id')
      .execute();
    return rows.map((r) => ({
      account: { orgId, scope: r.account_scope, id: r.account_id },
      balanceNanos: int8ToBigInt(r.total),
    }));
  }

  /** entries, newest first, a page at a time */
  async entries(q: EntriesQuery): Promise<{ entries: LedgerEntry[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
    let query = this.#db.selectFrom('ledger_entries').selectAll().where('org_id', '=', q.orgId);
    if (q.account) {
      const { scope, id } = q.account;
      query = query.where('account_scope', '=', scope).where('account_id', '=', id);
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', c.createdAt),
          eb.and([eb('created_at', '=', c.createdAt), eb('id', '<', c.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const entries = rows.slice(0, limit).map(toLedgerEntry);
    const last = entries.at(-1);
    return { entries, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** a team or key must belong to the account's org; the org must exist */
  async assertAccount(account: CreditAccount, db: Db = this.#db): Promise<void> {
    if (account.scope === 'org') {
      if (account.id !== account.orgId) throw notFound('Org');
      const org = await db.selectFrom('orgs').select('id').where('id', '=', account.id).executeTakeFirst();
      if (!org) throw notFound('Org');
      return;
    }
    const table = account.scope === 'team' ? 'teams' : 'api_keys';
    const row = await db.selectFrom(table).select('org_id').where('id', '=', account.id).executeTakeFirst();
    if (!row || row.org_id !== account.orgId) throw notFound(account.scope === 'team' ? 'Team' : 'Key');
  }

  /**
   * Insert credit entries inside a caller's transaction (redemption codes); call afterCommit
   * with the same entries once it committed.
   */
  async insertInTransaction(trx: Transaction<Database>, entries: LedgerEntry[]): Promise<void> {
    await trx.insertInto('ledger_entries').values(entries.map(toRow)).execute();
  }

  /** build an entry without storing it */
  newEntry(
    kind: LedgerKind,
    account: CreditAccount,
    amountNanos: number,
    meta: { note?: string | null; actor: string },
    requestId: string | null = null,
  ): LedgerEntry {
    return this.#entry(kind, account, amountNanos, meta, requestId, null);
  }

  /** move the live counters after entries were committed */
  async afterCommit(entries: LedgerEntry[]): Promise<void> {
    for (const e of entries) {
      const account: CreditAccount = { orgId: e.orgId, scope: e.accountScope, id: e.accountId };
      if (e.amountNanos > 0) await this.#accounts.syncCredited(account);
      else
        await this.#shared.add(creditOutKey(e.accountScope, e.accountId), -e.amountNanos, {
          onlyIfExists: true,
        });
    }
  }

  #entry(
    kind: LedgerKind,
    account: CreditAccount,
    amountNanos: number,
    meta: { note?: string | null; actor: string },
    requestId: string | null,
    transferId: string | null,
  ): LedgerEntry {
    return {
      id: newId('led'),
      orgId: account.orgId,
      accountScope: account.scope,
      accountId: account.id,
      kind,
      amountNanos,
      requestId,
      transferId,
      note: meta.note ?? null,
      actor: meta.actor,
      createdAt: this.#now(),
    };
  }

  async #byRequest(db: Db, requestId: string, kind: LedgerKind): Promise<LedgerEntry | null> {
    const row = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row ? toLedgerEntry(row) : null;
  }

  #sameOrConflict(prior: LedgerEntry, account: CreditAccount, amountNanos: number): LedgerEntry {
    if (
      prior.accountScope !== account.scope ||
      prior.accountId !== account.id ||
      prior.amountNanos !== amountNanos
    )
      throw new GatewayError(
        'invalid_request',
        'This idempotency key was already used for a different entry',
        {
          status: 409,
          code: 'idempotency_key_reused',
          param: 'idempotency_key',
        },
      );
    return prior;
  }
}

function insufficient(account: CreditAccount, wanted: number, available: number | bigint): string {
  return (
    `The ${account.scope} account ${account.id} has ${formatUsd(available, { trim: true })} USD available, ` +
    `less than the ${formatUsd(wanted, { trim: true })} USD asked for`
  );
}

function toRow(e: LedgerEntry) {
  return {
    id: e.id,
    org_id: e.orgId,
    account_scope: e.accountScope,
    account_id: e.accountId,
    kind: e.kind,
    amount_nanos: e.amountNanos,
    request_id: e.requestId,
    transfer_id: e.transferId,
    note: e.note,
    actor: e.actor,
    created_at: e.createdAt,
  };
}
