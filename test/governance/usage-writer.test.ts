// The usage writer on both backends: 2,500 events queued through SharedState become exactly
// 2,500 rows and their charge entries; a batch stored but not acknowledged (its instance died)
// is stored again by another instance without doubling anything; a database that refuses the
// write leaves the batch queued; one bad event does not hold back its batch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CreditAccounts, creditOutKey, creditTake, orgAccount } from '../../src/billing/credit-accounts.js';
import { Ledger } from '../../src/billing/ledger.js';
import { serializeUsageEvent, type UsageEvent } from '../../src/metering/usage-event.js';
import { UsageWriter } from '../../src/metering/usage-writer.js';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import { int8ToBigInt } from '../../src/store/numbers.js';
import type { Store } from '../../src/store/open-store.js';
import type { Database } from '../../src/store/tables.js';
import { eachBackend } from '../support/stores.js';
import { makeOrg, usageRow } from './billing-fixtures.js';

function events(orgId: string, n: number, from = 0): UsageEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const cost = 1_000 + (from + i);
    const charged = (from + i) % 5 === 0 ? 0 : cost; // every fifth is not charged (e.g. BYOK)
    return {
      row: usageRow({
        id: `req_${from + i}`,
        ts: 1_800_000_000_000 + from + i,
        org_id: orgId,
        model: 'openai/gpt-4o-mini',
        provider: 'openai',
        input_tokens: 10,
        output_tokens: 5,
        cost_nanos: cost,
        charged_nanos: charged,
      }),
      ...(charged > 0
        ? { charge: { orgId, accountScope: 'org' as const, accountId: orgId, amountNanos: charged } }
        : {}),
    };
  });
}

async function counts(store: Store, orgId: string) {
  const db = store.db;
  const rows = await db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const charges = await db
    .selectFrom('ledger_entries')
    .select(['amount_nanos', 'request_id'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'charge')
    .execute();
  return {
    rows: Number(rows.n),
    charges: charges.length,
    charged: charges.reduce((s, c) => s - int8ToBigInt(c.amount_nanos), 0n),
    distinctRequests: new Set(charges.map((c) => c.request_id)).size,
  };
}

/** the expected totals of events(…, n) */
function expected(n: number) {
  let charged = 0n;
  let charges = 0;
  for (let i = 0; i < n; i++)
    if (i % 5 !== 0) {
      charged += BigInt(1_000 + i);
      charges++;
    }
  return { charges, charged };
}

/** a SharedState whose acknowledgements fail, as if the instance died right after its commit */
function dyingBeforeAck(shared: SharedState): SharedState {
  return new Proxy(shared, {
    get(target, prop, receiver) {
      if (prop === 'ackEvents') return async () => Promise.reject(new Error('killed before the ack'));
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

for (const backend of eachBackend()) {
  test(`2,500 events become 2,500 rows and their charges (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const writer = new UsageWriter(b.store.db, b.shared, {
      flushIntervalMs: 60_000,
      batchSize: 1_000,
      staleMs: 30_000,
    });
    try {
      const orgId = await makeOrg(b.store.db);
      const all = events(orgId, 2_500);
      // through settle (as the request path queues them) and through enqueueEvents
      for (const e of all.slice(0, 500))
        await b.shared.settle(`unknown-${e.row.id}`, {}, serializeUsageEvent(e));
      await b.shared.enqueueEvents(all.slice(500).map(serializeUsageEvent));
      assert.equal(await b.shared.pendingEvents(), 2_500);
      const stored = await writer.flush();
      assert.equal(stored, 2_500);
      assert.equal(await b.shared.pendingEvents(), 0);
      const c = await counts(b.store, orgId);
      const want = expected(2_500);
      assert.equal(c.rows, 2_500);
      assert.equal(c.charges, want.charges);
      assert.equal(c.distinctRequests, want.charges);
      assert.equal(c.charged, want.charged);
      const sum = await b.store.db
        .selectFrom('usage_events')
        .select((eb) => eb.fn.sum<string | number>('charged_nanos').as('s'))
        .executeTakeFirstOrThrow();
      assert.equal(BigInt(sum.s), want.charged, 'charged_nanos of the rows = the charge entries');
      assert.equal(await writer.flush(), 0, 'nothing left');
    } finally {
      await writer.close();
      await b.cleanup();
    }
  });

  test(`a re-claimed batch does not double (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    const two = await b.connect();
    try {
      const orgId = await makeOrg(b.store.db);
      // the ledger: $1 credited; the charges will be stored against it
      const accounts = new CreditAccounts(b.store.db, b.shared);
      const ledger = new Ledger(b.store.db, accounts, b.shared);
      await ledger.topup({ account: orgAccount(orgId), amountNanos: 1_000_000_000, actor: 'master' });
      await b.shared.enqueueEvents(events(orgId, 300).map(serializeUsageEvent));

      // instance 1 stores a batch of 200, then dies before acknowledging it
      const dying = new UsageWriter(b.store.db, dyingBeforeAck(b.shared), {
        flushIntervalMs: 60_000,
        batchSize: 200,
        staleMs: 200,
      });
      await assert.rejects(dying.flush(), /killed before the ack/);
      assert.equal((await counts(b.store, orgId)).rows, 200);
      assert.equal(await b.shared.pendingEvents(), 300, 'the batch is still claimed, not acknowledged');

      // instance 2 drains the rest of the queue while the dead batch is not stale yet …
      const patient = new UsageWriter(two.store.db, two.shared, {
        flushIntervalMs: 60_000,
        batchSize: 200,
        staleMs: 60_000,
      });
      assert.equal(await patient.flush(), 100);
      // … and once it is stale, claims the dead instance's batch again
      await new Promise((r) => setTimeout(r, 250));
      const writer2 = new UsageWriter(two.store.db, two.shared, {
        flushIntervalMs: 60_000,
        batchSize: 200,
        staleMs: 200,
      });
      assert.equal(await writer2.flush(), 200, 're-claimed and stored again');
      assert.equal(await b.shared.pendingEvents(), 0);
      const c = await counts(b.store, orgId);
      const want = expected(300);
      assert.equal(c.rows, 300);
      assert.equal(c.charges, want.charges);
      assert.equal(c.charged, want.charged);
      assert.equal(await ledger.balance(orgAccount(orgId)), 1_000_000_000n - want.charged);
      await writer2.close();
      await patient.close();
    } finally {
      await b.cleanup();
    }
  });

  test(`a failed write leaves the batch queued; a bad event is set aside (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    // a database that refuses every write (it has none of the tables)
    const empty = new BetterSqlite3(':memory:');
    const refusing = new Kysely<Database>({ dialect: new SqliteDialect({ database: empty }) });
    try {
      const orgId = await makeOrg(b.store.db);
      await b.shared.enqueueEvents(events(orgId, 50).map(serializeUsageEvent));
      // the database refuses the write: nothing stored, nothing lost
      const failing = new UsageWriter(refusing, b.shared, {
        flushIntervalMs: 60_000,
        batchSize: 100,
        staleMs: 100,
      });
      await assert.rejects(failing.flush());
      assert.equal(await b.shared.pendingEvents(), 50);

      // a healthy instance stores them once the claim is stale; one event charges an org that
      // does not exist (refused by the foreign key) and one is not JSON: both are reported
      const dropped: string[] = [];
      const bad: UsageEvent = {
        row: usageRow({ id: 'req_bad', ts: 1, org_id: 'org_missing', cost_nanos: 5, charged_nanos: 5 }),
        charge: { orgId: 'org_missing', accountScope: 'org', accountId: 'org_missing', amountNanos: 5 },
      };
      await b.shared.enqueueEvents([serializeUsageEvent(bad), '{not json']);
      await new Promise((r) => setTimeout(r, 150));
      const writer = new UsageWriter(b.store.db, b.shared, {
        flushIntervalMs: 60_000,
        batchSize: 100,
        staleMs: 100,
        onDropped: (text) => dropped.push(text),
      });
      assert.equal(await writer.flush(), 50);
      assert.equal(await b.shared.pendingEvents(), 0);
      assert.equal(dropped.length, 2);
      assert.ok(dropped.some((d) => d.includes('req_bad')));
      const c = await counts(b.store, orgId);
      assert.equal(c.rows, 50);
      assert.equal(c.charges, expected(50).charges);
      await writer.close();
    } finally {
      await refusing.destroy();
      await b.cleanup();
    }
  });

  test(`settle moves the counters once; storing the charge does not move them again (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const accounts = new CreditAccounts(b.store.db, b.shared);
    const ledger = new Ledger(b.store.db, accounts, b.shared);
    const writer = new UsageWriter(b.store.db, b.shared, {
      flushIntervalMs: 60_000,
      batchSize: 100,
      staleMs: 30_000,
    });
    try {
      const orgId = await makeOrg(b.store.db);
      const org = orgAccount(orgId);
      await ledger.topup({ account: org, amountNanos: 10_000, actor: 'master' });
      await accounts.ensureSeeded(org);
      const r = await b.shared.reserve('req_x', [creditTake(org, 4_000)], 60_000);
      assert.ok(r.ok);
      const [e] = events(orgId, 2, 0).slice(1);
      const event = { ...e!, row: { ...e!.row, id: 'req_x', charged_nanos: 1_234 } };
      event.charge = { orgId, accountScope: 'org', accountId: orgId, amountNanos: 1_234 };
      await b.shared.settle('req_x', { [creditOutKey('org', orgId)]: 1_234 }, serializeUsageEvent(event));
      assert.equal((await accounts.live(org)).available, 10_000 - 1_234, 'charged at settle');
      await writer.flush();
      assert.equal((await accounts.live(org)).available, 10_000 - 1_234, 'unchanged by storing');
      assert.equal(await ledger.balance(org), BigInt(10_000 - 1_234), 'and the ledger agrees');
      // a fresh process seeding from the ledger gets the same number
      await b.shared.del([creditOutKey('org', orgId)]);
      await new CreditAccounts(b.store.db, b.shared).ensureSeeded(org);
      assert.equal((await accounts.live(org)).available, 10_000 - 1_234);
    } finally {
      await writer.close();
      await b.cleanup();
    }
  });
}
