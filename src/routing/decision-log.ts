// The decisions of routed requests, stored off the request path: the router queues each one in
// memory and a timer writes them in batches (one INSERT per batch), once the request is over
// (so the row names the model that actually answered) or after a while at the latest. A read by
// request id looks at the queue first. Never holds prompt text.
import type { CallOutcome } from '../gateway/call-context.js';
import type { RoutingDb } from './routing-tables.js';

export interface DecisionRecord {
  requestId: string;
  orgId: string | null;
  principalId: string;
  policy: string;
  taskType: string;
  chosen: string;
  reason: string;
  /** the full decision (JSON-able) */
  detail: Record<string, unknown>;
  createdAt: number;
}

export interface StoredDecision extends DecisionRecord {
  served: string | null;
}

interface Pending {
  record: DecisionRecord;
  outcome: CallOutcome;
}

export interface DecisionLogOptions {
  flushIntervalMs?: number;
  /** a request still running after this long is written without its answering model */
  maxWaitMs?: number;
  /** most decisions held when the database is unreachable (the oldest are dropped beyond) */
  maxPending?: number;
  onError?: (e: unknown) => void;
}

const served = (o: CallOutcome): string | null =>
  o.status !== undefined && o.status < 400 && o.modelId ? o.modelId : null;

export class DecisionLog {
  readonly #db: RoutingDb;
  readonly #opts: Required<Omit<DecisionLogOptions, 'onError'>> & Pick<DecisionLogOptions, 'onError'>;
  #pending: Pending[] = [];
  #timer?: NodeJS.Timeout;
  #flushing?: Promise<void>;

  constructor(db: RoutingDb, opts: DecisionLogOptions = {}) {
    this.#db = db;
    this.#opts = {
      flushIntervalMs: opts.flushIntervalMs ?? 250,
      maxWaitMs: opts.maxWaitMs ?? 600_000,
      maxPending: opts.maxPending ?? 50_000,
      onError: opts.onError,
    };
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      this.flush().catch((e) => this.#opts.onError?.(e));
    }, this.#opts.flushIntervalMs);
    this.#timer.unref();
  }

  /** queue a decision (synchronous, no I/O) */
  add(record: DecisionRecord, outcome: CallOutcome): void {
    this.#pending.push({ record, outcome });
    if (this.#pending.length > this.#opts.maxPending) this.#pending.shift();
  }

  /** write every finished (or long-waiting) decision; `all` writes the rest too */
  flush(all = false): Promise<void> {
    this.#flushing ??= this.#write(all).finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #write(all: boolean): Promise<void> {
    const now = Date.now();
    const ready: Pending[] = [];
    const waiting: Pending[] = [];
    for (const p of this.#pending) {
      if (all || p.outcome.status !== undefined || now - p.record.createdAt > this.#opts.maxWaitMs)
        ready.push(p);
      else waiting.push(p);
    }
    if (ready.length === 0) return;
    this.#pending = waiting;
    try {
      for (let i = 0; i < ready.length; i += 200) {
        const rows = ready.slice(i, i + 200).map(({ record: r, outcome }) => ({
          request_id: r.requestId,
          org_id: r.orgId,
          principal_id: r.principalId,
          policy: r.policy,
          task_type: r.taskType,
          chosen: r.chosen,
          served: served(outcome),
          reason: r.reason,
          detail: JSON.stringify({ ...r.detail, served: served(outcome) }),
          created_at: r.createdAt,
        }));
        await this.#db
          .insertInto('routing_decisions')
          .values(rows)
          .onConflict((oc) => oc.column('request_id').doNothing())
          .execute();
      }
    } catch (e) {
      // keep them for the next try
      this.#pending = [...ready, ...this.#pending];
      throw e;
    }
  }

  /** the decision of a request, queued or stored */
  async find(requestId: string): Promise<StoredDecision | undefined> {
    const p = this.#pending.find((x) => x.record.requestId === requestId);
    if (p) return { ...p.record, served: served(p.outcome) };
    const r = await this.#db
      .selectFrom('routing_decisions')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      requestId: r.request_id,
      orgId: r.org_id,
      principalId: r.principal_id,
      policy: r.policy,
      taskType: r.task_type,
      chosen: r.chosen,
      served: r.served,
      reason: r.reason,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      createdAt: Number(r.created_at),
    };
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#flushing?.catch(() => undefined);
    await this.flush(true).catch((e) => this.#opts.onError?.(e));
  }
}
