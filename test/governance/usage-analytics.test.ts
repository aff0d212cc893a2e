// Analytics on both backends: totals grouped by model, key and provider in hour, day, ISO-week
// and month buckets, checked against numbers computed by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usageReport, usageReportView } from '../../src/metering/analytics.js';
import { eachBackend } from '../support/stores.js';
import { usageRow } from './billing-fixtures.js';

const t = (iso: string) => Date.parse(iso);

// Saturday 21 Nov 2026 (ISO week 47) … Monday 23 Nov (week 48) … 1 Dec (another month)
const ROWS = [
  {
    id: 'a1',
    ts: t('2026-11-21T10:15:00Z'),
    key_id: 'k1',
    model: 'm/a',
    provider: 'p1',
    cost: 100,
    charged: 100,
    input: 10,
    output: 1,
    cacheRead: 4,
    status: 200,
    latency: 100,
  },
  {
    id: 'a2',
    ts: t('2026-11-21T10:45:00Z'),
    key_id: 'k1',
    model: 'm/a',
    provider: 'p1',
    cost: 200,
    charged: 0,
    input: 20,
    output: 2,
    cacheRead: 0,
    status: 200,
    latency: 300,
  },
  {
    id: 'a3',
    ts: t('2026-11-21T11:05:00Z'),
    key_id: 'k2',
    model: 'm/b',
    provider: 'p2',
    cost: 0,
    charged: 0,
    input: 0,
    output: 0,
    cacheRead: 0,
    status: 502,
    latency: 50,
  },
  {
    id: 'a4',
    ts: t('2026-11-23T00:00:00Z'),
    key_id: 'k2',
    model: 'm/a',
    provider: 'p1',
    cost: 4_000_000_000,
    charged: 4_000_000_000,
    input: 1000,
    output: 500,
    cacheRead: 0,
    status: 200,
    latency: 1000,
  },
  {
    id: 'a5',
    ts: t('2026-12-01T08:00:00Z'),
    key_id: 'k1',
    model: 'm/b',
    provider: 'p2',
    cost: 7,
    charged: 7,
    input: 3,
    output: 3,
    cacheRead: 1,
    status: 429,
    latency: 10,
  },
  // another org: never counted
  {
    id: 'x1',
    ts: t('2026-11-21T10:20:00Z'),
    key_id: 'k9',
    model: 'm/a',
    provider: 'p1',
    cost: 999,
    charged: 999,
    input: 9,
    output: 9,
    cacheRead: 0,
    status: 200,
    latency: 9,
    org: 'org_other',
  },
];

for (const backend of eachBackend()) {
  test(`usage by model, key and time bucket (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    try {
      const db = b.store.db;
      await db
        .insertInto('usage_events')
        .values(
          ROWS.map((r) =>
            usageRow({
              id: r.id,
              ts: r.ts,
              org_id: r.org ?? 'org_1',
              key_id: r.key_id,
              model: r.model,
              provider: r.provider,
              cost_nanos: r.cost,
              charged_nanos: r.charged,
              input_tokens: r.input,
              output_tokens: r.output,
              cache_read_tokens: r.cacheRead,
              status: r.status,
              latency_ms: r.latency,
            }),
          ),
        )
        .execute();
      const range = { orgId: 'org_1', from: t('2026-11-01T00:00:00Z'), to: t('2027-01-01T00:00:00Z') };

      // one bucket, by model
      const byModel = await usageReport(db, { ...range, bucket: 'none', groupBy: ['model'] });
      assert.deepEqual(
        byModel.rows.map((r) => [
          r.group.model,
          r.totals.requests,
          r.totals.errors,
          r.totals.costNanos,
          r.totals.inputTokens,
        ]),
        [
          ['m/a', 3, 0, 4_000_000_300n, 1030],
          ['m/b', 2, 2, 7n, 3],
        ],
      );
      assert.equal(byModel.totals.requests, 5);
      assert.equal(byModel.totals.chargedNanos, 4_000_000_107n);
      assert.equal(byModel.totals.cacheReadTokens, 5);
      const view = usageReportView(byModel, { ...range, bucket: 'none', groupBy: ['model'] });
      assert.equal(view.totals.cost_usd, '4.000000307');
      assert.equal(view.totals.avg_latency_ms, 292); // (100+300+50+1000+10)/5
      assert.equal(view.data[0]!.model, 'm/a');

      // by day and key
      const byDay = await usageReport(db, { ...range, bucket: 'day', groupBy: ['key'] });
      assert.deepEqual(
        byDay.rows.map((r) => [
          new Date(r.bucketStart!).toISOString().slice(0, 10),
          r.group.key,
          r.totals.requests,
          r.totals.costNanos,
        ]),
        [
          ['2026-11-21', 'k1', 2, 300n],
          ['2026-11-21', 'k2', 1, 0n],
          ['2026-11-23', 'k2', 1, 4_000_000_000n],
          ['2026-12-01', 'k1', 1, 7n],
        ],
      );

      // by hour on the 21st
      const byHour = await usageReport(db, {
        orgId: 'org_1',
        from: t('2026-11-21T00:00:00Z'),
        to: t('2026-11-22T00:00:00Z'),
        bucket: 'hour',
        groupBy: [],
      });
      assert.deepEqual(
        byHour.rows.map((r) => [
          new Date(r.bucketStart!).toISOString().slice(11, 13),
          r.totals.requests,
          r.totals.outputTokens,
        ]),
        [
          ['10', 2, 3],
          ['11', 1, 0],
        ],
      );

      // ISO weeks: the 21st (a Saturday) is week 47 (from Monday the 16th); the 23rd starts week 48
      const byWeek = await usageReport(db, { ...range, bucket: 'week', groupBy: [] });
      assert.deepEqual(
        byWeek.rows.map((r) => [
          new Date(r.bucketStart!).toISOString().slice(0, 10),
          r.totals.requests,
          r.totals.costNanos,
        ]),
        [
          ['2026-11-16', 3, 300n],
          ['2026-11-23', 1, 4_000_000_000n],
          ['2026-11-30', 1, 7n],
        ],
      );

      // months, by provider
      const byMonth = await usageReport(db, { ...range, bucket: 'month', groupBy: ['provider'] });
      assert.deepEqual(
        byMonth.rows.map((r) => [
          new Date(r.bucketStart!).toISOString().slice(0, 7),
          r.group.provider,
          r.totals.requests,
        ]),
        [
          ['2026-11', 'p1', 3],
          ['2026-11', 'p2', 1],
          ['2026-12', 'p2', 1],
        ],
      );

      // filters and the range's ends (from inclusive, to exclusive)
      const k2 = await usageReport(db, { ...range, keyId: 'k2', bucket: 'none', groupBy: [] });
      assert.equal(k2.totals.requests, 2);
      const edge = await usageReport(db, {
        orgId: 'org_1',
        from: t('2026-11-23T00:00:00Z'),
        to: t('2026-12-01T08:00:00Z'),
        bucket: 'none',
        groupBy: [],
      });
      assert.equal(edge.totals.requests, 1, 'a4 at from is in, a5 at to is out');
      await assert.rejects(usageReport(db, { ...range, from: range.to, bucket: 'day', groupBy: [] }));
    } finally {
      await b.cleanup();
    }
  });
}
