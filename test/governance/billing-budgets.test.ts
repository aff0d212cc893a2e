// Budgets on both backends: CRUD with scope checks, the synchronous cache every instance keeps
// current, spend counters seeded from stored usage of the right scope and period, and alerts
// recorded once per budget, period and kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Budgets, budgetKey, periodKey } from '../../src/billing/budgets.js';
import { GatewayError } from '../../src/canonical/errors.js';
import { eachBackend } from '../support/stores.js';
import { eventually, makeKey, makeOrg, makeProject, makeTeam, usageRow } from './billing-fixtures.js';

const NOW = Date.parse('2026-11-21T15:00:00Z');

for (const backend of eachBackend()) {
  test(`budgets: CRUD, cache on every instance, seeding (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const two = await b.connect();
    const budgets = new Budgets(b.store.db, b.shared, { now: () => NOW });
    const budgets2 = new Budgets(two.store.db, two.shared, { now: () => NOW });
    try {
      const db = b.store.db;
      const orgId = await makeOrg(db);
      const teamId = await makeTeam(db, orgId);
      const projectId = await makeProject(db, orgId, teamId);
      const keyId = await makeKey(db, orgId, teamId, projectId);
      const otherKey = await makeKey(db, orgId, teamId, projectId);
      await budgets.start();
      await budgets2.start();
      const grant = { keyId, orgId, teamId, projectId };

      const keyDay = await budgets.create(orgId, {
        scope: 'key',
        scopeId: keyId,
        period: 'day',
        limitNanos: 1_000,
        mode: 'hard',
      });
      const teamMonth = await budgets.create(orgId, {
        scope: 'team',
        scopeId: teamId,
        period: 'month',
        limitNanos: 50_000,
        mode: 'soft',
        alertPct: 80,
      });
      await budgets.create(orgId, {
        scope: 'project',
        scopeId: projectId,
        period: 'week',
        limitNanos: 9,
        mode: 'hard',
      });
      await budgets.create(orgId, {
        scope: 'org',
        scopeId: orgId,
        period: 'total',
        limitNanos: 9,
        mode: 'hard',
      });
      assert.deepEqual(
        budgets.budgetsFor(grant).map((x) => x.scope),
        ['key', 'project', 'team', 'org'],
      );
      await eventually(() => budgets2.budgetsFor(grant).length === 4);
      assert.equal(
        budgets2.budgetsFor({ ...grant, keyId: otherKey }).length,
        3,
        "another key: not this key's",
      );

      // scope checks
      const otherOrg = await makeOrg(db);
      const foreignTeam = await makeTeam(db, otherOrg);
      await assert.rejects(
        budgets.create(orgId, {
          scope: 'team',
          scopeId: foreignTeam,
          period: 'day',
          limitNanos: 1,
          mode: 'hard',
        }),
        (e) => e instanceof GatewayError && e.kind === 'not_found',
      );
      await assert.rejects(
        budgets.create(orgId, { scope: 'key', scopeId: keyId, period: 'day', limitNanos: 0, mode: 'hard' }),
        (e) => e instanceof GatewayError && e.kind === 'invalid_request',
      );

      // stored usage: today for this key, yesterday for this key, today for another key of the team
      const day = Date.parse('2026-11-21T00:00:00Z');
      await db
        .insertInto('usage_events')
        .values([
          usageRow({ id: 'r1', ts: day + 1, org_id: orgId, team_id: teamId, key_id: keyId, cost_nanos: 100 }),
          usageRow({
            id: 'r2',
            ts: day + 5_000,
            org_id: orgId,
            team_id: teamId,
            key_id: keyId,
            cost_nanos: 250,
          }),
          usageRow({
            id: 'r3',
            ts: day - 1,
            org_id: orgId,
            team_id: teamId,
            key_id: keyId,
            cost_nanos: 7_000,
          }),
          usageRow({
            id: 'r4',
            ts: day + 9,
            org_id: orgId,
            team_id: teamId,
            key_id: otherKey,
            cost_nanos: 40,
          }),
          usageRow({
            id: 'r5',
            ts: Date.parse('2026-10-31T23:59:59Z'),
            org_id: orgId,
            team_id: teamId,
            cost_nanos: 1,
          }),
        ])
        .execute();
      const today = periodKey('day', NOW);
      await budgets.ensureBudgetSeeded(keyDay, today);
      const month = periodKey('month', NOW);
      await budgets2.ensureBudgetSeeded(teamMonth, month);
      const [keySpent, teamSpent] = await b.shared.get([
        budgetKey(keyDay, today),
        budgetKey(teamMonth, month),
      ]);
      assert.equal(keySpent, 350, "today's spend of this key only");
      assert.equal(teamSpent, 7_390, "November's spend of the whole team");
      // seeding again (another process) keeps the live counter, which may hold reservations
      await b.shared.add(budgetKey(keyDay, today), 5);
      await new Budgets(db, b.shared, { now: () => NOW }).ensureBudgetSeeded(keyDay, today);
      assert.deepEqual(await budgets.spent(keyDay), {
        periodKey: today,
        spentNanos: 355,
        remainingNanos: 645,
      });

      // update and delete reach the other instance
      const { before, after } = await budgets.update(orgId, keyDay.id, { limitNanos: 2_000, alertPct: 50 });
      assert.equal(before.limitNanos, 1_000);
      assert.equal(after.limitNanos, 2_000);
      await eventually(
        () => budgets2.budgetsFor(grant).find((x) => x.id === keyDay.id)?.limitNanos === 2_000,
      );
      await budgets.remove(orgId, teamMonth.id);
      await eventually(() => budgets2.budgetsFor(grant).length === 3);
      await assert.rejects(
        budgets.get(otherOrg, keyDay.id),
        (e) => e instanceof GatewayError && e.kind === 'not_found',
      );
      assert.equal((await budgets.list(orgId)).length, 3);
    } finally {
      await budgets.close();
      await budgets2.close();
      await b.cleanup();
    }
  });

  test(`an alert is recorded once per budget, period and kind (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const two = await b.connect();
    const budgets = new Budgets(b.store.db, b.shared);
    const budgets2 = new Budgets(two.store.db, two.shared);
    try {
      const orgId = await makeOrg(b.store.db);
      const budget = await budgets.create(orgId, {
        scope: 'org',
        scopeId: orgId,
        period: 'day',
        limitNanos: 100,
        mode: 'soft',
        alertPct: 80,
      });
      const recorded = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? budgets2 : budgets).alerts.record(budget, '2026-11-21', 'threshold', 80 + i),
        ),
      );
      assert.equal(recorded.filter(Boolean).length, 1);
      assert.equal(await budgets.alerts.record(budget, '2026-11-21', 'exceeded', 101), true);
      assert.equal(await budgets.alerts.record(budget, '2026-11-22', 'threshold', 85), true);
      await budgets.recordAlert(budget, '2026-11-22', 'threshold', 90);
      const alerts = await budgets.alerts.list(orgId);
      assert.equal(alerts.length, 3);
      assert.deepEqual(alerts.map((a) => `${a.period_key} ${a.kind}`).sort(), [
        '2026-11-21 exceeded',
        '2026-11-21 threshold',
        '2026-11-22 threshold',
      ]);
    } finally {
      await b.cleanup();
    }
  });
}
