// Spend and usage over time: totals of usage_events grouped by any of org, team, project, key,
// user, model and provider, in time buckets (hour, day, ISO week, month, or one bucket for the
// whole range), between `from` (inclusive) and `to` (exclusive), in UTC.
//
// One SQL GROUP BY that is the same on SQLite and PostgreSQL: hours and days are bucketed by
// integer arithmetic on the ms timestamp (`ts - ts % 86400000`); weeks and months are grouped
// by day in SQL and folded into their week or month here (billing/periods.ts), which keeps the
// SQL portable and costs at most one row per day per group. Sums are read as text and added as
// bigint, so money stays exact however large.
import { type Kysely, sql } from 'kysely';
import { formatUsd } from '../billing/money.js';
import { periodStart } from '../billing/periods.js';
import { GatewayError } from '../canonical/errors.js';
import { int8ToBigInt, int8ToNumber } from '../store/numbers.js';
import type { Database } from '../store/tables.js';

export const USAGE_DIMENSIONS = ['org', 'team', 'project', 'key', 'user', 'model', 'provider'] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];
export const USAGE_BUCKETS = ['hour', 'day', 'week', 'month', 'none'] as const;
export type UsageBucket = (typeof USAGE_BUCKETS)[number];

const COLUMN = {
  org: 'org_id',
  team: 'team_id',
  project: 'project_id',
  key: 'key_id',
  user: 'user_id',
  model: 'model',
  provider: 'provider',
} as const satisfies Record<UsageDimension, string>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface UsageQuery {
  /** ms, inclusive */
  from: number;
  /** ms, exclusive */
  to: number;
  bucket: UsageBucket;
  groupBy: readonly UsageDimension[];
  /** filters (all that are given must match) */
  orgId?: string;
  teamId?: string;
  projectId?: string;
  keyId?: string;
  userId?: string;
  model?: string;
  provider?: string;
}

export interface UsageTotals {
  requests: number;
  /** status ≥ 400 */
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costNanos: bigint;
  chargedNanos: bigint;
  latencyMsSum: number;
  /** units of calls metered by the unit (usage_events.units by unit_kind) */
  images: number;
  audioSeconds: number;
  characters: number;
  queries: number;
}

export interface UsageReportRow {
  /** ms at the bucket's start; null when bucket = none */
  bucketStart: number | null;
  /** the value of each grouped dimension */
  group: Partial<Record<UsageDimension, string | null>>;
  totals: UsageTotals;
}

export interface UsageReport {
  rows: UsageReportRow[];
  totals: UsageTotals;
}

const emptyTotals = (): UsageTotals => ({
  requests: 0,
  errors: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costNanos: 0n,
  chargedNanos: 0n,
  latencyMsSum: 0,
  images: 0,
  audioSeconds: 0,
  characters: 0,
  queries: 0,
});

function addTotals(into: UsageTotals, t: UsageTotals): void {
  into.requests += t.requests;
  into.errors += t.errors;
  into.inputTokens += t.inputTokens;
  into.outputTokens += t.outputTokens;
  into.cacheReadTokens += t.cacheReadTokens;
  into.cacheWriteTokens += t.cacheWriteTokens;
  into.reasoningTokens += t.reasoningTokens;
  into.costNanos += t.costNanos;
  into.chargedNanos += t.chargedNanos;
  into.latencyMsSum += t.latencyMsSum;
  into.images += t.images;
  into.audioSeconds += t.audioSeconds;
  into.characters += t.characters;
  into.queries += t.queries;
}

/** the SQL bucket width for a requested bucket (weeks and months are folded from days) */
function sqlBucketMs(bucket: UsageBucket): number | null {
  if (bucket === 'hour') return HOUR_MS;
  if (bucket === 'day' || bucket === 'week' || bucket === 'month') return DAY_MS;
  return null;
}

/** at most this many days between from and to */
export const MAX_RANGE_DAYS = 3_660;

/** the sum of units of one kind, as text (exact whatever the engine) */
const unitSum = (kind: string) =>
  sql<string>`cast(sum(case when unit_kind = ${sql.lit(kind)} then units else 0 end) as text)`;

export async function usageReport(db: Kysely<Database>, q: UsageQuery): Promise<UsageReport> {
  if (!Number.isSafeInteger(q.from) || !Number.isSafeInteger(q.to) || q.to <= q.from)
    throw new GatewayError('invalid_request', '`from` must be before `to`', { param: 'from' });
  if (q.to - q.from > MAX_RANGE_DAYS * DAY_MS)
    throw new GatewayError('invalid_request', `At most ${MAX_RANGE_DAYS} days per query`, { param: 'to' });
  if (q.bucket === 'hour' && q.to - q.from > 93 * DAY_MS)
    throw new GatewayError('invalid_request', 'Hourly buckets cover at most 93 days', { param: 'bucket' });
  const dims = [...new Set(q.groupBy)];
  const width = sqlBucketMs(q.bucket);

  let query = db
    .selectFrom('usage_events')
    .where('ts', '>=', q.from)
    .where('ts', '<', q.to)
    .select([
      sql<string>`count(*)`.as('requests'),
      sql<string>`sum(case when status >= 400 then 1 else 0 end)`.as('errors'),
      sql<string>`cast(sum(input_tokens) as text)`.as('input_tokens'),
      sql<string>`cast(sum(output_tokens) as text)`.as('output_tokens'),
      sql<string>`cast(sum(cache_read_tokens) as text)`.as('cache_read_tokens'),
      sql<string>`cast(sum(cache_write_tokens) as text)`.as('cache_write_tokens'),
      sql<string>`cast(sum(reasoning_tokens) as text)`.as('reasoning_tokens'),
      sql<string>`cast(sum(cost_nanos) as text)`.as('cost_nanos'),
      sql<string>`cast(sum(charged_nanos) as text)`.as('charged_nanos'),
      sql<string>`cast(sum(latency_ms) as text)`.as('latency_ms'),
      unitSum('image').as('images'),
      unitSum('second').as('audio_seconds'),
      unitSum('character').as('characters'),
      unitSum('query').as('queries'),
    ]);
  const filters: [keyof UsageQuery, (typeof COLUMN)[UsageDimension]][] = [
    ['orgId', 'org_id'],
    ['teamId', 'team_id'],
    ['projectId', 'project_id'],
    ['keyId', 'key_id'],
    ['userId', 'user_id'],
    ['model', 'model'],
    ['provider', 'provider'],
  ];
  for (const [field, column] of filters) {
    const v = q[field];
    if (typeof v === 'string') query = query.where(column, '=', v);
  }
  const bucketExpr = width === null ? null : sql<string>`ts - (ts % ${sql.lit(width)})`;
  if (bucketExpr) query = query.select(bucketExpr.as('bucket')).groupBy(bucketExpr);
  for (const d of dims)
    query = query.select(sql.ref<string | null>(COLUMN[d]).as(`g_${d}`)).groupBy(COLUMN[d]);

  const raw = (await query.execute()) as unknown as Record<string, string | number | bigint | null>[];

  // fold SQL rows into the requested buckets (days → weeks or months) and groups
  const byKey = new Map<string, UsageReportRow>();
  const totals = emptyTotals();
  for (const r of raw) {
    const day = r.bucket === undefined || r.bucket === null ? null : int8ToNumber(r.bucket);
    const bucketStart =
      day === null ? null : q.bucket === 'week' || q.bucket === 'month' ? periodStart(q.bucket, day) : day;
    const group: Partial<Record<UsageDimension, string | null>> = {};
    for (const d of dims) group[d] = (r[`g_${d}`] as string | null | undefined) ?? null;
    const t: UsageTotals = {
      requests: int8ToNumber(r.requests ?? 0),
      errors: int8ToNumber(r.errors ?? 0),
      inputTokens: int8ToNumber(r.input_tokens ?? 0),
      outputTokens: int8ToNumber(r.output_tokens ?? 0),
      cacheReadTokens: int8ToNumber(r.cache_read_tokens ?? 0),
      cacheWriteTokens: int8ToNumber(r.cache_write_tokens ?? 0),
      reasoningTokens: int8ToNumber(r.reasoning_tokens ?? 0),
      costNanos: int8ToBigInt(r.cost_nanos ?? 0),
      chargedNanos: int8ToBigInt(r.charged_nanos ?? 0),
      latencyMsSum: int8ToNumber(r.latency_ms ?? 0),
      images: int8ToNumber(r.images ?? 0),
      audioSeconds: int8ToNumber(r.audio_seconds ?? 0),
      characters: int8ToNumber(r.characters ?? 0),
      queries: int8ToNumber(r.queries ?? 0),
    };
    addTotals(totals, t);
    const key = JSON.stringify([bucketStart, dims.map((d) => group[d])]);
    const row = byKey.get(key);
    if (row) addTotals(row.totals, t);
    else byKey.set(key, { bucketStart, group, totals: t });
  }
  const rows = [...byKey.values()].sort(
    (a, b) => (a.bucketStart ?? 0) - (b.bucketStart ?? 0) || compareGroups(a.group, b.group, dims),
  );
  return { rows, totals };
}

function compareGroups(
  a: Partial<Record<UsageDimension, string | null>>,
  b: Partial<Record<UsageDimension, string | null>>,
  dims: readonly UsageDimension[],
): number {
  for (const d of dims) {
    const x = a[d] ?? '';
    const y = b[d] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** totals for an API answer: money as exact nanos and USD strings */
export function usageTotalsView(t: UsageTotals) {
  return {
    requests: t.requests,
    errors: t.errors,
    input_tokens: t.inputTokens,
    output_tokens: t.outputTokens,
    cache_read_tokens: t.cacheReadTokens,
    cache_write_tokens: t.cacheWriteTokens,
    reasoning_tokens: t.reasoningTokens,
    cost_nanos: t.costNanos.toString(),
    cost_usd: formatUsd(t.costNanos),
    charged_nanos: t.chargedNanos.toString(),
    charged_usd: formatUsd(t.chargedNanos),
    avg_latency_ms: t.requests === 0 ? null : Math.round(t.latencyMsSum / t.requests),
    images: t.images,
    audio_seconds: t.audioSeconds,
    characters: t.characters,
    queries: t.queries,
  };
}

/** the grouped dimensions of a row, named like the usage_events columns */
export type UsageGroupView = Partial<Record<(typeof COLUMN)[UsageDimension], string | null>>;
export type UsageRowView = { bucket_start: string | null } & UsageGroupView &
  ReturnType<typeof usageTotalsView>;

export function usageReportView(
  report: UsageReport,
  q: Pick<UsageQuery, 'from' | 'to' | 'bucket' | 'groupBy'>,
) {
  return {
    from: new Date(q.from).toISOString(),
    to: new Date(q.to).toISOString(),
    bucket: q.bucket,
    group_by: [...new Set(q.groupBy)],
    totals: usageTotalsView(report.totals),
    data: report.rows.map((r): UsageRowView => {
      const group: UsageGroupView = {};
      for (const [d, v] of Object.entries(r.group)) group[COLUMN[d as UsageDimension]] = v;
      return {
        bucket_start: r.bucketStart === null ? null : new Date(r.bucketStart).toISOString(),
        ...group,
        ...usageTotalsView(r.totals),
      };
    }),
  };
}
