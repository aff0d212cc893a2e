// The first schema: every table of store/tables.ts, the same on SQLite and PostgreSQL.
// Portable choices: `bigint` is BIGINT on PostgreSQL and has INTEGER affinity (64-bit) on SQLite;
// `text` and `integer` mean the same on both; uniqueness that must treat NULL as a value
// (a membership's team_id) is two partial unique indexes, which both engines support.
import { type Kysely, type Migration, sql } from 'kysely';

// The migration builds the schema the typed Database describes, so it works untyped.
type AnyDb = Kysely<any>;

async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('retention_days', 'integer')
    .addColumn('byok_fee_bps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('discount_bps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prepaid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_org_idx').on('teams').column('org_id').execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('projects_org_idx').on('projects').column('org_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('service_account', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superadmin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // one local user per SSO identity (both columns set; NULLs are distinct on both engines)
  await db.schema
    .createIndex('users_oidc_uq')
    .on('users')
    .columns(['oidc_issuer', 'oidc_subject'])
    .unique()
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // one org-level membership per (user, org) and one per (user, org, team): NULL team_id must
  // count as a value, which a plain UNIQUE does not do on either engine
  await db.schema
    .createIndex('memberships_org_uq')
    .on('memberships')
    .columns(['user_id', 'org_id'])
    .unique()
    .where(sql.ref('team_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('memberships_team_uq')
    .on('memberships')
    .columns(['user_id', 'org_id', 'team_id'])
    .unique()
    .where(sql.ref('team_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('memberships_org_idx').on('memberships').column('org_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('oidc_states')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oidc_states_created_idx').on('oidc_states').column('created_at').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('models', 'text')
    .addColumn('providers', 'text')
    .addColumn('endpoints', 'text')
    .addColumn('ip_allowlist', 'text')
    .addColumn('tags', 'text')
    .addColumn('metadata', 'text')
    .addColumn('rpm_limit', 'integer')
    .addColumn('tpm_limit', 'integer')
    .addColumn('max_concurrency', 'integer')
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('rotated_from', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_keys_org_idx').on('api_keys').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('api_keys_team_idx').on('api_keys').column('team_id').execute();
  await db.schema.createIndex('api_keys_project_idx').on('api_keys').column('project_id').execute();
  await db.schema.createIndex('api_keys_user_idx').on('api_keys').column('user_id').execute();

  await db.schema
    .createTable('provider_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('iv', 'text', (c) => c.notNull())
    .addColumn('auth_tag', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('provider_credentials_org_provider_uq', ['org_id', 'provider'])
    .execute();

  await db.schema
    .createTable('price_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.references('orgs.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_per_mtok_micros', 'bigint')
    .addColumn('output_per_mtok_micros', 'bigint')
    .addColumn('cache_read_per_mtok_micros', 'bigint')
    .addColumn('cache_write_per_mtok_micros', 'bigint')
    .addColumn('reasoning_per_mtok_micros', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('price_overrides_org_model_idx')
    .on('price_overrides')
    .columns(['org_id', 'model'])
    .execute();

  // append-only money: no cascade, an org with ledger entries cannot be deleted
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('account_scope', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_nanos', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('transfer_id', 'text')
    .addColumn('note', 'text')
    .addColumn('actor', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // a request is charged (or refunded) once: the partial index says so explicitly on both engines,
  // and entries without a request (top-ups, grants, allocations) are never constrained
  await db.schema
    .createIndex('ledger_request_uq')
    .on('ledger_entries')
    .columns(['request_id', 'kind'])
    .unique()
    .where(sql.ref('request_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('ledger_account_idx')
    .on('ledger_entries')
    .columns(['account_scope', 'account_id'])
    .execute();
  await db.schema
    .createIndex('ledger_org_created_idx')
    .on('ledger_entries')
    .columns(['org_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('redemption_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('amount_nanos', 'bigint', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('expires_at', 'bigint')
    .addColumn('redeemed_at', 'bigint')
    .addColumn('redeemed_by_org', 'text', (c) => c.references('orgs.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('budgets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('limit_nanos', 'bigint', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('alert_pct', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budgets_scope_idx').on('budgets').columns(['scope', 'scope_id']).execute();
  await db.schema.createIndex('budgets_org_idx').on('budgets').column('org_id').execute();

  await db.schema
    .createTable('budget_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('budget_id', 'text', (c) => c.notNull().references('budgets.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('spent_nanos', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // an alert fires once per budget, period and kind, however many instances notice it
    .addUniqueConstraint('budget_alerts_once_uq', ['budget_id', 'period_key', 'kind'])
    .execute();
  await db.schema
    .createIndex('budget_alerts_org_idx')
    .on('budget_alerts')
    .columns(['org_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('rpm_limit', 'integer')
    .addColumn('tpm_limit', 'integer')
    .addColumn('max_concurrency', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('rate_limits_scope_uq', ['scope', 'scope_id'])
    .execute();
  await db.schema.createIndex('rate_limits_org_idx').on('rate_limits').column('org_id').execute();

  // no foreign keys: written in batches off the request path, and kept after keys/orgs go away
  await db.schema
    .createTable('usage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('project_id', 'text')
    .addColumn('key_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('requested_model', 'text')
    .addColumn('model', 'text')
    .addColumn('provider', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('stream', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('input_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_read_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_write_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reasoning_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('estimated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_nanos', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('charged_nanos', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('byok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('latency_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ttft_ms', 'integer')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('client_aborted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('routing', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('usage_org_ts_idx').on('usage_events').columns(['org_id', 'ts']).execute();
  await db.schema.createIndex('usage_key_ts_idx').on('usage_events').columns(['key_id', 'ts']).execute();
  await db.schema.createIndex('usage_team_ts_idx').on('usage_events').columns(['team_id', 'ts']).execute();
  await db.schema
    .createIndex('usage_project_ts_idx')
    .on('usage_events')
    .columns(['project_id', 'ts'])
    .execute();
  await db.schema.createIndex('usage_user_ts_idx').on('usage_events').columns(['user_id', 'ts']).execute();
  await db.schema.createIndex('usage_ts_idx').on('usage_events').column('ts').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_org_ts_idx').on('audit_log').columns(['org_id', 'ts']).execute();
  await db.schema.createIndex('audit_ts_idx').on('audit_log').column('ts').execute();
}

const TABLES = [
  'audit_log',
  'usage_events',
  'rate_limits',
  'budget_alerts',
  'budgets',
  'redemption_codes',
  'ledger_entries',
  'price_overrides',
  'provider_credentials',
  'api_keys',
  'oidc_states',
  'sessions',
  'memberships',
  'users',
  'projects',
  'teams',
  'orgs',
];

async function down(db: AnyDb): Promise<void> {
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}

export const governance0001: Migration = { up, down };
