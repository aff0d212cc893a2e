// Routing's storage on both backends, as two gateway instances share it: org policies made on
// one instance route requests on the other at once; feedback recorded on one moves the other's
// estimates; decisions are written in batches, once, and read back by request id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from '../../src/auth/index.js';
import { DecisionLog } from '../../src/routing/decision-log.js';
import { PolicyStore } from '../../src/routing/policy-store.js';
import { QualityFeedback } from '../../src/routing/quality-feedback.js';
import { routingDb } from '../../src/routing/routing-tables.js';
import { eachBackend } from '../support/stores.js';

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

function principalOf(orgId: string, keyId: string, teamId: string | null): Principal {
  return {
    id: keyId,
    name: keyId,
    kind: 'virtual',
    canUseModel: () => true,
    grant: {
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
    },
  };
}

for (const backend of eachBackend()) {
  test(`policies, feedback and decisions shared by two instances (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const closers: (() => Promise<void>)[] = [];
    try {
      const other = await b.connect();
      const dbA = routingDb(b.store.db);
      const dbB = routingDb(other.store.db);
      const now = Date.now();
      await b.store.db
        .insertInto('orgs')
        .values({
          id: 'org_r',
          name: 'R',
          slug: `r-${now}`,
          retention_days: null,
          byok_fee_bps: 0,
          discount_bps: 0,
          prepaid: 0,
          created_at: now,
        })
        .execute();
      await b.store.db
        .insertInto('teams')
        .values({ id: 'team_r', org_id: 'org_r', name: 'T', created_at: now })
        .execute();

      // policies: made on A, resolved on B
      const polA = new PolicyStore(dbA, b.shared);
      const polB = new PolicyStore(dbB, other.shared, {
        policies: { fallback: {} },
        default_policy: 'fallback',
      });
      await polA.start();
      await polB.start();
      closers.push(
        () => polA.close(),
        () => polB.close(),
      );
      const someone = principalOf('org_r', 'key_1', 'team_r');
      assert.equal(polB.resolve(someone, undefined)?.name, 'fallback');
      const made = await polA.create('org_r', 'team-cheap', { prefer: 'price', max_price_usd: '0.01' }, [
        { scope: 'team', id: 'team_r' },
      ]);
      await until(() => polB.resolve(someone, undefined)?.name === 'team-cheap');
      assert.equal(polB.resolve(someone, 'team-cheap')?.maxPriceNanos, 10_000_000);
      await assert.rejects(polA.create('org_r', 'team-cheap', {}, []), /already exists/);
      await assert.rejects(
        polA.create('org_r', 'other', {}, [{ scope: 'team', id: 'team_r' }]),
        /already the default/,
      );
      await assert.rejects(
        polA.create('org_r', 'bad', {}, [{ scope: 'team', id: 'team_elsewhere' }]),
        /No team/,
      );
      assert.throws(() => polB.resolve(someone, 'nope'), /Unknown routing policy `nope`/);
      await polA.remove('org_r', made.id);
      await until(() => polB.resolve(someone, undefined)?.name === 'fallback');

      // feedback: recorded on A, seen by B
      const fbA = new QualityFeedback(dbA, b.shared);
      const fbB = new QualityFeedback(dbB, other.shared);
      await fbA.start();
      await fbB.start();
      closers.push(
        () => fbA.close(),
        () => fbB.close(),
      );
      assert.equal(fbB.adjust('code', 'openai/gpt-4o-mini', 0.8), 0.8);
      for (const [i, score] of [0, 200, 100].entries())
        await fbA.record({
          requestId: `req_fb_${i}`,
          principalId: 'key_1',
          orgId: 'org_r',
          taskType: 'code',
          model: 'openai/gpt-4o-mini',
          scoreMilli: score,
          thumbs: null,
          comment: null,
        });
      // (0.8 × 5 + 0.3) / 8
      await until(() => fbB.stat('code', 'openai/gpt-4o-mini')?.n === 3);
      assert.ok(Math.abs(fbB.adjust('code', 'openai/gpt-4o-mini', 0.8) - 4.3 / 8) < 1e-9);
      assert.equal(fbB.adjust('chat', 'openai/gpt-4o-mini', 0.8), 0.8);
      await assert.rejects(
        fbB.record({
          requestId: 'req_fb_0',
          principalId: 'key_1',
          orgId: 'org_r',
          taskType: 'code',
          model: 'openai/gpt-4o-mini',
          scoreMilli: 1000,
          thumbs: 'up',
          comment: null,
        }),
        /already has feedback/,
      );
      assert.equal(fbA.stat('code', 'openai/gpt-4o-mini')?.n, 3);

      // decisions: queued, written once the request is over, readable from the other instance
      const logA = new DecisionLog(dbA, { flushIntervalMs: 20 });
      logA.start();
      closers.push(() => logA.close());
      const outcome: { endpoint: string; status?: number; modelId?: string } = {
        endpoint: 'chat.completions',
      };
      const record = {
        requestId: 'req_dec_1',
        orgId: 'org_r',
        principalId: 'key_1',
        policy: 'team-cheap',
        taskType: 'chat',
        chosen: 'openai/gpt-4o-mini',
        reason: 'policy team-cheap: chat',
        detail: { order: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'] },
        createdAt: Date.now(),
      };
      logA.add(record, outcome);
      assert.equal((await logA.find('req_dec_1'))?.served, null);
      await new Promise((r) => setTimeout(r, 80));
      const logB = new DecisionLog(dbB);
      assert.equal(await logB.find('req_dec_1'), undefined, 'a running request is not written yet');
      outcome.status = 200;
      outcome.modelId = 'anthropic/claude-haiku-4-5';
      let stored: Awaited<ReturnType<DecisionLog['find']>>;
      const end = Date.now() + 3000;
      for (;;) {
        stored = await logB.find('req_dec_1');
        if (stored || Date.now() > end) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(stored?.served, 'anthropic/claude-haiku-4-5');
      assert.deepEqual(stored?.detail.order, record.detail.order);
      // written once even when queued twice
      logA.add(record, outcome);
      await logA.flush(true);
      const rows = await dbB
        .selectFrom('routing_decisions')
        .select('request_id')
        .where('request_id', '=', 'req_dec_1')
        .execute();
      assert.equal(rows.length, 1);
    } finally {
      for (const c of closers.reverse()) await c();
      await b.cleanup();
    }
  });
}
