// Executes an attempt plan: tries deployments in order until one answers, within a bounded
// number of attempts and one deadline for the whole request. A failure before the first byte
// reaches the client moves on to the next deployment (the one that just failed is not tried
// again at once; a second try at the same deployment waits an exponential backoff with jitter,
// or its retry-after). Every attempt feeds the deployment's breaker and live health; only the
// attempt that answered leaves usage behind.
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../canonical/index.js';
import type { AttemptPlan, Deployment } from '../deployments/index.js';
import { transportError } from '../providers/index.js';
import { backoffDelay, classifyFailure, createDeadline, parseRetryAfter } from '../reliability/index.js';
import { type AttemptRecord, type CallContext, msSince } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';

export type AttemptExecutor = (ctx: CallContext, deployment: Deployment) => Promise<void>;

/** a 429 without retry-after still cools its deployment this long */
const DEFAULT_COOL_MS = 1000;

function describe(err: GatewayError): string {
  if (err.failure === 'status') return String(err.upstreamStatus ?? err.status);
  return err.failure ?? err.kind;
}

export async function runAttempts(
  gw: GatewayServices,
  ctx: CallContext,
  plan: AttemptPlan,
  execute: AttemptExecutor,
): Promise<void> {
  const { order } = plan;
  const deadline = createDeadline(order[0]!.timeouts.totalMs, ctx.signal);
  const attempts: AttemptRecord[] = [];
  ctx.outcome.attempts = attempts;
  const failures = new Map<string, number>();
  const retryAfter = new Map<string, string | undefined>();
  const reportedSkip = new Set<string>();
  /** deployments this request must not try again (a 429 cools them; bad credentials stay bad) */
  const banned = new Set<string>();
  let lastError: GatewayError | undefined;
  let lastFailed: string | undefined;
  let cursor = 0;
  let made = 0;

  /** the next deployment that will take a request; the one that just failed only as a last resort */
  const next = (): Deployment | undefined => {
    let fallbackToLast: Deployment | undefined;
    for (let scanned = 0; scanned < order.length; scanned++) {
      const d = order[cursor++ % order.length]!;
      if (banned.has(d.id)) continue;
      if (d.id === lastFailed && order.length > 1) {
        fallbackToLast = d;
        continue;
      }
      if (d.breaker.tryAcquire()) return d;
      if (!reportedSkip.has(d.id)) {
        reportedSkip.add(d.id);
        attempts.push({ deployment: d.id, outcome: 'skipped: circuit open', ms: 0 });
      }
    }
    if (fallbackToLast?.breaker.tryAcquire()) return fallbackToLast;
    return undefined;
  };

  try {
    while (made < gw.retries.maxAttempts) {
      const d = next();
      if (!d) break;
      const previousFailures = failures.get(d.id) ?? 0;
      if (previousFailures > 0) {
        const wait = backoffDelay(previousFailures, gw.retries, retryAfter.get(d.id));
        if (wait === undefined || wait >= deadline.remaining()) {
          // it asked for a longer pause than this request can afford
          d.breaker.release();
          attempts.push({ deployment: d.id, outcome: 'skipped: retry-after too long', ms: 0 });
          if (order.length === 1) break;
          continue;
        }
        try {
          await sleep(wait, undefined, { signal: deadline.signal });
        } catch {
          d.breaker.release();
          break;
        }
      }
      made++;
      const started = process.hrtime.bigint();
      const attemptCtx: CallContext = {
        ...ctx,
        signal: deadline.signal,
        timeouts: d.timeouts,
        onFirstByte: () => d.health.recordTtft(msSince(started)),
      };
      ctx.outcome.modelId = d.model.id;
      ctx.outcome.provider = d.provider.id;
      d.health.begin();
      try {
        await execute(attemptCtx, d);
        const ms = msSince(started);
        if (ctx.outcome.error && !ctx.outcome.clientAborted) {
          // it had started answering, then broke: the client got an error event
          d.breaker.onFailure();
          d.health.recordOutcome(false);
          attempts.push({ deployment: d.id, outcome: 'stream_broken', ms });
        } else if (ctx.outcome.clientAborted) {
          d.breaker.release();
          attempts.push({ deployment: d.id, outcome: 'client_gone', ms });
        } else {
          d.breaker.onSuccess();
          d.health.recordOutcome(true);
          d.health.recordLatency(ms);
          attempts.push({ deployment: d.id, outcome: 'ok', ms });
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
        if (ctx.signal.aborted) {
          d.breaker.release();
          ctx.outcome.clientAborted = true;
          throw err;
        }
        if (deadline.expired()) {
          d.breaker.onFailure();
          d.health.recordOutcome(false);
          attempts.push({ deployment: d.id, outcome: 'timeout', ms });
          lastError = new GatewayError(
            'timeout',
            `No answer within the request's total timeout of ${Math.round(d.timeouts.totalMs / 1000)} s`,
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
          d.health.recordOutcome(false);
        } else {
          d.breaker.release();
        }
        attempts.push({ deployment: d.id, outcome: describe(err), ms });
        if (!verdict.retryable) throw err;
        lastError = err;
        lastFailed = d.id;
        failures.set(d.id, previousFailures + 1);
        if (!verdict.sameDeployment) banned.add(d.id);
        retryAfter.set(d.id, err.retryAfter);
      } finally {
        d.health.end();
      }
    }
  } finally {
    deadline.dispose();
  }
  if (lastError) throw lastError;
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
