// Live health of one deployment, from its own traffic: requests in flight, an exponentially
// weighted moving average (EWMA) of whole-request latency and of time to first token, and the
// error rate over a rolling window (plus lifetime totals). Feeds the load balancer and /health.
import { OutcomeWindow } from './outcome-window.js';

export interface HealthStatsOptions {
  /** EWMA weight of a new sample, in (0, 1] (default 0.2) */
  alpha?: number;
  /** error-rate window in ms (default 60_000) */
  windowMs?: number;
}

export interface HealthSnapshot {
  inFlight: number;
  latencyEwmaMs: number | null;
  ttftEwmaMs: number | null;
  errorRate: number;
  requests: number;
  failures: number;
}

export class HealthStats {
  /** requests in flight, maintained by begin() / end() */
  inFlight = 0;
  readonly alpha: number;
  private readonly window: OutcomeWindow;
  private latency: number | undefined;
  private ttft: number | undefined;
  private requests = 0;
  private failures = 0;

  constructor(opts: HealthStatsOptions = {}, now: () => number = Date.now) {
    const alpha = opts.alpha ?? 0.2;
    if (!(alpha > 0 && alpha <= 1))
      throw new RangeError(`health stats: alpha must be in (0, 1], got ${alpha}`);
    this.alpha = alpha;
    this.window = new OutcomeWindow(opts.windowMs ?? 60_000, 10, now);
  }

  begin(): void {
    this.inFlight++;
  }

  end(): void {
    if (this.inFlight > 0) this.inFlight--;
  }

  /** whole-request latency of a successful attempt, ms (negative or non-finite samples are ignored) */
  recordLatency(ms: number): void {
    this.latency = this.blend(this.latency, ms);
  }

  /** time to first token / byte, ms (negative or non-finite samples are ignored) */
  recordTtft(ms: number): void {
    this.ttft = this.blend(this.ttft, ms);
  }

  recordOutcome(ok: boolean): void {
    this.window.record(ok);
    this.requests++;
    if (!ok) this.failures++;
  }

  get latencyEwma(): number | undefined {
    return this.latency;
  }

  get ttftEwma(): number | undefined {
    return this.ttft;
  }

  /** failures / outcomes over the window; 0 when it is empty */
  get errorRate(): number {
    return this.window.errorRate();
  }

  snapshot(): HealthSnapshot {
    return {
      inFlight: this.inFlight,
      latencyEwmaMs: this.latency ?? null,
      ttftEwmaMs: this.ttft ?? null,
      errorRate: this.errorRate,
      requests: this.requests,
      failures: this.failures,
    };
  }

  /** the first sample is the average; after that each new sample weighs `alpha` */
  private blend(avg: number | undefined, sample: number): number | undefined {
    if (!Number.isFinite(sample) || sample < 0) return avg;
    return avg === undefined ? sample : avg + this.alpha * (sample - avg);
  }
}
