// What users said about routed answers: each feedback (a score 0..1, or thumbs) is stored once
// per request, and it moves the estimate of its (task type, model) pair. The estimates live in
// the database (routing_quality_stats), in memory on every instance for the request path, and
// are reloaded everywhere on a message when one instance records feedback.
import { sql } from 'kysely';
import { GatewayError } from '../canonical/index.js';
import type { SharedState } from '../shared-state/index.js';
import { newId } from '../store/index.js';
import type { RoutingDb } from './routing-tables.js';

export const QUALITY_CHANNEL = 'routing.quality';
/** how many feedbacks the model's own prediction counts as */
export const PRIOR_WEIGHT = 5;

export interface FeedbackInput {
  requestId: string;
  principalId: string;
  orgId: string | null;
  taskType: string;
  model: string;
  /** 0..1000 */
  scoreMilli: number;
  thumbs: 'up' | 'down' | null;
  comment: string | null;
}

interface Stat {
  n: number;
  sumMilli: number;
}

const pairKey = (taskType: string, model: string) => `${taskType}|${model}`;

/** the prediction moved toward what users said: a weighted mean with PRIOR_WEIGHT pseudo-feedbacks */
export function blendQuality(prior: number, stat: Stat | undefined): number {
  if (!stat || stat.n === 0) return prior;
  return (prior * PRIOR_WEIGHT + stat.sumMilli / 1000) / (PRIOR_WEIGHT + stat.n);
}

export class QualityFeedback {
  readonly #db: RoutingDb;
  readonly #shared: SharedState;
  #stats = new Map<string, Stat>();
  #unsubscribe?: () => Promise<void>;

  constructor(db: RoutingDb, shared: SharedState) {
    this.#db = db;
    this.#shared = shared;
  }

  async start(): Promise<void> {
    this.#unsubscribe ??= await this.#shared.subscribe(QUALITY_CHANNEL, (message) => {
      const i = message.indexOf('|');
      if (i < 0) return;
      this.#reload(message.slice(0, i), message.slice(i + 1)).catch(() => {
        // the next feedback on this pair reloads it
      });
    });
    const rows = await this.#db.selectFrom('routing_quality_stats').selectAll().execute();
    const stats = new Map<string, Stat>();
    for (const r of rows)
      stats.set(pairKey(r.task_type, r.model), { n: Number(r.n), sumMilli: Number(r.score_sum_milli) });
    this.#stats = stats;
  }

  async close(): Promise<void> {
    const u = this.#unsubscribe;
    this.#unsubscribe = undefined;
    if (u) await u();
  }

  /** the predicted quality of a model for a task type, moved by feedback */
  adjust(taskType: string, model: string, prior: number): number {
    return blendQuality(prior, this.#stats.get(pairKey(taskType, model)));
  }

  stat(taskType: string, model: string): Stat | undefined {
    return this.#stats.get(pairKey(taskType, model));
  }

  /** store one feedback (409 when the request already has one) and update its pair's estimate */
  async record(f: FeedbackInput): Promise<{ id: string }> {
    const id = newId('fb');
    const now = Date.now();
    await this.#db.transaction().execute(async (tx) => {
      const existing = await tx
        .selectFrom('routing_feedback')
        .select('id')
        .where('request_id', '=', f.requestId)
        .executeTakeFirst();
      if (existing)
        throw new GatewayError('invalid_request', `Request ${f.requestId} already has feedback`, {
          status: 409,
          code: 'conflict',
          param: 'request_id',
        });
      await tx
        .insertInto('routing_feedback')
        .values({
          id,
          request_id: f.requestId,
          principal_id: f.principalId,
          org_id: f.orgId,
          task_type: f.taskType,
          model: f.model,
          score_milli: f.scoreMilli,
          thumbs: f.thumbs,
          comment: f.comment,
          created_at: now,
        })
        .execute();
      await tx
        .insertInto('routing_quality_stats')
        .values({
          task_type: f.taskType,
          model: f.model,
          n: 1,
          score_sum_milli: f.scoreMilli,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['task_type', 'model']).doUpdateSet({
            n: sql`routing_quality_stats.n + 1`,
            score_sum_milli: sql`routing_quality_stats.score_sum_milli + ${f.scoreMilli}`,
            updated_at: now,
          }),
        )
        .execute();
    });
    await this.#reload(f.taskType, f.model);
    await this.#shared.publish(QUALITY_CHANNEL, pairKey(f.taskType, f.model));
    return { id };
  }

  async #reload(taskType: string, model: string): Promise<void> {
    const r = await this.#db
      .selectFrom('routing_quality_stats')
      .selectAll()
      .where('task_type', '=', taskType)
      .where('model', '=', model)
      .executeTakeFirst();
    if (r) this.#stats.set(pairKey(taskType, model), { n: Number(r.n), sumMilli: Number(r.score_sum_milli) });
  }
}
