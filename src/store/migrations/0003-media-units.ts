// Usage events of calls metered by the unit (images, audio seconds, characters, rerank queries)
// record how many units and of which kind; token columns stay as they are (0 when the provider
// reported none).
import type { Kysely, Migration } from 'kysely';

// The migration changes the schema the typed Database describes, so it works untyped.
type AnyDb = Kysely<any>;

async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('usage_events')
    .addColumn('units', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('usage_events').addColumn('unit_kind', 'text').execute();
}

async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('usage_events').dropColumn('unit_kind').execute();
  await db.schema.alterTable('usage_events').dropColumn('units').execute();
}

export const mediaUnits0003: Migration = { up, down };
