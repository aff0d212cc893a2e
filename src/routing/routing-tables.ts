// The routing tables (migration store/migrations/0004-routing.ts), typed for Kysely. They are
// added to the governance database's type with `db.withTables<RoutingTables>()`.
import type { Kysely } from 'kysely';
import type { Database, Int8 } from '../store/tables.js';

export interface RoutingPoliciesTable {
  id: string;
  org_id: string;
  name: string;
  /** PolicySpec, JSON */
  spec: string;
  /** JSON list of PolicyTarget */
  default_for: string;
  created_at: Int8;
  updated_at: Int8;
}

export interface RoutingDecisionsTable {
  request_id: string;
  org_id: string | null;
  principal_id: string;
  policy: string;
  task_type: string;
  chosen: string;
  served: string | null;
  reason: string;
  detail: string;
  created_at: Int8;
}

export interface RoutingFeedbackTable {
  id: string;
  request_id: string;
  principal_id: string;
  org_id: string | null;
  task_type: string;
  model: string;
  score_milli: number;
  thumbs: string | null;
  comment: string | null;
  created_at: Int8;
}

export interface RoutingQualityStatsTable {
  task_type: string;
  model: string;
  n: Int8;
  score_sum_milli: Int8;
  updated_at: Int8;
}

export type RoutingTables = {
  routing_policies: RoutingPoliciesTable;
  routing_decisions: RoutingDecisionsTable;
  routing_feedback: RoutingFeedbackTable;
  routing_quality_stats: RoutingQualityStatsTable;
};

export type RoutingDb = Kysely<Database & RoutingTables>;

export const routingDb = (db: Kysely<Database>): RoutingDb => db.withTables<RoutingTables>();
