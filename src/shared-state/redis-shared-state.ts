// SharedState on Redis, for several gateway instances: every multi-key operation is one Lua
// script (redis-scripts.ts), so reservations, settlements and the expiry sweep are atomic across
// instances. Key layout, all under the configured prefix P:
//   P c:<counter>      counters (strings holding integers; window counters carry a PEXPIRE)
//   P res              hash: reservation id → JSON [[counter key, amount, keep], …]
//   P res:exp          sorted set: reservation id scored by its expiry (server ms)
//   P ev:q             list: queued usage events
//   P ev:claimed       sorted set: claimed batch id scored by its claim time (server ms)
//   P ev:b:<batch id>  list: the events of one claimed batch, until acknowledged
//   P ch:<channel>     pub/sub channels (on a second connection, made at the first subscribe)
// Standalone Redis (or one Cluster slot: put a hash tag in the prefix, e.g. `{sy}:`), because
// scripts touch keys they read from the reservation.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as scripts from './redis-scripts.js';
import type { ClaimedBatch, ReserveResult, SharedState, Take } from './shared-state.js';

export interface RedisSharedStateOptions {
  url: string;
  /** prefix of every key and channel (default `sy:`) */
  keyPrefix?: string;
  /** how often expired reservations are given back; 0 = no timer */
  sweepIntervalMs?: number;
  /** connection errors (Redis down, reconnecting); the client keeps retrying */
  onError?: (err: Error) => void;
}

type Script = (...args: (string | number)[]) => Promise<unknown>;
type Scripts = Record<keyof typeof scripts, Script>;

/** most reservations one sweep script gives back before yielding the server to other clients */
const SWEEP_CHUNK = 500;

export class RedisSharedState implements SharedState {
  readonly kind = 'redis' as const;
  readonly #redis: Redis;
  readonly #scripts: Scripts;
  readonly #prefix: string;
  readonly #resHash: string;
  readonly #resExp: string;
  readonly #queue: string;
  readonly #claimed: string;
  readonly #batchPrefix: string;
  readonly #onError: (err: Error) => void;
  #sub: Redis | undefined;
  /** per full channel name: its handlers and the SUBSCRIBE in flight or done */
  readonly #channels = new Map<
    string,
    { handlers: Set<(message: string) => void>; ready: Promise<unknown> }
  >();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  /** use openRedisSharedState (it waits for the connection) */
  constructor(opts: RedisSharedStateOptions) {
    this.#prefix = opts.keyPrefix ?? 'sy:';
    this.#resHash = `${this.#prefix}res`;
    this.#resExp = `${this.#prefix}res:exp`;
    this.#queue = `${this.#prefix}ev:q`;
    this.#claimed = `${this.#prefix}ev:claimed`;
    this.#batchPrefix = `${this.#prefix}ev:b:`;
    this.#onError = opts.onError ?? (() => {});
    this.#redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.#redis.on('error', this.#onError);
    const defined: Partial<Scripts> = {};
    for (const [name, lua] of Object.entries(scripts) as [keyof typeof scripts, string][]) {
      const command = `sy_${name.toLowerCase()}`;
      this.#redis.defineCommand(command, { lua });
      const fn = (this.#redis as unknown as Record<string, Script>)[command];
      defined[name] = fn.bind(this.#redis);
    }
    this.#scripts = defined as Scripts;
    const every = opts.sweepIntervalMs ?? 1_000;
    if (every > 0) {
      this.#timer = setInterval(() => {
        this.sweepExpired().catch((e: Error) => this.#onError(e));
      }, every);
      this.#timer.unref();
    }
  }

  async connect(): Promise<void> {
    await this.#redis.connect();
  }

  get keyPrefix(): string {
    return this.#prefix;
  }

  async reserve(id: string, takes: Take[], ttlMs: number): Promise<ReserveResult> {
    const keys = [this.#resHash, this.#resExp, ...takes.map((t) => this.#c(t.key))];
    const args: (string | number)[] = [id, int(ttlMs, 'ttlMs'), takes.length];
    for (const t of takes) {
      let limitIndex = 0;
      if (t.limitKey !== undefined) {
        keys.push(this.#c(t.limitKey));
        limitIndex = keys.length; // 1-based in Lua
      }
      args.push(
        int(t.amount, t.key),
        t.limit === undefined || t.limitKey !== undefined ? '' : int(t.limit, t.key),
        limitIndex,
        t.ttlMs === undefined ? '' : int(t.ttlMs, t.key),
        t.keep ? 1 : 0,
      );
    }
    const r = (await this.#scripts.RESERVE(keys.length, ...keys, ...args)) as number[];
    if (r[0] === 1) return { ok: true, values: r.slice(1) };
    const index = r[1];
    const refused: ReserveResult = { ok: false, index, key: takes[index].key, value: r[2], limit: r[3] };
    if (r[4] >= 0) refused.resetMs = r[4];
    return refused;
  }

  async settle(id: string, actual: Record<string, number>, event?: string): Promise<void> {
    const args: (string | number)[] = [id, event === undefined ? 0 : 1, event ?? ''];
    for (const [k, v] of Object.entries(actual)) args.push(this.#c(k), int(v, k));
    await this.#scripts.SETTLE(3, this.#resHash, this.#resExp, this.#queue, ...args);
  }

  async release(id: string): Promise<void> {
    await this.settle(id, {});
  }

  async sweepExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.#scripts.SWEEP(2, this.#resHash, this.#resExp, SWEEP_CHUNK)) as number;
      total += n;
      if (n < SWEEP_CHUNK) return total;
    }
  }

  async get(keys: string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const values = await this.#redis.mget(keys.map((k) => this.#c(k)));
    return values.map((v) => (v === null ? 0 : Number(v)));
  }

  async exists(keys: string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const r = (await this.#scripts.EXISTS_EACH(keys.length, ...keys.map((k) => this.#c(k)))) as number[];
    return r.map((v) => v === 1);
  }

  async seed(key: string, value: number, mode: 'nx' | 'max'): Promise<void> {
    await this.#scripts.SEED(1, this.#c(key), int(value, key), mode);
  }

  async add(
    key: string,
    delta: number,
    opts: { onlyIfExists?: boolean; ttlMs?: number } = {},
  ): Promise<void> {
    const ttl = opts.ttlMs === undefined ? '' : int(opts.ttlMs, key);
    await this.#scripts.ADD(1, this.#c(key), int(delta, key), opts.onlyIfExists ? 1 : 0, ttl);
  }

  async del(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.#redis.del(...keys.map((k) => this.#c(k)));
  }

  async enqueueEvents(events: string[]): Promise<void> {
    for (let i = 0; i < events.length; i += 1000)
      await this.#redis.rpush(this.#queue, ...events.slice(i, i + 1000));
  }

  async claimEvents(max: number, staleMs: number): Promise<ClaimedBatch | null> {
    const batchId = randomUUID();
    const events = (await this.#scripts.CLAIM(
      2,
      this.#queue,
      this.#claimed,
      this.#batchPrefix,
      int(max, 'max'),
      int(staleMs, 'staleMs'),
      batchId,
    )) as string[];
    return events.length === 0 ? null : { batchId, events };
  }

  async ackEvents(batchId: string): Promise<void> {
    await this.#scripts.ACK(2, this.#claimed, this.#batchPrefix + batchId, batchId);
  }

  async pendingEvents(): Promise<number> {
    return (await this.#scripts.PENDING(2, this.#queue, this.#claimed, this.#batchPrefix)) as number;
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#redis.publish(this.#ch(channel), message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    const sub = await this.#subscriber();
    const full = this.#ch(channel);
    let ch = this.#channels.get(full);
    if (!ch) {
      ch = { handlers: new Set(), ready: sub.subscribe(full) };
      this.#channels.set(full, ch);
    }
    const entry = (m: string) => handler(m);
    ch.handlers.add(entry);
    const subscribed = ch;
    await subscribed.ready;
    return async () => {
      subscribed.handlers.delete(entry);
      if (subscribed.handlers.size > 0 || this.#channels.get(full) !== subscribed) return;
      this.#channels.delete(full);
      if (!this.#closed) await sub.unsubscribe(full);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#channels.clear();
    await Promise.all([quit(this.#sub), quit(this.#redis)]);
  }

  async #subscriber(): Promise<Redis> {
    if (this.#sub) return this.#sub;
    const sub = this.#redis.duplicate({ lazyConnect: true });
    this.#sub = sub;
    sub.on('error', this.#onError);
    sub.on('message', (channel: string, message: string) => {
      const ch = this.#channels.get(channel);
      if (!ch) return;
      for (const h of [...ch.handlers]) {
        try {
          h(message);
        } catch (e) {
          this.#onError(e as Error);
        }
      }
    });
    await sub.connect();
    return sub;
  }

  #c(key: string): string {
    return `${this.#prefix}c:${key}`;
  }

  #ch(channel: string): string {
    return `${this.#prefix}ch:${channel}`;
  }
}

/** connects to Redis (failing fast when it does not answer) and returns the shared state */
export async function openRedisSharedState(opts: RedisSharedStateOptions): Promise<RedisSharedState> {
  let firstError: Error | undefined;
  const state = new RedisSharedState({
    ...opts,
    onError: (err) => {
      firstError ??= err;
      opts.onError?.(err);
    },
  });
  try {
    await state.connect();
  } catch (e) {
    await state.close();
    const why = firstError?.message ?? (e as Error).message;
    throw new Error(`Redis: cannot connect: ${why}`, { cause: firstError ?? e });
  }
  return state;
}

async function quit(r: Redis | undefined): Promise<void> {
  if (!r) return;
  if (r.status === 'ready') {
    try {
      await r.quit();
      return;
    } catch {
      // fall through to disconnect
    }
  }
  r.disconnect();
}

function int(n: number, what: string): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`shared state: ${what}: ${n} is not a safe integer`);
  return String(n);
}
