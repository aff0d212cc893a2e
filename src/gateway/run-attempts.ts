// Executes an attempt plan: tries deployments in order until one answers, within a bounded
// number of attempts and one deadline for the whole request. A failure before the first byte
// reaches the client moves on to the next deployment (the one that just failed is not tried
// again at once; a second try at the same deployment waits an exponential backoff with jitter,
// or its retry-after). Every attempt feeds the deployment's breaker and live health; only the
// attempt that answered leaves usage behind.
//
// The common case — the first deployment answers — is kept cheap: one timer for the deadline
// (aborting the request's own controller), and the failure bookkeeping is only allocated once
// something has failed.
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../canonical/index.js';
import type { AttemptPlan, Deployment } from '../deployments/index.js';
import { transportError } from '../providers/index.js';
import { backoffDelay, classifyFailure, parseRetryAfter } from '../reliability/index.js';
import { type AttemptRecord, type CallContext, msSince } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';

export type AttemptExecutor = (ctx: CallContext, deployment: Deployment) => Promise<void>;

/** a 429 without retry-after still cools its deployment this long */
const DEFAULT_COOL_MS = 1000;

function describe(err: GatewayError): string {
  if (err.failure === 'status') return String(err.upstreamStatus ?? err.status);
  return err.failure ?? err.kind;
}

/** what the request remembers once something has failed */
interface Failures {
  count: Map<string, number>;
  retryAfter: Map<string, string | undefined>;
  /** deployments this request must not try again (a 429 cools them; bad credentials stay bad) */
  banned: Set<string>;
  reportedSkip: Set<string>;
  last?: GatewayError;
  lastId?: string;
}

const newFailures = (): Failures => ({
  count: new Map(),
  retryAfter: new Map(),
  banned: new Set(),
  reportedSkip: new Set(),
});

export async function runAttempts(
  gw: GatewayServices,
  ctx: CallContext,
  plan: AttemptPlan,
  execute: AttemptExecutor,
): Promise<void> {
  const { order } = plan;
  const totalMs = order[0]!.timeouts.totalMs;
  const deadlineAt = Date.now() + totalMs;
  let deadlineHit = false;
  const timer = setTimeout(() => {
    deadlineHit = true;
    ctx.abort(new DOMException("the request's total timeout elapsed", 'TimeoutError'));
  }, totalMs);
  timer.unref();
  const record = (r: AttemptRecord) => {
    ctx.outcome.attempts ??= [];
    ctx.outcome.attempts.push(r);
  };
  let f: Failures | undefined;
  let cursor = 0;
  let made = 0;

  /** the next deployment that will take a request; the one that just failed only as a last resort */
  const next = (): Deployment | undefined => {
    let fallbackToLast: Deployment | undefined;
    for (let scanned = 0; scanned < order.length; scanned++) {
      const d = order[cursor++ % order.length]!;
      if (f?.banned.has(d.id)) continue;
      if (d.id === f?.lastId && order.length > 1) {
        fallbackToLast = d;
        continue;
      }
      if (d.breaker.tryAcquire()) return d;
      f ??= newFailures();
      if (!f.reportedSkip.has(d.id)) {
        f.reportedSkip.add(d.id);
        record({ deployment: d.id, outcome: 'skipped: circuit open', ms: 0 });
      }
    }
    if (fallbackToLast?.breaker.tryAcquire()) return fallbackToLast;
    return undefined;
  };

  try {
    while (made < gw.retries.maxAttempts) {
      const d = next();
      if (!d) break;
      const previousFailures = f?.count.get(d.id) ?? 0;
      if (f && previousFailures > 0) {
        const wait = backoffDelay(previousFailures, gw.retries, f.retryAfter.get(d.id));
        if (wait === undefined || wait >= deadlineAt - Date.now()) {
          // it asked for a longer pause than this request can afford
          d.breaker.release();
          record({ deployment: d.id, outcome: 'skipped: retry-after too long', ms: 0 });
          if (order.length === 1) break;
          continue;
        }
        try {
          await sleep(wait, undefined, { signal: ctx.signal });
        } catch {
          d.breaker.release();
          break;
        }
      }
      made++;
      const started = process.hrtime.bigint();
      const health = d.health;
      // the attempt runs on the request's own context (attempts never overlap)
      ctx.timeouts = d.timeouts;
      ctx.onFirstByte = () => {
        health.recordTtft(msSince(started));
        ctx.outcome.ttftMs = msSince(ctx.startedAt);
      };
      ctx.outcome.modelId = d.model.id;
      ctx.outcome.provider = d.provider.id;
      health.begin();
      try {
        await execute(ctx, d);
        const ms = msSince(started);
        if (ctx.outcome.error && !ctx.outcome.clientAborted) {
          // it had started answering, then broke: the client got an error event
          d.breaker.onFailure();
          health.recordOutcome(false);
          if (f) record({ deployment: d.id, outcome: 'stream_broken', ms });
        } else if (ctx.outcome.clientAborted) {
          d.breaker.release();
        } else {
          d.breaker.onSuccess();
          health.recordOutcome(true);
          health.recordLatency(ms);
          if (f) record({ deployment: d.id, outcome: 'ok', ms });
        }
        return;
      } catch (e) {
        const ms = msSince(started);
        const err = e instanceof GatewayError ? e : transportError(d.provider, e);
        if (ctx.res.headersSent || !err.failure) {
          // not an upstream failure (the request itself is wrong), or too late to try elsewhere
          d.breaker.release();
          throw err;
        }
        if (ctx.res.destroyed && !deadlineHit) {
          // the client went away
          d.breaker.release();
          ctx.outcome.clientAborted = true;
          throw err;
        }
        f ??= newFailures();
        if (deadlineHit) {
          d.breaker.onFailure();
          health.recordOutcome(false);
          record({ deployment: d.id, outcome: 'timeout', ms });
          f.last = new GatewayError(
            'timeout',
            `No answer within the request's total timeout of ${Math.round(totalMs / 1000)} s`,
            { provider: d.provider.id, failure: 'timeout' },
          );
          break;
        }
        const verdict = classifyFailure({ status: err.upstreamStatus, kind: err.failure, committed: false });
        if (verdict.coolsDeployment) {
          d.breaker.coolDown(parseRetryAfter(err.retryAfter) ?? DEFAULT_COOL_MS);
          d.breaker.release();
        } else if (verdict.countsAgainstHealth) {
          d.breaker.onFailure();
          health.recordOutcome(false);
        } else {
          d.breaker.release();
        }
        record({ deployment: d.id, outcome: describe(err), ms });
        if (!verdict.retryable) throw err;
        f.last = err;
        f.lastId = d.id;
        f.count.set(d.id, previousFailures + 1);
        f.retryAfter.set(d.id, err.retryAfter);
        if (!verdict.sameDeployment) f.banned.add(d.id);
      } finally {
        health.end();
      }
    }
  } finally {
    clearTimeout(timer);
  }
  if (f?.last) throw f.last;
  // nothing could even be tried: every deployment's breaker is open
  const soonest = Math.min(...order.map((d) => d.breaker.retryAt()).filter((t) => t > 0));
  const wait = Number.isFinite(soonest) ? Math.max(1, Math.ceil((soonest - Date.now()) / 1000)) : undefined;
  if (order.every((d) => d.breaker.snapshot().reason === 'cooling'))
    // every deployment is honouring a provider's retry-after: the client should too
    throw new GatewayError(
      'rate_limit',
      `Every deployment of \`${plan.primary.name}\` is rate limited by its provider` +
        (wait ? `; retry in ${wait} s` : ''),
      { retryAfter: wait ? String(wait) : undefined, code: 'rate_limit_exceeded' },
    );
  throw new GatewayError(
    'overloaded',
    `Every deployment of \`${plan.primary.name}\` is unavailable right now (circuit open after repeated failures)` +
      (wait ? `; retry in ${wait} s` : ''),
    { retryAfter: wait ? String(wait) : undefined, code: 'deployments_unavailable' },
  );
}
