// Money under load, through the public surfaces only (admin API over HTTP with the master key,
// the official openai SDK on the data plane): 500 concurrent requests on a key whose hard budget
// covers ~100 of them never spend more than the budget plus one request's worst-case
// reservation; the org's balance is the sum of its ledger and equals top-ups less charges, one
// charge per answered request; failed upstream calls charge nothing but are recorded. The same
// with prepaid credits as the only limit, and with the budget shared by two gateway instances
// on PostgreSQL + Redis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGateway, type Gateway } from '../../src/app.js';
import { worstCaseCost } from '../../src/billing/cost.js';
import { creditOutKey } from '../../src/billing/credit-accounts.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/index.js';
import { type BackendInstance, eachBackend } from '../support/stores.js';
import {
  type AdminClient,
  type Answer,
  adminClient,
  countBy,
  createKey,
  createPaidOrg,
  LOAD_REQUEST,
  ledgerOf,
  loadClient,
  orgBalance,
  type PaidOrg,
  send,
  sentBodies,
  setKeyBudget,
  sumNanos,
} from './load-admin.js';
import { LOAD_MODEL, loadGatewayConfig } from './load-gateway-config.js';
import { sum, waitForStored } from './load-usage.js';

const REQUESTS = 500;
const COVERED = 100n;
const USD = 1_000_000_000n;

interface Node {
  gw: Gateway;
  url: string;
}

async function startNode(b: BackendInstance, up: FakeOpenAI): Promise<Node> {
  const gw = await createGateway({
    env: {},
    config: loadGatewayConfig({ backend: b.config, upstream: up }),
  });
  return { gw, url: await gw.listen() };
}

/** the stored cost of one request of LOAD_REQUEST (a probe key of the org), and its worst case */
async function probe(node: Node, admin: AdminClient, org: PaidOrg) {
  const { keyId, key } = await createKey(admin, org, 'probe');
  const answer = await send(loadClient(node.url, key));
  assert.equal(answer.status, 200, JSON.stringify(answer));
  const [event] = await waitForStored(
    () => node.gw.governance.usage.flush(),
    node.gw.governance.store.db,
    keyId,
    1,
  );
  assert.ok(event && event.cost > 0n, 'a priced model costs something');
  const price = node.gw.governance.prices.priceFor(org.orgId, LOAD_MODEL);
  assert.ok(price);
  const worst = BigInt(worstCaseCost(sentBodies.maxBytes, LOAD_REQUEST.max_tokens, price));
  assert.ok(worst >= event.cost, `worst case ${worst} ≥ actual ${event.cost}`);
  return { cost: event.cost, worst };
}

/** REQUESTS concurrent calls with `key`, spread round-robin over the nodes */
async function fire(nodes: Node[], key: string, n = REQUESTS): Promise<{ answers: Answer[]; ms: number }> {
  const clients = nodes.map((node) => loadClient(node.url, key));
  const start = Date.now();
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(clients[i % clients.length]!)));
  return { answers, ms: Date.now() - start };
}

/** the ledger adds up: balance = Σ entries = top-ups − charges, one charge per answered request */
async function checkLedger(admin: AdminClient, orgId: string, topup: bigint, chargedRequests: Set<string>) {
  const entries = await ledgerOf(admin, orgId);
  const balance = await orgBalance(admin, orgId);
  const topups = entries.filter((e) => e.kind === 'topup');
  const charges = entries.filter((e) => e.kind === 'charge');
  assert.equal(sumNanos(topups), topup);
  assert.equal(balance, sumNanos(entries), 'the balance is the sum of the ledger');
  assert.equal(balance, topup + sumNanos(charges), 'the balance is top-ups less charges');
  assert.equal(entries.length, topups.length + charges.length, 'nothing but top-ups and charges');
  assert.ok(
    charges.every((c) => BigInt(c.amount_nanos) < 0n),
    'a charge takes credit',
  );
  assert.deepEqual(
    new Set(charges.map((c) => c.request_id)),
    chargedRequests,
    'exactly the answered requests are charged, each once',
  );
  assert.equal(charges.length, chargedRequests.size);
  return { balance, charges: -sumNanos(charges) };
}

/** the org's live out counter holds exactly the stored debits: no reservation is left */
async function checkNoReservationLeft(node: Node, orgId: string, debited: bigint) {
  const [out] = await node.gw.governance.shared.get([creditOutKey('org', orgId)]);
  assert.equal(BigInt(out!), debited, 'credit out counter = stored charges (every reservation settled)');
}

async function budgetScenario(nodes: Node[], up: FakeOpenAI, label: string) {
  const [first] = nodes;
  assert.ok(first);
  const admin = adminClient(first.url);
  const topup = 10n * USD;
  const org = await createPaidOrg(admin, `budget ${label}`, topup);
  const { cost, worst } = await probe(first, admin, org);

  const budget = cost * COVERED;
  const { keyId, key } = await createKey(admin, org, 'load');
  const created = await setKeyBudget(admin, org.orgId, keyId, budget);
  // another instance learns of the budget through its cache invalidation
  if (nodes.length > 1) await sleep(1000);

  const { answers, ms } = await fire(nodes, key);
  const counts = countBy(answers);
  const ok = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 402);
  assert.equal(ok.length + refused.length, REQUESTS, `only 200 or 402: ${JSON.stringify(counts)}`);
  for (const a of refused) {
    assert.equal(a.code, 'budget_exceeded');
    assert.equal(a.type, 'insufficient_quota', "OpenAI's error type for a 402");
  }
  assert.ok(ok.length >= 1, 'some requests were served');
  assert.ok(refused.length >= 1, 'the budget refused the rest');

  const flush = () => first.gw.governance.usage.flush();
  const events = await waitForStored(flush, first.gw.governance.store.db, keyId, ok.length);
  assert.equal(events.length, ok.length, 'one usage event per answered request, none for refusals');
  assert.deepEqual(new Set(events.map((e) => e.id)), new Set(ok.map((a) => a.requestId)));
  const spent = sum(events.map((e) => e.cost));
  assert.ok(spent <= budget + worst, `spent ${spent} ≤ budget ${budget} + one reservation ${worst}`);
  assert.equal(sum(events.map((e) => e.charged)), spent, 'charged at list price');

  // the budget's live counter holds exactly what was spent: every reservation settled
  const budgets = await admin.call<{ data: { id: string; spent_nanos: string }[] }>(
    'GET',
    `/orgs/${org.orgId}/budgets`,
  );
  assert.equal(BigInt(budgets.data.find((x) => x.id === created.id)!.spent_nanos), spent);

  const allCharged = new Set<string>(
    (await ledgerOf(admin, org.orgId)).filter((e) => e.kind === 'charge').map((e) => e.request_id!),
  );
  for (const e of events) assert.ok(allCharged.has(e.id), `request ${e.id} is charged`);
  const { balance, charges } = await checkLedger(admin, org.orgId, topup, allCharged);
  assert.equal(allCharged.size, ok.length + 1, 'the load requests and the probe');
  await checkNoReservationLeft(first, org.orgId, charges);

  // failed upstream calls: recorded, charged nothing, reserve nothing afterwards
  const failing = await createKey(admin, org, 'failing');
  const FAILURES = 10;
  const before = up.stats.requests;
  up.script(...Array.from({ length: FAILURES }, () => ({ status: 500 })));
  const { answers: failed } = await fire(nodes, failing.key, FAILURES);
  assert.ok(
    failed.every((a) => a.status >= 500),
    `every call failed: ${JSON.stringify(countBy(failed))}`,
  );
  const reached = up.stats.requests - before;
  assert.ok(reached >= 1, 'failures reached the upstream');
  const failures = await waitForStored(flush, first.gw.governance.store.db, failing.keyId, reached);
  assert.equal(failures.length, reached, 'every upstream failure is recorded');
  for (const f of failures) {
    assert.ok(f.status >= 500, `recorded as failed: ${f.status}`);
    assert.equal(f.charged, 0n);
    assert.equal(f.cost, 0n);
  }
  const after = await checkLedger(admin, org.orgId, topup, allCharged);
  assert.equal(after.balance, balance, 'failures charge nothing');
  await checkNoReservationLeft(first, org.orgId, charges);
  up.reset();
  for (const n of nodes) n.gw.services.deployments.resetHealth();

  return { counts, ms, spent, budget, worst, cost };
}

async function creditScenario(nodes: Node[], label: string) {
  const [first] = nodes;
  assert.ok(first);
  const admin = adminClient(first.url);
  // the price of one request, measured in an org of its own
  const calibration = await createPaidOrg(admin, `calibration ${label}`, USD);
  const { cost, worst } = await probe(first, admin, calibration);

  const topup = cost * COVERED;
  const org = await createPaidOrg(admin, `credits ${label}`, topup);
  const { keyId, key } = await createKey(admin, org, 'load');
  const { answers, ms } = await fire(nodes, key);
  const counts = countBy(answers);
  const ok = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 402);
  assert.equal(ok.length + refused.length, REQUESTS, `only 200 or 402: ${JSON.stringify(counts)}`);
  for (const a of refused) {
    assert.equal(a.code, 'insufficient_quota');
    assert.equal(a.type, 'insufficient_quota');
  }
  assert.ok(ok.length >= 1 && refused.length >= 1, JSON.stringify(counts));

  const events = await waitForStored(
    () => first.gw.governance.usage.flush(),
    first.gw.governance.store.db,
    keyId,
    ok.length,
  );
  assert.equal(events.length, ok.length);
  const charged = sum(events.map((e) => e.charged));
  const { balance, charges } = await checkLedger(admin, org.orgId, topup, new Set(events.map((e) => e.id)));
  assert.equal(charges, charged);
  assert.ok(balance >= -worst, `balance ${balance} never below −(one reservation ${worst})`);
  assert.ok(BigInt(ok.length) <= COVERED + 1n, `${ok.length} served of ~${COVERED} paid for`);
  await checkNoReservationLeft(first, org.orgId, charges);
  return { counts, ms, balance, topup, worst };
}

for (const backend of eachBackend()) {
  test(`money under load: a hard budget, the ledger, failures (${backend.name})`, {
    skip: backend.skip,
    timeout: 120_000,
  }, async () => {
    const b = await backend.open();
    const up = await startFakeOpenAI();
    const node = await startNode(b, up).catch(async (e) => {
      await up.close();
      await b.cleanup();
      throw e;
    });
    try {
      const r = await budgetScenario([node], up, backend.name);
      console.log(
        `budget (${backend.name}): ${JSON.stringify(r.counts)} in ${r.ms} ms; spent ${r.spent} of ${r.budget} (+${r.worst} allowed), one request ${r.cost}`,
      );
    } finally {
      await node.gw.close();
      await up.close();
      await b.cleanup();
    }
  });

  test(`money under load: prepaid credits as the limit (${backend.name})`, {
    skip: backend.skip,
    timeout: 120_000,
  }, async () => {
    const b = await backend.open();
    const up = await startFakeOpenAI();
    const node = await startNode(b, up).catch(async (e) => {
      await up.close();
      await b.cleanup();
      throw e;
    });
    try {
      const r = await creditScenario([node], backend.name);
      console.log(
        `credits (${backend.name}): ${JSON.stringify(r.counts)} in ${r.ms} ms; balance ${r.balance} of top-up ${r.topup}`,
      );
    } finally {
      await node.gw.close();
      await up.close();
      await b.cleanup();
    }
  });
}

const shared = eachBackend().find((x) => x.name === 'postgres+redis')!;
test('money under load: two gateway instances share the budget and the credits (postgres+redis)', {
  skip: shared.skip,
  timeout: 180_000,
}, async () => {
  const b = await shared.open();
  const up = await startFakeOpenAI();
  const nodes: Node[] = [];
  try {
    nodes.push(await startNode(b, up));
    nodes.push(await startNode(b, up));
    const r = await budgetScenario(nodes, up, 'two instances');
    console.log(
      `budget (two instances): ${JSON.stringify(r.counts)} in ${r.ms} ms; spent ${r.spent} of ${r.budget} (+${r.worst} allowed)`,
    );
    const c = await creditScenario(nodes, 'two instances');
    console.log(
      `credits (two instances): ${JSON.stringify(c.counts)} in ${c.ms} ms; balance ${c.balance} of top-up ${c.topup}`,
    );
  } finally {
    await Promise.allSettled(nodes.map((n) => n.gw.close()));
    await up.close();
    await b.cleanup();
  }
});
