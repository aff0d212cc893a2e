// Routing: admins' policies per org, the decision behind every routed request (no prompt
// text), users' feedback on answers, and the per (task type, model) quality estimates that
// feedback builds. Same schema on SQLite and PostgreSQL.
import type { Kysely, Migration } from 'kysely';

// The migration builds the schema src/routing/routing-tables.ts describes, so it works untyped.
type AnyDb = Kysely<any>;

async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('routing_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** the policy (PolicySpec), JSON */
    .addColumn('spec', 'text', (c) => c.notNull())
    /** where it is the default: JSON list of {scope: org|team|project|key, id} */
    .addColumn('default_for', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('routing_policies_org_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('routing_decisions')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text')
    /** the key that made the request (virtual key id, `key:<name>`, `master`) */
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('task_type', 'text', (c) => c.notNull())
    .addColumn('chosen', 'text', (c) => c.notNull())
    /** the model that answered (a fallback when the chosen one failed); null when none did */
    .addColumn('served', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    /** candidates, scores, drops: JSON */
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('routing_decisions_org_idx')
    .on('routing_decisions')
    .columns(['org_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('routing_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('task_type', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    /** 0..1000 (a score of 0..1 in thousandths; thumbs up = 1000, down = 0) */
    .addColumn('score_milli', 'integer', (c) => c.notNull())
    .addColumn('thumbs', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('routing_quality_stats')
    .addColumn('task_type', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('score_sum_milli', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_quality_stats_pk', ['task_type', 'model'])
    .execute();
}

async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('routing_quality_stats').execute();
  await db.schema.dropTable('routing_feedback').execute();
  await db.schema.dropTable('routing_decisions').execute();
  await db.schema.dropTable('routing_policies').execute();
}

export const routing0004: Migration = { up, down };
