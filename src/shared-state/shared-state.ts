// What several gateway instances share at request time: counters (rate-limit windows,
// concurrency, budget spend, credit use), reservations against them that expire by themselves,
// a durable queue of usage events, and invalidation messages. Two implementations with the
// same semantics: in-process (one instance, the embedded default) and Redis (REDIS_URL), where
// every multi-counter operation is one Lua script, so it is atomic across instances.

/** One counter a request takes from. All amounts are integers. */
export interface Take {
  /** counter key, e.g. `rpm:key:key_123:29381920` */
  key: string;
  amount: number;
  /** the reservation fails when counter + amount would exceed this; undefined = no cap (count only) */
  limit?: number;
  /** the cap is the current value of this other counter (credits: total credited) instead of `limit` */
  limitKey?: string;
  /** the counter expires this long after it is first created (fixed rate windows); undefined = never */
  ttlMs?: number;
  /** settling leaves this take as it is (a request counted in its minute stays counted) */
  keep?: boolean;
}

export type ReserveResult =
  | { ok: true /** each counter's value after the take, in the order of the takes */; values: number[] }
  | {
      ok: false;
      /** index of the first take that did not fit */
      index: number;
      key: string;
      /** its value and cap at that moment */
      value: number;
      limit: number;
      /** for windows (ttlMs): milliseconds until the counter expires */
      resetMs?: number;
    };

export interface ClaimedBatch {
  /** pass back to ackEvents once the events are stored */
  batchId: string;
  events: string[];
}

export interface SharedState {
  readonly kind: 'memory' | 'redis';
  /**
   * All or nothing: when every take fits under its cap, add every amount and remember the
   * reservation under `id` until `ttlMs` from now; otherwise change nothing.
   */
  reserve(id: string, takes: Take[], ttlMs: number): Promise<ReserveResult>;
  /**
   * The request is over: each take not marked `keep` is corrected from its reserved amount to
   * `actual[key]` (0 when absent: concurrency slots, unused reservations). When `event` is
   * given it joins the usage-event queue in the same atomic step. Unknown or expired ids are
   * ignored (the sweep already gave the reservation back) except that the event is still queued.
   */
  settle(id: string, actual: Record<string, number>, event?: string): Promise<void>;
  /** give every non-`keep` take of a reservation back (settle with nothing used) */
  release(id: string): Promise<void>;
  /** give back every reservation past its expiry (runs on a timer too); returns how many */
  sweepExpired(): Promise<number>;

  /** current values (0 for absent counters) */
  get(keys: string[]): Promise<number[]>;
  /** whether these counters exist (seeded) */
  exists(keys: string[]): Promise<boolean[]>;
  /**
   * Set a counter from the database. 'nx': only when absent. 'max': to the larger of the two
   * (for counters that only grow, such as total credited).
   */
  seed(key: string, value: number, mode: 'nx' | 'max'): Promise<void>;
  /** add to a counter; with onlyIfExists, an absent counter stays absent (it will be seeded) */
  add(key: string, delta: number, opts?: { onlyIfExists?: boolean; ttlMs?: number }): Promise<void>;
  /** forget counters (tests, reconciliation) */
  del(keys: string[]): Promise<void>;

  /** queue usage events (JSON text) durably */
  enqueueEvents(events: string[]): Promise<void>;
  /**
   * Take up to `max` queued events for storing. Batches claimed but not acknowledged within
   * `staleMs` (their instance died) are handed out again: storing must be idempotent.
   */
  claimEvents(max: number, staleMs: number): Promise<ClaimedBatch | null>;
  ackEvents(batchId: string): Promise<void>;
  /** events queued and not yet acknowledged */
  pendingEvents(): Promise<number>;

  publish(channel: string, message: string): Promise<void>;
  /** returns an unsubscribe function */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;

  close(): Promise<void>;
}
