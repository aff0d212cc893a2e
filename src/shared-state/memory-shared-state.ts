// SharedState for one gateway instance: everything in this process's memory. Every operation is
// synchronous inside (so atomic by construction) behind the same Promise API as the Redis one.
// Not durable: queued usage events that were not stored yet are lost if the process dies.
import { randomUUID } from 'node:crypto';
import type { ClaimedBatch, ReserveResult, SharedState, Take } from './shared-state.js';

export interface MemorySharedStateOptions {
  /** the clock (tests pass a fake one); default Date.now */
  now?: () => number;
  /** how often expired reservations are given back and expired counters dropped; 0 = no timer */
  sweepIntervalMs?: number;
}

interface Counter {
  value: number;
  /** absolute ms; undefined = never */
  expiresAt?: number;
}

interface HeldTake {
  key: string;
  amount: number;
  keep: boolean;
}

interface Reservation {
  takes: HeldTake[];
  expiresAt: number;
}

interface Batch {
  events: string[];
  claimedAt: number;
}

export class MemorySharedState implements SharedState {
  readonly kind = 'memory' as const;
  readonly #now: () => number;
  readonly #counters = new Map<string, Counter>();
  readonly #reservations = new Map<string, Reservation>();
  #queue: string[] = [];
  readonly #batches = new Map<string, Batch>();
  readonly #subscribers = new Map<string, Set<(message: string) => void>>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(opts: MemorySharedStateOptions = {}) {
    this.#now = opts.now ?? Date.now;
    const every = opts.sweepIntervalMs ?? 1_000;
    if (every > 0) {
      this.#timer = setInterval(() => {
        this.#sweep();
        this.#dropExpiredCounters();
      }, every);
      this.#timer.unref();
    }
  }

  async reserve(id: string, takes: Take[], ttlMs: number): Promise<ReserveResult> {
    return this.#reserve(id, takes, ttlMs);
  }

  async settle(id: string, actual: Record<string, number>, event?: string): Promise<void> {
    this.#settle(id, actual);
    if (event !== undefined) this.#queue.push(event);
  }

  async release(id: string): Promise<void> {
    this.#settle(id, {});
  }

  async sweepExpired(): Promise<number> {
    return this.#sweep();
  }

  async get(keys: string[]): Promise<number[]> {
    return keys.map((k) => this.#live(k)?.value ?? 0);
  }

  async exists(keys: string[]): Promise<boolean[]> {
    return keys.map((k) => this.#live(k) !== undefined);
  }

  async seed(key: string, value: number, mode: 'nx' | 'max'): Promise<void> {
    assertInteger(value, key);
    const c = this.#live(key);
    if (!c) this.#counters.set(key, { value });
    else if (mode === 'max' && value > c.value) c.value = value;
  }

  async add(
    key: string,
    delta: number,
    opts: { onlyIfExists?: boolean; ttlMs?: number } = {},
  ): Promise<void> {
    assertInteger(delta, key);
    const c = this.#live(key);
    if (c) c.value += delta;
    else if (!opts.onlyIfExists) this.#create(key, delta, opts.ttlMs);
  }

  async del(keys: string[]): Promise<void> {
    for (const k of keys) this.#counters.delete(k);
  }

  async enqueueEvents(events: string[]): Promise<void> {
    for (const e of events) this.#queue.push(e);
  }

  async claimEvents(max: number, staleMs: number): Promise<ClaimedBatch | null> {
    const now = this.#now();
    for (const [id, b] of this.#batches) {
      if (now - b.claimedAt < staleMs) continue;
      this.#batches.delete(id);
      this.#queue = b.events.concat(this.#queue);
    }
    if (this.#queue.length === 0 || max < 1) return null;
    const events = this.#queue.splice(0, max);
    const batchId = randomUUID();
    this.#batches.set(batchId, { events, claimedAt: now });
    return { batchId, events };
  }

  async ackEvents(batchId: string): Promise<void> {
    this.#batches.delete(batchId);
  }

  async pendingEvents(): Promise<number> {
    let n = this.#queue.length;
    for (const b of this.#batches.values()) n += b.events.length;
    return n;
  }

  async publish(channel: string, message: string): Promise<void> {
    const handlers = this.#subscribers.get(channel);
    if (!handlers) return;
    // delivered later, like a message from Redis, never inside the publisher's call
    for (const h of [...handlers]) setImmediate(() => h(message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    const handlers = this.#subscribers.get(channel) ?? new Set();
    this.#subscribers.set(channel, handlers);
    // each subscription is its own entry, even for the same function
    const entry = (m: string) => handler(m);
    handlers.add(entry);
    return async () => {
      handlers.delete(entry);
      if (handlers.size === 0 && this.#subscribers.get(channel) === handlers)
        this.#subscribers.delete(channel);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#subscribers.clear();
  }

  #reserve(id: string, takes: Take[], ttlMs: number): ReserveResult {
    // first check every take against its cap, counting earlier takes of this same call
    const pending = new Map<string, number>();
    const current = (key: string) => (this.#live(key)?.value ?? 0) + (pending.get(key) ?? 0);
    for (const [index, t] of takes.entries()) {
      assertInteger(t.amount, t.key);
      const value = current(t.key);
      const limit = t.limitKey !== undefined ? current(t.limitKey) : t.limit;
      if (limit !== undefined && value + t.amount > limit) {
        const refused: ReserveResult = { ok: false, index, key: t.key, value, limit };
        if (t.ttlMs !== undefined) refused.resetMs = this.#resetMs(t.key, t.ttlMs);
        return refused;
      }
      pending.set(t.key, (pending.get(t.key) ?? 0) + t.amount);
    }
    // then take them all
    const values: number[] = [];
    for (const t of takes) {
      const c = this.#live(t.key);
      if (c) {
        c.value += t.amount;
        values.push(c.value);
      } else values.push(this.#create(t.key, t.amount, t.ttlMs).value);
    }
    const held = takes.map((t) => ({ key: t.key, amount: t.amount, keep: t.keep === true }));
    const expiresAt = this.#now() + ttlMs;
    const prior = this.#reservations.get(id);
    if (prior) {
      // a second reserve under one id adds to the reservation
      prior.takes.push(...held);
      prior.expiresAt = Math.max(prior.expiresAt, expiresAt);
    } else this.#reservations.set(id, { takes: held, expiresAt });
    return { ok: true, values };
  }

  /** correct each non-keep take from its reserved amount to the actual one; counters gone since are left gone */
  #settle(id: string, actual: Record<string, number>): boolean {
    const r = this.#reservations.get(id);
    if (!r) return false;
    this.#reservations.delete(id);
    const applied = new Set<string>();
    for (const t of r.takes) {
      if (t.keep) continue;
      let used = 0;
      if (!applied.has(t.key) && Object.hasOwn(actual, t.key)) {
        used = actual[t.key];
        assertInteger(used, t.key);
        applied.add(t.key);
      }
      const c = this.#live(t.key);
      if (c) c.value += used - t.amount;
    }
    return true;
  }

  #sweep(): number {
    const now = this.#now();
    let n = 0;
    for (const [id, r] of this.#reservations) {
      if (r.expiresAt > now) continue;
      this.#settle(id, {});
      n++;
    }
    return n;
  }

  #dropExpiredCounters(): void {
    const now = this.#now();
    for (const [k, c] of this.#counters)
      if (c.expiresAt !== undefined && c.expiresAt <= now) this.#counters.delete(k);
  }

  /** the counter, unless absent or past its expiry (then it is dropped) */
  #live(key: string): Counter | undefined {
    const c = this.#counters.get(key);
    if (c?.expiresAt !== undefined && c.expiresAt <= this.#now()) {
      this.#counters.delete(key);
      return undefined;
    }
    return c;
  }

  #create(key: string, value: number, ttlMs: number | undefined): Counter {
    const c: Counter = ttlMs !== undefined ? { value, expiresAt: this.#now() + ttlMs } : { value };
    this.#counters.set(key, c);
    return c;
  }

  #resetMs(key: string, ttlMs: number): number {
    const c = this.#live(key);
    return c?.expiresAt !== undefined ? c.expiresAt - this.#now() : ttlMs;
  }
}

function assertInteger(n: number, key: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`shared state: ${key}: ${n} is not a safe integer`);
}
