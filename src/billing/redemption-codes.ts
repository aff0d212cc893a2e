// Redemption codes: a code worth an amount of credit, shown once at creation and stored as its
// sha256 digest. It may be restricted to one org and may expire (the CODE expires; credit it
// turned into never does). Redeeming is one transaction: a conditional UPDATE … WHERE
// redeemed_at IS NULL claims the code (only one of any number of concurrent redeemers changes
// the row), then the org's ledger gets a 'redemption' entry whose request id names the code,
// so the unique (request_id, kind) index would refuse a second entry even if the claim did not.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GatewayError } from '../canonical/errors.js';
import { newId } from '../store/ids.js';
import { int8ToNumber, int8ToNumberOrNull } from '../store/numbers.js';
import type { Database } from '../store/tables.js';
import { orgAccount } from './credit-accounts.js';
import type { Ledger, LedgerEntry } from './ledger.js';

export const CODE_PREFIX = 'syc-';

export interface RedemptionCode {
  id: string;
  amountNanos: number;
  orgId: string | null;
  expiresAt: number | null;
  redeemedAt: number | null;
  redeemedByOrg: string | null;
  createdBy: string | null;
  createdAt: number;
}

export interface CreateCodeInput {
  amountNanos: number;
  /** only this org may redeem it */
  orgId?: string | null;
  /** ms since epoch; null = the code never expires */
  expiresAt?: number | null;
  actor: string;
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

function rowToCode(r: {
  id: string;
  amount_nanos: number | string | bigint;
  org_id: string | null;
  expires_at: number | string | bigint | null;
  redeemed_at: number | string | bigint | null;
  redeemed_by_org: string | null;
  created_by: string | null;
  created_at: number | string | bigint;
}): RedemptionCode {
  return {
    id: r.id,
    amountNanos: int8ToNumber(r.amount_nanos),
    orgId: r.org_id,
    expiresAt: int8ToNumberOrNull(r.expires_at),
    redeemedAt: int8ToNumberOrNull(r.redeemed_at),
    redeemedByOrg: r.redeemed_by_org,
    createdBy: r.created_by,
    createdAt: int8ToNumber(r.created_at),
  };
}

export class RedemptionCodes {
  readonly #db: Kysely<Database>;
  readonly #ledger: Ledger;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, ledger: Ledger, opts: { now?: () => number } = {}) {
    this.#db = db;
    this.#ledger = ledger;
    this.#now = opts.now ?? Date.now;
  }

  /** a new code; `code` is returned this once and never stored */
  async create(input: CreateCodeInput): Promise<{ code: string; record: RedemptionCode }> {
    if (!Number.isSafeInteger(input.amountNanos) || input.amountNanos <= 0)
      throw new GatewayError('invalid_request', 'A redemption code needs a positive amount', {
        param: 'usd',
      });
    const now = this.#now();
    if (input.expiresAt !== undefined && input.expiresAt !== null && input.expiresAt <= now)
      throw new GatewayError('invalid_request', 'The expiry is in the past', { param: 'expires_at' });
    if (input.orgId) {
      const org = await this.#db
        .selectFrom('orgs')
        .select('id')
        .where('id', '=', input.orgId)
        .executeTakeFirst();
      if (!org) throw new GatewayError('not_found', 'Org not found', { param: 'org_id' });
    }
    const code = CODE_PREFIX + randomBytes(20).toString('base64url');
    const record: RedemptionCode = {
      id: newId('code'),
      amountNanos: input.amountNanos,
      orgId: input.orgId ?? null,
      expiresAt: input.expiresAt ?? null,
      redeemedAt: null,
      redeemedByOrg: null,
      createdBy: input.actor,
      createdAt: now,
    };
    await this.#db
      .insertInto('redemption_codes')
      .values({
        id: record.id,
        code_hash: hashCode(code),
        amount_nanos: record.amountNanos,
        org_id: record.orgId,
        expires_at: record.expiresAt,
        redeemed_at: null,
        redeemed_by_org: null,
        created_by: record.createdBy,
        created_at: record.createdAt,
      })
      .execute();
    return { code, record };
  }

  /**
   * Turn a code into credit for an org, exactly once. A code that does not exist, was redeemed,
   * expired or belongs to another org is refused with one message, so codes cannot be probed.
   */
  async redeem(
    orgId: string,
    code: string,
    actor: string,
  ): Promise<{ entry: LedgerEntry; record: RedemptionCode }> {
    const account = orgAccount(orgId);
    await this.#ledger.assertAccount(account);
    const hash = hashCode(code);
    const now = this.#now();
    const result = await this.#db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('redemption_codes')
        .set({ redeemed_at: now, redeemed_by_org: orgId })
        .where('code_hash', '=', hash)
        .where('redeemed_at', 'is', null)
        .where((eb) => eb.or([eb('org_id', 'is', null), eb('org_id', '=', orgId)]))
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return null;
      const row = await trx
        .selectFrom('redemption_codes')
        .selectAll()
        .where('code_hash', '=', hash)
        .executeTakeFirstOrThrow();
      const record = rowToCode(row);
      const entry = this.#ledger.newEntry(
        'redemption',
        account,
        record.amountNanos,
        { note: `redemption code ${record.id}`, actor },
        `code:${record.id}`,
      );
      await this.#ledger.insertInTransaction(trx, [entry]);
      return { entry, record };
    });
    if (!result)
      throw new GatewayError(
        'invalid_request',
        'This code is not valid (unknown, already redeemed or expired)',
        {
          code: 'invalid_redemption_code',
          param: 'code',
        },
      );
    await this.#ledger.afterCommit([result.entry]);
    return result;
  }

  /** every code, newest first (never the codes themselves) */
  async list(opts: { orgId?: string; limit?: number } = {}): Promise<RedemptionCode[]> {
    let q = this.#db.selectFrom('redemption_codes').selectAll();
    if (opts.orgId) q = q.where('org_id', '=', opts.orgId);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(opts.limit ?? 100, 1), 1000))
      .execute();
    return rows.map(rowToCode);
  }
}
