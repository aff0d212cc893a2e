// One metered request as it travels from the request path to the database: the usage_events
// row with plain numbers, and the charge to take from credits (absent when nothing is charged:
// failures, metered-only orgs, BYOK without a fee, master and config keys). Queued in SharedState
// as JSON text (SharedState.settle(..., event) queues it atomically with the settlement) and
// stored by metering/usage-writer.ts.
import type { CreditAccountScope, UsageEventsTable } from '../store/tables.js';

/** a usage_events row with plain numbers in its BIGINT columns (ms since epoch, nano-USD) */
export type UsageRow = Omit<
  UsageEventsTable,
  'ts' | 'cost_nanos' | 'charged_nanos' | 'units' | 'unit_kind'
> & {
  ts: number;
  cost_nanos: number;
  charged_nanos: number;
  /** calls metered by the unit (absent in events queued before the columns existed: 0 / null) */
  units?: number;
  unit_kind?: string | null;
};

export interface UsageCharge {
  orgId: string;
  accountScope: CreditAccountScope;
  accountId: string;
  /** positive nano-USD; stored as a negative 'charge' ledger entry with the row's id as request id */
  amountNanos: number;
}

export interface UsageEvent {
  row: UsageRow;
  charge?: UsageCharge;
}

/** exactly the columns of usage_events (extra fields in queued JSON are not written) */
export function usageRowColumns(row: UsageRow): UsageRow {
  return {
    id: row.id,
    ts: row.ts,
    org_id: row.org_id ?? null,
    team_id: row.team_id ?? null,
    project_id: row.project_id ?? null,
    key_id: row.key_id ?? null,
    user_id: row.user_id ?? null,
    endpoint: row.endpoint,
    requested_model: row.requested_model ?? null,
    model: row.model ?? null,
    provider: row.provider ?? null,
    status: row.status,
    stream: row.stream,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    cache_read_tokens: row.cache_read_tokens,
    cache_write_tokens: row.cache_write_tokens,
    reasoning_tokens: row.reasoning_tokens,
    estimated: row.estimated,
    cost_nanos: row.cost_nanos,
    charged_nanos: row.charged_nanos,
    byok: row.byok,
    latency_ms: row.latency_ms,
    ttft_ms: row.ttft_ms ?? null,
    attempts: row.attempts,
    client_aborted: row.client_aborted,
    routing: row.routing ?? null,
    error: row.error ?? null,
    units: row.units ?? 0,
    unit_kind: row.unit_kind ?? null,
  };
}

export function serializeUsageEvent(event: UsageEvent): string {
  return JSON.stringify(event);
}

const NUMBER_FIELDS = [
  'ts',
  'status',
  'stream',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'estimated',
  'cost_nanos',
  'charged_nanos',
  'byok',
  'latency_ms',
  'attempts',
  'client_aborted',
] as const satisfies readonly (keyof UsageRow)[];

/** a queued event back into its shape; throws on text that is not a usage event */
export function parseUsageEvent(text: string): UsageEvent {
  const e = JSON.parse(text) as UsageEvent;
  const row = e?.row;
  if (!row || typeof row.id !== 'string' || row.id === '' || typeof row.endpoint !== 'string')
    throw new TypeError('not a usage event: row.id and row.endpoint are required');
  for (const f of NUMBER_FIELDS)
    if (!Number.isSafeInteger(row[f])) throw new TypeError(`not a usage event: row.${f} is not an integer`);
  const c = e.charge;
  if (c !== undefined) {
    if (
      typeof c.orgId !== 'string' ||
      typeof c.accountId !== 'string' ||
      (c.accountScope !== 'org' && c.accountScope !== 'team' && c.accountScope !== 'key') ||
      !Number.isSafeInteger(c.amountNanos) ||
      c.amountNanos < 0
    )
      throw new TypeError('not a usage event: malformed charge');
  }
  return e;
}
