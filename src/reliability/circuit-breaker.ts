// A circuit breaker for one deployment. closed: traffic flows, outcomes are counted; it opens on
// `consecutiveFailures` failures in a row, or when the failure rate over a rolling window reaches
// `errorRate` once the window holds `minRequests` outcomes. open: no traffic until the cooldown has
// passed, then half_open: up to `halfOpenProbes` live requests at a time probe the deployment;
// `halfOpenSuccesses` probe successes close it (and reset the cooldown), one probe failure opens
// it again with the cooldown doubled (up to `maxCooldownMs`).
// Separately, a 429 "cools" the deployment for its retry-after (coolDown): no traffic until then,
// reported as open with reason 'cooling', without counting as a failure.
// Pure state: time comes from the injected clock, nothing here sleeps or schedules.
import { OutcomeWindow } from './outcome-window.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** why the breaker is not closed: how it opened, or 'cooling' for a 429 */
export type BreakerReason = 'consecutive_failures' | 'error_rate' | 'probe_failed' | 'cooling';

export interface BreakerOptions {
  /** open after this many failures in a row (default 5) */
  consecutiveFailures: number;
  /** or when the failure rate over the window reaches this (0..1, default 0.5) */
  errorRate: number;
  /** ...and the window holds at least this many outcomes (default 20) */
  minRequests: number;
  /** rolling window for the error rate (default 30_000), kept in `windowBuckets` buckets */
  windowMs: number;
  /** open → half_open after this long (default 15_000); doubles on each failed probe, resets on close */
  cooldownMs: number;
  /** the cooldown never grows beyond this (default 120_000) */
  maxCooldownMs: number;
  /** how many live requests may probe at once in half_open (default 1) */
  halfOpenProbes: number;
  /** probe successes (in a row: any probe failure reopens) that close it (default: halfOpenProbes) */
  halfOpenSuccesses?: number;
  /** buckets the window is kept in (default 10) */
  windowBuckets?: number;
}

export const DEFAULT_BREAKER_OPTIONS: Readonly<BreakerOptions> = Object.freeze({
  consecutiveFailures: 5,
  errorRate: 0.5,
  minRequests: 20,
  windowMs: 30_000,
  cooldownMs: 15_000,
  maxCooldownMs: 120_000,
  halfOpenProbes: 1,
});

export interface BreakerSnapshot {
  state: BreakerState;
  reason?: BreakerReason;
  consecutiveFailures: number;
  errorRate: number;
  requestsInWindow: number;
  /** probes out right now (half_open only) */
  probesInFlight: number;
  /** the cooldown the next (or current) opening uses */
  cooldownMs: number;
  openedAt?: number;
  retryAt?: number;
  coolingUntil?: number;
}

function positiveInteger(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new RangeError(`circuit breaker: ${name} must be a positive integer, got ${v}`);
  return v;
}

function positiveMs(name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v))
    throw new RangeError(`circuit breaker: ${name} must be a positive number of milliseconds, got ${v}`);
  return v;
}

export class CircuitBreaker {
  readonly options: Readonly<Required<BreakerOptions>>;
  private readonly window: OutcomeWindow;
  private readonly now: () => number;
  private current: BreakerState = 'closed';
  private openReason: BreakerReason | undefined;
  private failuresInARow = 0;
  private openedAt = 0;
  private openUntil = 0;
  private cooldown: number;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  private coolingUntil = 0;

  constructor(opts: Partial<BreakerOptions> = {}, now: () => number = Date.now) {
    const o = { ...DEFAULT_BREAKER_OPTIONS, ...stripUndefined(opts) };
    const halfOpenProbes = positiveInteger('halfOpenProbes', o.halfOpenProbes);
    if (!(o.errorRate > 0 && o.errorRate <= 1))
      throw new RangeError(`circuit breaker: errorRate must be in (0, 1], got ${o.errorRate}`);
    if (!Number.isInteger(o.minRequests) || o.minRequests < 1)
      throw new RangeError(`circuit breaker: minRequests must be a positive integer, got ${o.minRequests}`);
    const cooldownMs = positiveMs('cooldownMs', o.cooldownMs);
    const maxCooldownMs = positiveMs('maxCooldownMs', o.maxCooldownMs);
    if (maxCooldownMs < cooldownMs)
      throw new RangeError(
        `circuit breaker: maxCooldownMs (${maxCooldownMs}) must not be less than cooldownMs (${cooldownMs})`,
      );
    this.options = Object.freeze({
      consecutiveFailures: positiveInteger('consecutiveFailures', o.consecutiveFailures),
      errorRate: o.errorRate,
      minRequests: o.minRequests,
      windowMs: positiveMs('windowMs', o.windowMs),
      cooldownMs,
      maxCooldownMs,
      halfOpenProbes,
      halfOpenSuccesses: positiveInteger('halfOpenSuccesses', o.halfOpenSuccesses ?? halfOpenProbes),
      windowBuckets: positiveInteger('windowBuckets', o.windowBuckets ?? 10),
    });
    this.now = now;
    this.cooldown = cooldownMs;
    this.window = new OutcomeWindow(this.options.windowMs, this.options.windowBuckets, now);
  }

  /** the state as callers should see it: 'open' while cooling after a 429 */
  get state(): BreakerState {
    return this.cooling() ? 'open' : this.advance();
  }

  /**
   * May a request go to this deployment now? In half_open this reserves a probe slot: call
   * exactly one of onSuccess / onFailure / release once the attempt ends.
   */
  tryAcquire(): boolean {
    if (this.cooling()) return false;
    const state = this.advance();
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.probesInFlight >= this.options.halfOpenProbes) return false;
    this.probesInFlight++;
    return true;
  }

  /** true if tryAcquire would succeed now, without reserving anything (for ranking candidates) */
  isAvailable(): boolean {
    if (this.cooling()) return false;
    const state = this.advance();
    return state === 'closed' || (state === 'half_open' && this.probesInFlight < this.options.halfOpenProbes);
  }

  /**
   * The attempt succeeded. In half_open any success counts as a probe success (a request that
   * started earlier and finishes now is evidence too); in open it is only counted.
   */
  onSuccess(): void {
    const state = this.advance();
    this.window.record(true);
    this.failuresInARow = 0;
    if (state !== 'half_open') return;
    this.freeProbe();
    this.probeSuccesses++;
    if (this.probeSuccesses >= this.options.halfOpenSuccesses) this.close();
  }

  /** The attempt failed in a way that counts against this deployment's health. */
  onFailure(): void {
    const state = this.advance();
    this.window.record(false);
    this.failuresInARow++;
    if (state === 'half_open') {
      this.freeProbe();
      this.cooldown = Math.min(this.cooldown * 2, this.options.maxCooldownMs);
      this.open('probe_failed');
      return;
    }
    if (state !== 'closed') return;
    if (this.failuresInARow >= this.options.consecutiveFailures) {
      this.open('consecutive_failures');
      return;
    }
    const { total, failures } = this.window.counts();
    if (total >= this.options.minRequests && failures / total >= this.options.errorRate)
      this.open('error_rate');
  }

  /** The attempt ended without a verdict (the client went away, or a 429): free a probe slot, record nothing. */
  release(): void {
    if (this.advance() === 'half_open') this.freeProbe();
  }

  /**
   * A 429 / retry-after: no traffic for `ms` from now (a later cooling never shortens an earlier
   * one). Not a failure: pair it with release(), not onFailure(), for the attempt that got the 429.
   */
  coolDown(ms: number): void {
    if (!(ms > 0)) return;
    this.coolingUntil = Math.max(this.coolingUntil, this.now() + ms);
  }

  /**
   * When the breaker will next allow traffic (ms timestamp), or 0 if it does now. In half_open
   * with every probe slot taken it depends on the probes, not on time: it returns now().
   */
  retryAt(): number {
    if (this.isAvailable()) return 0;
    const now = this.now();
    const state = this.advance();
    const openUntil = state === 'open' ? this.openUntil : now;
    return Math.max(openUntil, this.cooling() ? this.coolingUntil : now);
  }

  snapshot(): BreakerSnapshot {
    const state = this.state;
    const underlying = this.advance();
    const { total, failures } = this.window.counts();
    const snap: BreakerSnapshot = {
      state,
      consecutiveFailures: this.failuresInARow,
      errorRate: total === 0 ? 0 : failures / total,
      requestsInWindow: total,
      probesInFlight: this.probesInFlight,
      cooldownMs: this.cooldown,
    };
    if (this.cooling()) {
      snap.reason = 'cooling';
      snap.coolingUntil = this.coolingUntil;
    } else if (underlying !== 'closed') snap.reason = this.openReason;
    if (underlying !== 'closed') snap.openedAt = this.openedAt;
    const retryAt = this.retryAt();
    if (retryAt !== 0) snap.retryAt = retryAt;
    return snap;
  }

  private cooling(): boolean {
    return this.coolingUntil > this.now();
  }

  /** the underlying state, moving open → half_open once the cooldown has passed */
  private advance(): BreakerState {
    if (this.current === 'open' && this.now() >= this.openUntil) {
      this.current = 'half_open';
      this.probesInFlight = 0;
      this.probeSuccesses = 0;
    }
    return this.current;
  }

  private open(reason: BreakerReason): void {
    this.current = 'open';
    this.openReason = reason;
    this.openedAt = this.now();
    this.openUntil = this.openedAt + this.cooldown;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
  }

  private close(): void {
    this.current = 'closed';
    this.openReason = undefined;
    this.cooldown = this.options.cooldownMs;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    this.failuresInARow = 0;
    // the failures that opened it are history now: do not let them reopen it on the next failure
    this.window.reset();
  }

  private freeProbe(): void {
    if (this.probesInFlight > 0) this.probesInFlight--;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
