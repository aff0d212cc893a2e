// Reading a usage query from a query string: the time range (ISO dates or ms; default the last
// 30 days), the bucket (default day) and the dimensions to group by (comma-separated).
import { Type as T } from '@sinclair/typebox';
import { GatewayError } from '../canonical/errors.js';
import { USAGE_BUCKETS, USAGE_DIMENSIONS, type UsageBucket, type UsageDimension } from './analytics.js';

export const DEFAULT_RANGE_MS = 30 * 86_400_000;

export const UsageQueryString = T.Object({
  from: T.Optional(
    T.String({ description: 'ISO 8601 time or ms since the epoch (inclusive); default 30 days ago' }),
  ),
  to: T.Optional(T.String({ description: 'ISO 8601 time or ms since the epoch (exclusive); default now' })),
  bucket: T.Optional(T.Union(USAGE_BUCKETS.map((b) => T.Literal(b)))),
  group_by: T.Optional(T.String({ description: `comma-separated: ${USAGE_DIMENSIONS.join(', ')}` })),
  team_id: T.Optional(T.String()),
  project_id: T.Optional(T.String()),
  key_id: T.Optional(T.String()),
  user_id: T.Optional(T.String()),
  model: T.Optional(T.String()),
  provider: T.Optional(T.String()),
});

export function parseTimeParam(value: string | undefined, param: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms))
    throw new GatewayError('invalid_request', `${param} is not a time (ISO 8601 or ms since the epoch)`, {
      param,
    });
  return ms;
}

export function parseRange(q: { from?: string; to?: string }, nowMs: number): { from: number; to: number } {
  const to = parseTimeParam(q.to, 'to', nowMs);
  const from = parseTimeParam(q.from, 'from', to - DEFAULT_RANGE_MS);
  return { from, to };
}

export function parseBucket(value: string | undefined): UsageBucket {
  if (value === undefined || value === '') return 'day';
  if (!(USAGE_BUCKETS as readonly string[]).includes(value))
    throw new GatewayError('invalid_request', `bucket is one of ${USAGE_BUCKETS.join(', ')}`, {
      param: 'bucket',
    });
  return value as UsageBucket;
}

export function parseGroupBy(
  value: string | undefined,
  allowed: readonly UsageDimension[],
): UsageDimension[] {
  if (value === undefined || value.trim() === '') return [];
  const dims = value.split(',').map((s) => s.trim());
  for (const d of dims)
    if (!(allowed as readonly string[]).includes(d))
      throw new GatewayError('invalid_request', `group_by takes ${allowed.join(', ')}`, {
        param: 'group_by',
      });
  return dims as UsageDimension[];
}
