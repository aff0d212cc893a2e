// Redemption codes on both backends: shown once and stored hashed, redeemed exactly once even by
// 20 concurrent redeemers, restricted to an org when created so, refused once expired.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreditAccounts, orgAccount } from '../../src/billing/credit-accounts.js';
import { Ledger } from '../../src/billing/ledger.js';
import { parseUsd } from '../../src/billing/money.js';
import { hashCode, RedemptionCodes } from '../../src/billing/redemption-codes.js';
import { GatewayError } from '../../src/canonical/errors.js';
import { eachBackend } from '../support/stores.js';
import { makeOrg } from './billing-fixtures.js';

const invalidCode = (e: unknown) => e instanceof GatewayError && e.code === 'invalid_redemption_code';

for (const backend of eachBackend()) {
  test(`a code is redeemed once under 20 concurrent redeems (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const two = await b.connect();
    const accounts = new CreditAccounts(b.store.db, b.shared);
    const ledger = new Ledger(b.store.db, accounts, b.shared);
    const codes = new RedemptionCodes(b.store.db, ledger);
    // half the redeemers come through a second instance
    const accounts2 = new CreditAccounts(two.store.db, two.shared);
    const codes2 = new RedemptionCodes(two.store.db, new Ledger(two.store.db, accounts2, two.shared));
    try {
      const orgA = await makeOrg(b.store.db);
      const orgB = await makeOrg(b.store.db);
      const { code, record } = await codes.create({ amountNanos: parseUsd('25'), actor: 'master' });
      assert.match(code, /^syc-[A-Za-z0-9_-]{27}$/);
      const stored = await b.store.db.selectFrom('redemption_codes').selectAll().executeTakeFirstOrThrow();
      assert.equal(stored.code_hash, hashCode(code));
      assert.ok(!JSON.stringify(stored).includes(code.slice(4)), 'the code itself is not stored');

      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? codes2 : codes).redeem(i % 3 ? orgA : orgB, code, `user:${i}`),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, 'exactly one redemption');
      for (const r of results)
        if (r.status === 'rejected') assert.ok(invalidCode(r.reason), String(r.reason));
      const winner = (won[0] as PromiseFulfilledResult<{ entry: { orgId: string } }>).value.entry.orgId;
      const entries = await b.store.db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('kind', '=', 'redemption')
        .execute();
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.account_id, winner);
      assert.equal(entries[0]!.request_id, `code:${record.id}`);
      assert.equal(await ledger.balance(orgAccount(winner)), 25_000_000_000n);
      assert.equal((await accounts.live(orgAccount(winner))).available, 25_000_000_000);
      const loser = winner === orgA ? orgB : orgA;
      assert.equal(await ledger.balance(orgAccount(loser)), 0n);
      const after = await b.store.db.selectFrom('redemption_codes').selectAll().executeTakeFirstOrThrow();
      assert.equal(after.redeemed_by_org, winner);
      assert.ok(after.redeemed_at !== null);
    } finally {
      await b.cleanup();
    }
  });

  test(`org-restricted and expired codes (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    let now = Date.now();
    const accounts = new CreditAccounts(b.store.db, b.shared);
    const ledger = new Ledger(b.store.db, accounts, b.shared);
    const codes = new RedemptionCodes(b.store.db, ledger, { now: () => now });
    try {
      const orgA = await makeOrg(b.store.db);
      const orgB = await makeOrg(b.store.db);
      const onlyA = await codes.create({ amountNanos: 5, orgId: orgA, actor: 'master' });
      await assert.rejects(codes.redeem(orgB, onlyA.code, 'x'), invalidCode, 'another org cannot use it');
      await codes.redeem(orgA, onlyA.code, 'x');
      await assert.rejects(codes.redeem(orgA, onlyA.code, 'x'), invalidCode, 'used');

      const expiring = await codes.create({ amountNanos: 7, expiresAt: now + 1_000, actor: 'master' });
      now += 1_000;
      await assert.rejects(codes.redeem(orgA, expiring.code, 'x'), invalidCode, 'expired');
      await assert.rejects(codes.redeem(orgA, 'syc-nonsense', 'x'), invalidCode, 'unknown');
      await assert.rejects(codes.create({ amountNanos: 0, actor: 'x' }), GatewayError);
      await assert.rejects(codes.create({ amountNanos: 1, expiresAt: now - 1, actor: 'x' }), GatewayError);
      assert.equal(await ledger.balance(orgAccount(orgA)), 5n);
      const listed = await codes.list();
      assert.equal(listed.length, 2);
      assert.ok(!JSON.stringify(listed).includes('syc-'));
    } finally {
      await b.cleanup();
    }
  });
}
