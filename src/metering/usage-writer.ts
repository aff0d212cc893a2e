// Stores queued usage events in batches, off the request path. Each batch is one transaction:
// the usage_events rows (ON CONFLICT (id) DO NOTHING) and their 'charge' ledger entries (ON
// CONFLICT DO NOTHING: the unique (request_id, kind) index makes a request charged once), then
// the batch is acknowledged in SharedState. A crash or a failed write before the acknowledgement
// leaves the batch claimed; after `staleMs` any instance claims it again and stores it again,
// which changes nothing for what was already stored: never lost, never doubled.
//
// Storing a charge does not move the live credit counters: the request's settlement already
// moved the out counter by the charge (billing/credit-accounts.ts).
//
// An event that can never be stored (malformed JSON, a row the database refuses while others
// of its batch are accepted) is reported through `onDropped` with its full text and skipped, so
// one bad event cannot hold back the rest of its batch forever.
import type { Kysely, Transaction } from 'kysely';
import type { SharedState } from '../shared-state/shared-state.js';
import { newId } from '../store/ids.js';
import type { Database } from '../store/tables.js';
import { parseUsageEvent, type UsageEvent, usageRowColumns } from './usage-event.js';

export interface UsageWriterOptions {
  /** how often the queue is drained (ms) */
  flushIntervalMs: number;
  /** events per claimed batch (and per transaction) */
  batchSize: number;
  /** a batch claimed this long ago and not acknowledged is handed out again (ms) */
  staleMs: number;
  /** an event that cannot be stored, with why */
  onDropped?: (eventText: string, error: unknown) => void;
  /** a flush on the timer failed (the batch stays queued) */
  onError?: (error: unknown) => void;
}

/** rows per INSERT statement (≈ 31 parameters each, far below both engines' limits) */
const ROWS_PER_STATEMENT = 200;

export class UsageWriter {
  readonly #db: Kysely<Database>;
  readonly #shared: SharedState;
  readonly #opts: UsageWriterOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #closed = false;

  constructor(db: Kysely<Database>, shared: SharedState, opts: UsageWriterOptions) {
    if (!(opts.batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
    this.#db = db;
    this.#shared = shared;
    this.#opts = opts;
  }

  /** drain the queue every flushIntervalMs */
  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.flush().catch((e) => this.#opts.onError?.(e));
    }, this.#opts.flushIntervalMs);
    this.#timer.unref();
  }

  /**
   * Store everything queued now (batch after batch while batches come back full); returns how
   * many events were stored. Calls made while a flush runs wait for it and then flush again.
   */
  flush(): Promise<number> {
    const previous = this.#running ?? Promise.resolve(0);
    const run: Promise<number> = previous
      .catch(() => 0)
      .then(() => this.#drain())
      .finally(() => {
        if (this.#running === run) this.#running = undefined;
      });
    this.#running = run;
    return run;
  }

  /** stop the timer and store what is queued */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  async #drain(): Promise<number> {
    let stored = 0;
    for (;;) {
      const batch = await this.#shared.claimEvents(this.#opts.batchSize, this.#opts.staleMs);
      if (!batch) return stored;
      stored += await this.#store(batch.events);
      await this.#shared.ackEvents(batch.batchId);
      if (batch.events.length < this.#opts.batchSize) return stored;
    }
  }

  /** stores one claimed batch; throws (leaving it queued) when the database is unavailable */
  async #store(texts: string[]): Promise<number> {
    const events: UsageEvent[] = [];
    for (const t of texts) {
      try {
        events.push(parseUsageEvent(t));
      } catch (e) {
        this.#opts.onDropped?.(t, e);
      }
    }
    if (events.length === 0) return 0;
    try {
      await this.#db.transaction().execute((trx) => insertEvents(trx, events));
      return events.length;
    } catch (batchError) {
      // find out whether the database is down (every event fails: keep the batch queued) or
      // some events are bad (store the others, report those)
      const failed: { event: UsageEvent; error: unknown }[] = [];
      for (const event of events) {
        try {
          await this.#db.transaction().execute((trx) => insertEvents(trx, [event]));
        } catch (error) {
          failed.push({ event, error });
        }
      }
      if (failed.length === events.length) throw batchError;
      for (const f of failed) this.#opts.onDropped?.(JSON.stringify(f.event), f.error);
      return events.length - failed.length;
    }
  }
}

async function insertEvents(trx: Transaction<Database>, events: UsageEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
    const chunk = events.slice(i, i + ROWS_PER_STATEMENT);
    await trx
      .insertInto('usage_events')
      .values(chunk.map((e) => usageRowColumns(e.row)))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const charges = chunk.filter((e) => e.charge && e.charge.amountNanos > 0);
    if (charges.length === 0) continue;
    await trx
      .insertInto('ledger_entries')
      .values(
        charges.map((e) => ({
          id: newId('led'),
          org_id: e.charge!.orgId,
          account_scope: e.charge!.accountScope,
          account_id: e.charge!.accountId,
          kind: 'charge' as const,
          amount_nanos: -e.charge!.amountNanos,
          request_id: e.row.id,
          transfer_id: null,
          note: null,
          actor: 'system',
          created_at: e.row.ts,
        })),
      )
      // a request already charged (a batch stored twice) is left as it is
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
