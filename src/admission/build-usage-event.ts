// One usage event per request that reached a provider, as queued for metering/ to store: the
// usage_events row and, when credits pay for it, the ledger charge. Built from the call's
// outcome only — never prompt text, never a key.
import type { CallContext } from '../gateway/call-context.js';
import { msSince } from '../gateway/call-context.js';
import { serializeUsageEvent, type UsageEvent, type UsageRow } from '../metering/usage-event.js';
import type { CreditAccount } from './admission-ports.js';

export interface UsageEventFigures {
  nowMs: number;
  costNanos: number;
  chargedNanos: number;
  byok: boolean;
  /** the account charged, when chargedNanos > 0 */
  payer: CreditAccount | undefined;
}

export function buildUsageEvent(ctx: CallContext, f: UsageEventFigures): string {
  const o = ctx.outcome;
  const g = ctx.principal.grant;
  const u = o.usage;
  const failed = o.status !== undefined && o.status >= 400;
  const row: UsageRow = {
    id: ctx.requestId,
    ts: f.nowMs,
    org_id: g?.orgId ?? null,
    team_id: g?.teamId ?? null,
    project_id: g?.projectId ?? null,
    key_id: g?.keyId ?? null,
    user_id: g?.userId ?? null,
    endpoint: o.endpoint,
    requested_model: o.requestedModel ?? null,
    model: o.modelId ?? null,
    provider: o.provider ?? null,
    status: o.status ?? (o.clientAborted ? 499 : 200),
    stream: o.stream ? 1 : 0,
    input_tokens: failed || !u ? 0 : u.inputTokens,
    output_tokens: failed || !u ? 0 : u.outputTokens,
    cache_read_tokens: failed || !u ? 0 : u.cacheReadTokens,
    cache_write_tokens: failed || !u ? 0 : u.cacheWriteTokens,
    reasoning_tokens: failed || !u ? 0 : u.reasoningTokens,
    estimated: u?.estimated ? 1 : 0,
    cost_nanos: f.costNanos,
    charged_nanos: f.chargedNanos,
    byok: f.byok ? 1 : 0,
    latency_ms: Math.round(msSince(ctx.startedAt)),
    ttft_ms: o.ttftMs !== undefined ? Math.round(o.ttftMs) : null,
    attempts: o.attempts?.length ?? 1,
    client_aborted: o.clientAborted ? 1 : 0,
    routing: null,
    error: o.error ?? null,
    units: failed || !o.units ? 0 : o.units.count,
    unit_kind: failed || !o.units ? null : o.units.kind,
  };
  const event: UsageEvent =
    f.chargedNanos > 0 && f.payer && g
      ? {
          row,
          charge: {
            orgId: g.orgId,
            accountScope: f.payer.scope,
            accountId: f.payer.id,
            amountNanos: f.chargedNanos,
          },
        }
      : { row };
  return serializeUsageEvent(event);
}
