// The credit ledger on both backends: balances are the sum of the entries, live counters move
// with every entry, top-ups are idempotent, allocations never overdraw (not even when racing
// each other or live reservations), and the payer of a key follows its allocations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyGrant } from '../../src/auth/principal.js';
import {
  CreditAccounts,
  creditInKey,
  creditOutKey,
  creditTake,
  orgAccount,
} from '../../src/billing/credit-accounts.js';
import { Ledger } from '../../src/billing/ledger.js';
import { parseUsd } from '../../src/billing/money.js';
import { GatewayError } from '../../src/canonical/errors.js';
import { int8ToBigInt } from '../../src/store/numbers.js';
import { eachBackend } from '../support/stores.js';
import { makeKey, makeOrg, makeTeam } from './billing-fixtures.js';

const usd = (s: string) => parseUsd(s);
const big = (s: string) => BigInt(parseUsd(s));

function grantOf(keyId: string, orgId: string, teamId: string | null): KeyGrant {
  return {
    keyId,
    orgId,
    teamId,
    projectId: null,
    userId: null,
    providers: null,
    endpoints: null,
    ipAllowlist: null,
    expiresAt: null,
    rpmLimit: null,
    tpmLimit: null,
    maxConcurrency: null,
    tags: [],
  };
}

const isError = (kind: string, code?: string) => (e: unknown) =>
  e instanceof GatewayError && e.kind === kind && (code === undefined || e.code === code);

for (const backend of eachBackend()) {
  test(`ledger balances, counters and idempotent top-ups (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const accounts = new CreditAccounts(b.store.db, b.shared);
    const ledger = new Ledger(b.store.db, accounts, b.shared);
    try {
      const orgId = await makeOrg(b.store.db);
      const org = orgAccount(orgId);
      await ledger.topup({ account: org, amountNanos: usd('10'), actor: 'master', note: 'wire 42' });
      await ledger.grant({ account: org, amountNanos: usd('2.5'), actor: 'master' });
      await ledger.refund({ account: org, amountNanos: usd('0.000000001'), actor: 'master' });
      await ledger.adjust({ account: org, amountNanos: -usd('1.25'), actor: 'master' });

      // idempotent: the same key answers the first entry and records nothing new
      const first = await ledger.topup({
        account: org,
        amountNanos: usd('5'),
        actor: 'cli',
        idempotencyKey: 'req-1',
      });
      const again = await ledger.topup({
        account: org,
        amountNanos: usd('5'),
        actor: 'cli',
        idempotencyKey: 'req-1',
      });
      assert.equal(first.replayed, false);
      assert.equal(again.replayed, true);
      assert.equal(again.entry.id, first.entry.id);
      await assert.rejects(
        ledger.topup({ account: org, amountNanos: usd('6'), actor: 'cli', idempotencyKey: 'req-1' }),
        isError('invalid_request', 'idempotency_key_reused'),
      );
      // … and concurrent duplicates also record one entry
      const racing = await Promise.all(
        Array.from({ length: 8 }, () =>
          ledger.topup({ account: org, amountNanos: usd('1'), actor: 'cli', idempotencyKey: 'req-2' }),
        ),
      );
      assert.equal(new Set(racing.map((r) => r.entry.id)).size, 1);
      assert.equal(racing.filter((r) => !r.replayed).length, 1);

      // 10 + 2.5 + 0.000000001 − 1.25 + 5 + 1
      const expected = 17_250_000_001n;
      assert.equal(await ledger.balance(org), expected);
      const rows = await b.store.db
        .selectFrom('ledger_entries')
        .select('amount_nanos')
        .where('account_id', '=', orgId)
        .execute();
      assert.equal(rows.length, 6);
      assert.equal(
        rows.reduce((s, r) => s + int8ToBigInt(r.amount_nanos), 0n),
        expected,
        'the balance is the sum of the entries',
      );
      const live = await accounts.live(org);
      assert.equal(BigInt(live.available), expected);
      assert.equal(live.credited, 18_500_000_001);
      assert.equal(live.debited, 1_250_000_000);

      // refused inputs
      await assert.rejects(
        ledger.topup({ account: org, amountNanos: -1, actor: 'x' }),
        isError('invalid_request'),
      );
      await assert.rejects(
        ledger.adjust({ account: org, amountNanos: 0, actor: 'x' }),
        isError('invalid_request'),
      );
      const otherOrg = await makeOrg(b.store.db);
      const foreignTeam = await makeTeam(b.store.db, otherOrg);
      await assert.rejects(
        ledger.grant({ account: { orgId, scope: 'team', id: foreignTeam }, amountNanos: 1, actor: 'x' }),
        isError('not_found'),
      );

      // pages, newest first
      const page1 = await ledger.entries({ orgId, limit: 4 });
      assert.equal(page1.entries.length, 4);
      assert.ok(page1.nextCursor);
      const page2 = await ledger.entries({ orgId, limit: 4, cursor: page1.nextCursor });
      assert.equal(page2.entries.length, 2);
      assert.equal(page2.nextCursor, null);
      const all = [...page1.entries, ...page2.entries];
      assert.equal(new Set(all.map((e) => e.id)).size, 6);
      assert.equal(all[0]!.requestId, `idem:${orgId}:req-2`, 'the newest first');
    } finally {
      await accounts.close();
      await b.cleanup();
    }
  });

  test(`a second instance sees top-ups at once (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    const two = await b.connect();
    const accounts1 = new CreditAccounts(b.store.db, b.shared);
    const ledger1 = new Ledger(b.store.db, accounts1, b.shared);
    const accounts2 = new CreditAccounts(two.store.db, two.shared);
    try {
      const orgId = await makeOrg(b.store.db);
      const org = orgAccount(orgId);
      await ledger1.topup({ account: org, amountNanos: usd('1'), actor: 'master' });
      assert.equal((await accounts2.live(org)).available, usd('1'));
      await ledger1.topup({ account: org, amountNanos: usd('2'), actor: 'master' });
      assert.equal((await accounts2.live(org)).available, usd('3'), 'no re-seed needed on instance 2');
      // a request on instance 2 reserves against the same numbers
      const r = await two.shared.reserve('req-a', [creditTake(org, usd('2.5'))], 60_000);
      assert.ok(r.ok);
      assert.equal((await accounts1.live(org)).available, usd('0.5'));
      const refused = await b.shared.reserve('req-b', [creditTake(org, usd('0.6'))], 60_000);
      assert.equal(refused.ok, false);
      await two.shared.settle('req-a', { [creditOutKey('org', orgId)]: usd('1') });
      assert.equal((await accounts1.live(org)).available, usd('2'));
    } finally {
      await b.cleanup();
    }
  });

  test(`allocations never overdraw (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    const accounts = new CreditAccounts(b.store.db, b.shared);
    await accounts.start();
    const ledger = new Ledger(b.store.db, accounts, b.shared);
    try {
      const orgId = await makeOrg(b.store.db);
      const org = orgAccount(orgId);
      const teamId = await makeTeam(b.store.db, orgId);
      const team = { orgId, scope: 'team' as const, id: teamId };
      const keyId = await makeKey(b.store.db, orgId, teamId);
      const key = { orgId, scope: 'key' as const, id: keyId };
      const grant = grantOf(keyId, orgId, teamId);

      await ledger.topup({ account: org, amountNanos: usd('20'), actor: 'master' });
      assert.deepEqual(await accounts.payerFor(grant), org, 'nothing allocated: the org pays');

      // 10 concurrent allocations of $3 from $20: exactly 6 fit
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          ledger.allocate({ orgId, to: team, amountNanos: usd('3'), actor: 'master' }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      assert.equal(ok.length, 6);
      for (const r of results)
        if (r.status === 'rejected') assert.ok(isError('payment_required', 'insufficient_credits')(r.reason));
      assert.equal(await ledger.balance(org), big('2'));
      assert.equal(await ledger.balance(team), big('18'));
      assert.equal((await accounts.live(org)).available, usd('2'));
      assert.equal((await accounts.live(team)).available, usd('18'));
      const transfers = await b.store.db
        .selectFrom('ledger_entries')
        .select(['transfer_id'])
        .where('kind', '=', 'allocation')
        .where('org_id', '=', orgId)
        .execute();
      assert.equal(transfers.length, 12, 'two entries per allocation');
      assert.equal(new Set(transfers.map((t) => t.transfer_id)).size, 6);

      // the key's calls now spend the team's credit (the cache was invalidated)
      assert.deepEqual(await accounts.payerFor(grant), team);

      // live reservations count: $2 left on the org, $1.5 reserved by a request → $1 does not fit
      const r = await b.shared.reserve('req-1', [creditTake(org, usd('1.5'))], 60_000);
      assert.ok(r.ok);
      await assert.rejects(
        ledger.allocate({ orgId, to: key, amountNanos: usd('1'), actor: 'master' }),
        isError('payment_required'),
      );
      await b.shared.release('req-1');
      await ledger.allocate({ orgId, to: key, amountNanos: usd('1'), actor: 'master' });
      await eventually(async () => (await accounts.payerFor(grant)).scope === 'key');
      assert.deepEqual(await accounts.payerFor(grant), key);

      // team → key works too; the same account twice or a foreign account does not
      await ledger.allocate({ orgId, from: team, to: key, amountNanos: usd('8'), actor: 'master' });
      assert.equal(await ledger.balance(key), big('9'));
      assert.equal(await ledger.balance(team), big('10'));
      await assert.rejects(
        ledger.allocate({ orgId, from: team, to: team, amountNanos: 1, actor: 'master' }),
        isError('invalid_request'),
      );
      const sums = await ledger.balances(orgId);
      assert.equal(
        sums.reduce((s, x) => s + x.balanceNanos, 0n),
        20_000_000_000n,
        'allocations move credit, they never create it',
      );
    } finally {
      await accounts.close();
      await b.cleanup();
    }
  });

  test(`counters are re-seeded from the ledger when lost (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const accounts = new CreditAccounts(b.store.db, b.shared);
    const ledger = new Ledger(b.store.db, accounts, b.shared);
    try {
      const orgId = await makeOrg(b.store.db);
      const org = orgAccount(orgId);
      await ledger.topup({ account: org, amountNanos: usd('4'), actor: 'master' });
      await ledger.adjust({ account: org, amountNanos: -usd('1'), actor: 'master' });
      await b.shared.del([creditInKey('org', orgId), creditOutKey('org', orgId)]);
      // a fresh process (a new CreditAccounts) seeds again
      const fresh = new CreditAccounts(b.store.db, b.shared);
      assert.equal((await fresh.live(org)).available, usd('3'));
      // seeding twice changes nothing
      await fresh.reseed(org);
      assert.equal((await fresh.live(org)).available, usd('3'));
    } finally {
      await b.cleanup();
    }
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
