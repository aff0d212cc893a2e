// Stored Responses API answers (for `previous_response_id` and GET /v1/responses/{id}), kept only
// where data retention allows it, and a key-level retention opt-in. Items are JSON text; rows
// expire at `expires_at` (unreadable after it, then swept).
import type { Kysely, Migration } from 'kysely';

// The migration builds the schema the typed Database describes, so it works untyped.
type AnyDb = Kysely<any>;

async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('retention_days', 'integer').execute();
  await db.schema
    .createTable('responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // the org of a virtual key; null for config keys and the master key (owner = principal_id)
    .addColumn('org_id', 'text', (c) => c.references('orgs.id').onDelete('cascade'))
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responses_expires_idx').on('responses').column('expires_at').execute();
  await db.schema.createIndex('responses_org_idx').on('responses').column('org_id').execute();
}

async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('responses').execute();
  await db.schema.alterTable('api_keys').dropColumn('retention_days').execute();
}

export const responses0002: Migration = { up, down };
