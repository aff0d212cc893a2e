// One suite, both implementations: every semantic of the SharedState contract. The Redis run
// uses two RedisSharedState instances on one prefix (two gateway instances); the memory run
// uses one instance for both roles and a fake clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deleteKeys,
  missingServices,
  servicesSkip,
  testServices,
  uniqueName,
} from '../../test/support/stores.js';
import { MemorySharedState } from './memory-shared-state.js';
import { openRedisSharedState } from './redis-shared-state.js';
import type { SharedState } from './shared-state.js';

interface Fixture {
  /** instance A and instance B (the same object in memory) */
  a: SharedState;
  b: SharedState;
  /** let this much time pass (fake clock in memory, real time on Redis) */
  pass(ms: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const impls: { name: 'memory' | 'redis'; skip: string | false; make(): Promise<Fixture> }[] = [
  {
    name: 'memory',
    skip: false,
    make: async () => {
      let now = 1_000_000;
      const s = new MemorySharedState({ now: () => now, sweepIntervalMs: 0 });
      return {
        a: s,
        b: s,
        pass: async (ms) => {
          now += ms;
        },
        close: () => s.close(),
      };
    },
  },
  {
    name: 'redis',
    skip: servicesSkip({ redis: true }),
    make: async () => {
      missingServices({ redis: true });
      const url = testServices().redisUrl!;
      const keyPrefix = `${uniqueName('ss')}:`;
      // the timer sweep is off so tests decide when sweeps happen
      const a = await openRedisSharedState({ url, keyPrefix, sweepIntervalMs: 0 });
      const b = await openRedisSharedState({ url, keyPrefix, sweepIntervalMs: 0 });
      return {
        a,
        b,
        pass: (ms) => sleep(ms),
        close: async () => {
          await Promise.all([a.close(), b.close()]);
          await deleteKeys(url, keyPrefix);
        },
      };
    },
  },
];

for (const impl of impls) {
  const it = (name: string, fn: (f: Fixture) => Promise<void>) =>
    test(`${impl.name}: ${name}`, { skip: impl.skip }, async () => {
      const f = await impl.make();
      try {
        await fn(f);
      } finally {
        await f.close();
      }
    });

  it('reserve is all or nothing and reports the first take that did not fit', async ({ a }) => {
    const ok = await a.reserve(
      'r1',
      [
        { key: 'x', amount: 3, limit: 10 },
        { key: 'y', amount: 1 },
      ],
      60_000,
    );
    assert.deepEqual(ok, { ok: true, values: [3, 1] });
    const refused = await a.reserve(
      'r2',
      [
        { key: 'x', amount: 5, limit: 10 },
        { key: 'z', amount: 4, limit: 3 },
        { key: 'y', amount: 100, limit: 0 },
      ],
      60_000,
    );
    assert.deepEqual(refused, { ok: false, index: 1, key: 'z', value: 0, limit: 3 });
    // nothing of the refused reservation was taken, and it is not held
    assert.deepEqual(await a.get(['x', 'y', 'z']), [3, 1, 0]);
    assert.deepEqual(await a.exists(['z']), [false]);
    await a.release('r2');
    assert.deepEqual(await a.get(['x', 'y']), [3, 1]);
    // exactly at the cap fits; one more does not
    assert.equal((await a.reserve('r3', [{ key: 'x', amount: 7, limit: 10 }], 60_000)).ok, true);
    const full = await a.reserve('r4', [{ key: 'x', amount: 1, limit: 10 }], 60_000);
    assert.deepEqual(full, { ok: false, index: 0, key: 'x', value: 10, limit: 10 });
  });

  it('two takes on one counter in one reserve count together', async ({ a }) => {
    const r = await a.reserve(
      'r',
      [
        { key: 'x', amount: 6, limit: 10 },
        { key: 'x', amount: 6, limit: 10 },
      ],
      60_000,
    );
    assert.deepEqual(r, { ok: false, index: 1, key: 'x', value: 6, limit: 10 });
    assert.deepEqual(await a.get(['x']), [0]);
  });

  it('limitKey: the cap is another counter read atomically; an absent cap counter means 0', async ({ a }) => {
    const noCap = await a.reserve('r0', [{ key: 'used', amount: 1, limitKey: 'credited' }], 60_000);
    assert.deepEqual(noCap, { ok: false, index: 0, key: 'used', value: 0, limit: 0 });
    // a zero amount fits under a zero cap
    assert.equal(
      (await a.reserve('rz', [{ key: 'used', amount: 0, limitKey: 'credited' }], 60_000)).ok,
      true,
    );
    await a.seed('credited', 1_000, 'nx');
    assert.equal(
      (await a.reserve('r1', [{ key: 'used', amount: 600, limitKey: 'credited' }], 60_000)).ok,
      true,
    );
    const over = await a.reserve('r2', [{ key: 'used', amount: 600, limitKey: 'credited' }], 60_000);
    assert.deepEqual(over, { ok: false, index: 0, key: 'used', value: 600, limit: 1_000 });
    // a top-up raises the cap for the next reserve
    await a.add('credited', 500, { onlyIfExists: true });
    assert.deepEqual(await a.reserve('r3', [{ key: 'used', amount: 600, limitKey: 'credited' }], 60_000), {
      ok: true,
      values: [1_200],
    });
  });

  it('windows: ttlMs is set when the counter is created only; refusals report resetMs', async (f) => {
    const { a, pass } = f;
    const win = (id: string) =>
      a.reserve(id, [{ key: 'rpm', amount: 1, limit: 2, ttlMs: 1_000, keep: true }], 60_000);
    assert.equal((await win('w1')).ok, true);
    await pass(300);
    assert.equal((await win('w2')).ok, true); // does not push the expiry back
    const refused = await win('w3');
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    assert.equal(refused.value, 2);
    assert.ok(
      refused.resetMs !== undefined && refused.resetMs > 0 && refused.resetMs <= 700,
      `${refused.resetMs}`,
    );
    await pass(750);
    // the window created 1050 ms ago expired; a new one starts
    assert.deepEqual(await a.get(['rpm']), [0]);
    assert.deepEqual(await win('w4'), { ok: true, values: [1] });
    // a take too large for an empty window reports the whole window
    const huge = await a.reserve('w5', [{ key: 'tpm', amount: 50, limit: 10, ttlMs: 1_000 }], 60_000);
    assert.equal(huge.ok === false && huge.resetMs, 1_000);
    // add with ttlMs: the same rule
    await a.add('win2', 1, { ttlMs: 600 });
    await pass(300);
    await a.add('win2', 1, { ttlMs: 600 });
    assert.deepEqual(await a.get(['win2']), [2]);
    await pass(350);
    assert.deepEqual(await a.exists(['win2']), [false]);
  });

  it('settle corrects each take to its actual amount; keep takes stay; the event is queued', async ({
    a,
  }) => {
    await a.seed('credit', 100_000, 'nx');
    const r = await a.reserve(
      'req1',
      [
        { key: 'rpm', amount: 1, limit: 60, keep: true },
        { key: 'tpm', amount: 5_000, limit: 100_000 },
        { key: 'conc', amount: 1, limit: 4 },
        { key: 'spend', amount: 9_000, limitKey: 'credit' },
      ],
      60_000,
    );
    assert.deepEqual(r, { ok: true, values: [1, 5_000, 1, 9_000] });
    await a.settle('req1', { tpm: 1_234, spend: 2_500, rpm: 50 }, '{"id":"req1"}');
    // rpm (keep) untouched even though `actual` named it; conc (absent) back to 0
    assert.deepEqual(await a.get(['rpm', 'tpm', 'conc', 'spend', 'credit']), [1, 1_234, 0, 2_500, 100_000]);
    assert.equal(await a.pendingEvents(), 1);
    // settling again changes nothing but still queues the event
    await a.settle('req1', { tpm: 99 }, '{"id":"req1-again"}');
    assert.deepEqual(await a.get(['tpm', 'spend']), [1_234, 2_500]);
    assert.equal(await a.pendingEvents(), 2);
  });

  it('settle with an unknown id queues the event and touches no counter', async ({ a }) => {
    await a.add('tpm', 10);
    await a.settle('never-reserved', { tpm: 5 }, 'ev');
    assert.deepEqual(await a.get(['tpm']), [10]);
    const b = await a.claimEvents(10, 60_000);
    assert.deepEqual(b?.events, ['ev']);
  });

  it('release gives back every non-keep take, once', async ({ a }) => {
    await a.reserve(
      'r',
      [
        { key: 'conc', amount: 1, limit: 1 },
        { key: 'rpm', amount: 1, keep: true },
      ],
      60_000,
    );
    await a.release('r');
    await a.release('r');
    assert.deepEqual(await a.get(['conc', 'rpm']), [0, 1]);
  });

  it('a second reserve under one id adds to the held reservation', async ({ a }) => {
    await a.reserve('r', [{ key: 'conc', amount: 1, limit: 5 }], 60_000);
    await a.reserve('r', [{ key: 'spend', amount: 70 }], 60_000);
    assert.deepEqual(await a.get(['conc', 'spend']), [1, 70]);
    await a.settle('r', { spend: 20 });
    assert.deepEqual(await a.get(['conc', 'spend']), [0, 20]);
  });

  it('settling a counter deleted meanwhile leaves it absent (it will be seeded again)', async ({ a }) => {
    await a.reserve('r', [{ key: 'spend', amount: 70 }], 60_000);
    await a.del(['spend']);
    await a.settle('r', { spend: 20 });
    assert.deepEqual(await a.exists(['spend']), [false]);
  });

  it('the sweep gives back expired reservations exactly once, even when two instances sweep at once', async (f) => {
    const { a, b, pass } = f;
    for (let i = 0; i < 50; i++)
      await a.reserve(
        `r${i}`,
        [
          { key: 'conc', amount: 1 },
          { key: 'spend', amount: 10 },
          { key: 'rpm', amount: 1, keep: true },
        ],
        i < 40 ? 500 : 60_000,
      );
    assert.deepEqual(await a.get(['conc', 'spend']), [50, 500]);
    assert.equal(await a.sweepExpired(), 0);
    await pass(600);
    const swept = await Promise.all([a.sweepExpired(), b.sweepExpired(), a.sweepExpired(), b.sweepExpired()]);
    assert.equal(
      swept.reduce((x, y) => x + y, 0),
      40,
    );
    assert.deepEqual(await a.get(['conc', 'spend', 'rpm']), [10, 100, 50]);
    // a late settle of a swept reservation gives nothing back twice but keeps its event
    await b.settle('r0', { spend: 10 }, 'late');
    assert.deepEqual(await a.get(['conc', 'spend']), [10, 100]);
    assert.equal(await a.pendingEvents(), 1);
    // the live ones still settle
    await b.settle('r45', { spend: 3 });
    assert.deepEqual(await a.get(['conc', 'spend']), [9, 93]);
  });

  it('seed: nx only when absent, max only raises; add: onlyIfExists keeps absent counters absent', async ({
    a,
  }) => {
    await a.seed('s', 5, 'nx');
    await a.seed('s', 9, 'nx');
    assert.deepEqual(await a.get(['s']), [5]);
    await a.seed('s', 3, 'max');
    assert.deepEqual(await a.get(['s']), [5]);
    await a.seed('s', 8, 'max');
    assert.deepEqual(await a.get(['s']), [8]);
    await a.seed('m', 4, 'max');
    assert.deepEqual(await a.get(['m']), [4]);

    await a.add('absent', 5, { onlyIfExists: true });
    assert.deepEqual(await a.exists(['absent', 's']), [false, true]);
    await a.add('s', -3, { onlyIfExists: true });
    await a.add('fresh', 2);
    assert.deepEqual(await a.get(['s', 'fresh', 'absent']), [5, 2, 0]);
    await a.del(['s', 'fresh']);
    assert.deepEqual(await a.exists(['s', 'fresh']), [false, false]);
    assert.deepEqual(await a.get([]), []);
  });

  it('amounts beyond 2^32 stay exact (nano-USD)', async ({ a }) => {
    const big = 3_000_000_000_123; // $3,000 in nanos
    await a.seed('credit', big * 2, 'nx');
    const r = await a.reserve('r', [{ key: 'spend', amount: big, limitKey: 'credit' }], 60_000);
    assert.deepEqual(r, { ok: true, values: [big] });
    await a.settle('r', { spend: big - 1 });
    assert.deepEqual(await a.get(['spend', 'credit']), [big - 1, big * 2]);
  });

  it('500 concurrent reserves against a cap of 100 from two instances: exactly 100 succeed', async ({
    a,
    b,
  }) => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        (i % 2 ? a : b).reserve(
          `c${i}`,
          [
            { key: 'conc', amount: 1 },
            { key: 'budget', amount: 1, limit: 100 },
          ],
          60_000,
        ),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 100);
    assert.deepEqual(await a.get(['conc', 'budget']), [100, 100]);
    // settling them all from the other instance gives back exactly what was taken
    await Promise.all(results.map((r, i) => (r.ok ? (i % 2 ? b : a).settle(`c${i}`, { budget: 1 }) : null)));
    assert.deepEqual(await b.get(['conc', 'budget']), [0, 100]);
  });

  it('events: claim up to max, ack removes, pending counts queued and claimed', async ({ a, b }) => {
    await a.enqueueEvents(['e1', 'e2', 'e3']);
    await a.settle('x', {}, 'e4');
    assert.equal(await b.pendingEvents(), 4);
    const first = await b.claimEvents(3, 60_000);
    assert.deepEqual(first?.events, ['e1', 'e2', 'e3']);
    // another instance gets the rest, not the same events
    const second = await a.claimEvents(3, 60_000);
    assert.deepEqual(second?.events, ['e4']);
    assert.equal(await a.claimEvents(3, 60_000), null);
    assert.equal(await a.pendingEvents(), 4);
    await b.ackEvents(first!.batchId);
    await a.ackEvents(second!.batchId);
    assert.equal(await a.pendingEvents(), 0);
    assert.equal(await a.claimEvents(3, 60_000), null);
  });

  it('events: a batch not acknowledged within staleMs is handed out again (its instance died)', async (f) => {
    const { a, b, pass } = f;
    await a.enqueueEvents(['e1', 'e2']);
    const claimed = await a.claimEvents(10, 500);
    assert.deepEqual(claimed?.events, ['e1', 'e2']);
    // not stale yet
    assert.equal(await b.claimEvents(10, 500), null);
    await a.enqueueEvents(['e3']);
    await pass(600);
    const again = await b.claimEvents(10, 500);
    assert.deepEqual(again?.events, ['e1', 'e2', 'e3']);
    assert.equal(await b.pendingEvents(), 3);
    await b.ackEvents(again!.batchId);
    // the dead instance's late ack is harmless
    await a.ackEvents(claimed!.batchId);
    assert.equal(await b.pendingEvents(), 0);
  });

  it('events: large batches move whole (beyond Lua unpack limits)', async ({ a }) => {
    const events = Array.from({ length: 12_345 }, (_, i) => `{"i":${i}}`);
    await a.enqueueEvents(events);
    const batch = await a.claimEvents(10_000, 60_000);
    assert.equal(batch?.events.length, 10_000);
    assert.deepEqual(batch?.events.slice(0, 2), ['{"i":0}', '{"i":1}']);
    const rest = await a.claimEvents(10_000, 60_000);
    assert.equal(rest?.events.length, 2_345);
    assert.equal(rest?.events.at(-1), '{"i":12344}');
    assert.equal(await a.pendingEvents(), 12_345);
  });

  it('pub/sub reaches every subscriber (other instances too) until it unsubscribes', async ({ a, b }) => {
    const gotA: string[] = [];
    const gotB: string[] = [];
    const offA = await a.subscribe('keys', (m) => gotA.push(m));
    const offB = await b.subscribe('keys', (m) => gotB.push(m));
    const other: string[] = [];
    const offOther = await b.subscribe('other', (m) => other.push(m));
    await a.publish('keys', 'revoked:key_1');
    await waitFor(() => gotA.length === 1 && gotB.length === 1);
    assert.deepEqual([gotA, gotB, other], [['revoked:key_1'], ['revoked:key_1'], []]);
    await offB();
    await b.publish('keys', 'revoked:key_2');
    await waitFor(() => gotA.length === 2);
    await sleep(30);
    assert.deepEqual(gotB, ['revoked:key_1']);
    await offA();
    await offOther();
  });
}

async function waitFor(cond: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(5);
  }
}
