// A crash: a gateway in its own process (load-gateway-child.ts) on PostgreSQL + Redis is
// killed with SIGKILL while requests of a key with credits and a hard budget are in flight.
// The reservations those requests held are given back by the expiry sweep (the live credit
// and budget counters come back to exactly the stored charges), and once a gateway runs again
// on the same backend, the usage event of every request the client saw answered with a 200 is
// stored and charged: the event queue lives in Redis, not in the killed process.
//
// The embedded backend (in-process shared state) has no such guarantee: its reservations die
// with the process (nothing stays held), but so do its queued usage events, at most one flush
// interval's worth (metering.flush_interval_ms, 500 ms by default) — docs/governance.md.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createGateway } from '../../src/app.js';
import { creditOutKey } from '../../src/billing/credit-accounts.js';
import { periodKey } from '../../src/billing/periods.js';
import { startFakeOpenAI } from '../fakes/index.js';
import { eachBackend } from '../support/stores.js';
import {
  adminClient,
  countBy,
  createKey,
  createPaidOrg,
  ledgerOf,
  loadClient,
  send,
  setKeyBudget,
  sumNanos,
} from './load-admin.js';
import { loadGatewayConfig } from './load-gateway-config.js';
import { storedEvents, sum } from './load-usage.js';

const CHILD = fileURLToPath(new URL('./load-gateway-child.ts', import.meta.url));
const USD = 1_000_000_000n;
const TOTAL_MS = 3000;
const GRACE_MS = 500;
const REQUESTS = 200;

/** starts the child gateway; resolves with its URL once it listens */
async function startChild(config: Record<string, unknown>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, SWITCHYARD_TEST_GATEWAY_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child gateway did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child gateway exited (${code}): ${stderr}`));
    });
  });
  return { child, url };
}

const backend = eachBackend().find((x) => x.name === 'postgres+redis')!;

test('crash: kill -9 under load, reservations expire, no answered usage event is lost (postgres+redis)', {
  skip: backend.skip,
  timeout: 120_000,
}, async () => {
  const b = await backend.open();
  const up = await startFakeOpenAI();
  let child: ChildProcess | undefined;
  try {
    const config = loadGatewayConfig({
      backend: b.config,
      upstream: up,
      extra: {
        timeouts: { total_ms: TOTAL_MS },
        metering: { reservation_grace_ms: GRACE_MS },
      },
    });
    const started = await startChild(config);
    child = started.child;
    const admin = adminClient(started.url);
    const org = await createPaidOrg(admin, 'crash', 10n * USD);
    const { keyId, key } = await createKey(admin, org, 'load');
    const budget = await setKeyBudget(admin, org.orgId, keyId, 5n * USD);
    const outKey = creditOutKey('org', org.orgId);
    const budgetKey = `budget:${budget.id}:${periodKey('total', Date.now())}`;

    // upstream answers spread over 50..1250 ms: some are answered before the kill, some are in flight
    up.script(
      ...Array.from({ length: REQUESTS }, (_, i) => ({ kind: 'delay' as const, ms: 50 + ((i * 37) % 1200) })),
    );
    const client = loadClient(started.url, key);
    const firing = Promise.all(Array.from({ length: REQUESTS }, () => send(client)));
    await up.waitForRequests(REQUESTS, 20_000);
    await sleep(400);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = undefined;
    const answers = await firing;
    const counts = countBy(answers);
    const ok = answers.filter((a) => a.status === 200);
    assert.ok(ok.length >= 1, `some answered before the kill: ${JSON.stringify(counts)}`);
    assert.ok(ok.length < REQUESTS, `some were in flight at the kill: ${JSON.stringify(counts)}`);
    assert.ok(
      answers.every((a) => a.status === 200 || a.status === 0),
      `answered or cut off: ${JSON.stringify(counts)}`,
    );

    // right after the kill the in-flight requests' reservations are still held
    // (the gateway is gone: the ledger is read from the database)
    const debitedRows = await b.store.db
      .selectFrom('ledger_entries')
      .select('amount_nanos')
      .where('org_id', '=', org.orgId)
      .where('amount_nanos', '<', 0)
      .execute();
    const debitedNow = -sum(debitedRows.map((r) => BigInt(String(r.amount_nanos))));
    const [outNow, budgetNow] = (await b.shared.get([outKey, budgetKey])).map(BigInt);
    assert.ok(outNow! > debitedNow, `reservations held after the kill: out ${outNow} > stored ${debitedNow}`);
    assert.ok(budgetNow! > 0n);

    // past the expiry (total timeout + grace), a sweep gives them back
    await sleep(Math.max(0, killedAt + TOTAL_MS + GRACE_MS + 200 - Date.now()));
    await b.shared.sweepExpired();
    assert.equal(await b.shared.sweepExpired(), 0, 'nothing left to sweep');

    // a gateway started again on the same backend stores every queued usage event
    const gw = await createGateway({ env: {}, config: config });
    try {
      const db = gw.governance.store.db;
      const start = Date.now();
      let events = await storedEvents(db, keyId);
      const okIds = new Set(ok.map((a) => a.requestId!));
      // a batch claimed by the killed process is re-claimed once stale (30 s)
      while (
        !([...okIds].every((id) => events.some((e) => e.id === id)) && (await b.shared.pendingEvents()) === 0)
      ) {
        if (Date.now() - start > 60_000) break;
        await gw.governance.usage.flush();
        events = await storedEvents(db, keyId);
        await sleep(200);
      }
      const storedIds = new Set(events.map((e) => e.id));
      const lost = [...okIds].filter((id) => !storedIds.has(id));
      assert.deepEqual(lost, [], 'every request answered 200 has its usage event stored');
      assert.equal(await b.shared.pendingEvents(), 0);
      const answered = events.filter((e) => e.status === 200);
      assert.ok(answered.length >= ok.length, 'stored 200s ≥ 200s the client saw');
      assert.ok(answered.length <= REQUESTS);

      // live counters = stored charges exactly: no reservation stayed held past its expiry
      const entries = await ledgerOf(adminClient(await gw.listen()), org.orgId);
      const charges = entries.filter((e) => e.kind === 'charge');
      assert.equal(charges.length, answered.length, 'one charge per stored answered request');
      const debited = -sumNanos(charges);
      assert.equal(debited, sum(events.map((e) => e.charged)));
      const [out, spent] = (await b.shared.get([outKey, budgetKey])).map(BigInt);
      assert.equal(out, debited, 'credit out counter = stored charges');
      assert.equal(spent, sum(events.map((e) => e.cost)), 'budget counter = stored cost');
      console.log(
        `crash: client saw ${JSON.stringify(counts)}; stored ${answered.length} answered; ` +
          `out counter ${outNow} → ${out} after the sweep (stored charges ${debited}); ` +
          `recovered in ${Date.now() - killedAt} ms after the kill`,
      );
    } finally {
      await gw.close();
    }
  } finally {
    child?.kill('SIGKILL');
    await up.close();
    await b.cleanup();
  }
});

const embedded = eachBackend().find((x) => x.name === 'embedded')!;

test('crash: kill -9 under load on the embedded backend loses at most one flush interval of usage events', {
  skip: embedded.skip,
  timeout: 120_000,
}, async () => {
  const b = await embedded.open();
  const up = await startFakeOpenAI();
  let child: ChildProcess | undefined;
  const FLUSH_MS = 500;
  try {
    const config = loadGatewayConfig({
      backend: b.config,
      upstream: up,
      extra: {
        timeouts: { total_ms: TOTAL_MS },
        metering: { reservation_grace_ms: GRACE_MS, flush_interval_ms: FLUSH_MS },
      },
    });
    const started = await startChild(config);
    child = started.child;
    const admin = adminClient(started.url);
    const org = await createPaidOrg(admin, 'crash', 10n * USD);
    const { keyId, key } = await createKey(admin, org, 'load');
    const budget = await setKeyBudget(admin, org.orgId, keyId, 5n * USD);

    up.script(
      ...Array.from({ length: REQUESTS }, (_, i) => ({ kind: 'delay' as const, ms: 50 + ((i * 37) % 1200) })),
    );
    const client = loadClient(started.url, key);
    const firing = Promise.all(
      Array.from({ length: REQUESTS }, () => send(client).then((a) => ({ ...a, at: Date.now() }))),
    );
    await up.waitForRequests(REQUESTS, 20_000);
    await sleep(400);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = undefined;
    const answers = await firing;
    const counts = countBy(answers);
    const ok = answers.filter((a) => a.status === 200);
    assert.ok(ok.length >= 1 && ok.length < REQUESTS, JSON.stringify(counts));

    // the next start: the in-process counters start again from the database
    const gw = await createGateway({ env: {}, config });
    try {
      const url = await gw.listen();
      const again = adminClient(url);
      await gw.governance.usage.flush();
      const events = await storedEvents(gw.governance.store.db, keyId);
      const stored = new Set(events.map((e) => e.id));
      const lost = ok.filter((a) => !stored.has(a.requestId!));
      // the documented window: what settled after the last flush before the kill
      const windowStart = killedAt - FLUSH_MS - 250;
      for (const a of lost)
        assert.ok(
          a.at >= windowStart,
          `event of a 200 answered ${killedAt - a.at} ms before the kill was lost`,
        );

      // nothing stays reserved, and the counters agree with what was stored
      const credits = await again.call<{
        data: { scope: string; balance_nanos: string; available_nanos: string }[];
      }>('GET', `/orgs/${org.orgId}/credits`);
      const account = credits.data.find((a) => a.scope === 'org')!;
      assert.equal(account.available_nanos, account.balance_nanos, 'no reservation outlives the process');
      const charges = (await ledgerOf(again, org.orgId)).filter((e) => e.kind === 'charge');
      const answered = events.filter((e) => e.status === 200);
      assert.equal(charges.length, answered.length, 'one charge per stored answered request');
      assert.equal(-sumNanos(charges), sum(events.map((e) => e.charged)));
      const budgets = await again.call<{ data: { id: string; spent_nanos: string }[] }>(
        'GET',
        `/orgs/${org.orgId}/budgets`,
      );
      assert.equal(
        BigInt(budgets.data.find((x) => x.id === budget.id)!.spent_nanos),
        sum(events.map((e) => e.cost)),
        'budget spend = stored cost',
      );
      console.log(
        `crash (embedded): client saw ${JSON.stringify(counts)}; stored ${answered.length}; ` +
          `lost ${lost.length} events, answered within ${lost.length ? killedAt - Math.min(...lost.map((a) => a.at)) : 0} ms before the kill (window ${FLUSH_MS} ms)`,
      );
    } finally {
      await gw.close();
    }
  } finally {
    child?.kill('SIGKILL');
    await up.close();
    await b.cleanup();
  }
});
