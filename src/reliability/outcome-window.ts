// A rolling count of successes and failures over the last `windowMs`, kept in a fixed ring of
// time buckets so recording and reading are O(buckets) with no per-request allocation. The window
// slides a bucket at a time: it covers the current bucket and the `buckets - 1` before it.

export interface WindowCounts {
  total: number;
  failures: number;
}

export class OutcomeWindow {
  private readonly bucketMs: number;
  private readonly index: number[];
  private readonly ok: number[];
  private readonly failed: number[];

  constructor(
    readonly windowMs: number,
    readonly buckets = 10,
    private readonly now: () => number = Date.now,
  ) {
    if (!(windowMs > 0) || !Number.isFinite(windowMs))
      throw new RangeError(
        `outcome window: windowMs must be a positive number of milliseconds, got ${windowMs}`,
      );
    if (!Number.isInteger(buckets) || buckets < 1)
      throw new RangeError(`outcome window: buckets must be a positive integer, got ${buckets}`);
    this.bucketMs = windowMs / buckets;
    this.index = new Array(buckets).fill(Number.NEGATIVE_INFINITY);
    this.ok = new Array(buckets).fill(0);
    this.failed = new Array(buckets).fill(0);
  }

  record(ok: boolean): void {
    const idx = Math.floor(this.now() / this.bucketMs);
    const slot = ((idx % this.buckets) + this.buckets) % this.buckets;
    if (this.index[slot] !== idx) {
      this.index[slot] = idx;
      this.ok[slot] = 0;
      this.failed[slot] = 0;
    }
    if (ok) this.ok[slot]++;
    else this.failed[slot]++;
  }

  counts(): WindowCounts {
    const oldest = Math.floor(this.now() / this.bucketMs) - this.buckets + 1;
    let total = 0;
    let failures = 0;
    for (let i = 0; i < this.buckets; i++) {
      if (this.index[i] < oldest) continue;
      total += this.ok[i] + this.failed[i];
      failures += this.failed[i];
    }
    return { total, failures };
  }

  /** failures / total over the window; 0 when the window is empty */
  errorRate(): number {
    const { total, failures } = this.counts();
    return total === 0 ? 0 : failures / total;
  }

  reset(): void {
    this.index.fill(Number.NEGATIVE_INFINITY);
    this.ok.fill(0);
    this.failed.fill(0);
  }
}
