// The governance database: one schema for the embedded SQLite file and for PostgreSQL.
// Conventions, the same on both engines:
//   - ids are text with a type prefix (`org_…`, `team_…`, `key_…`), made by store/ids.ts
//   - times are integer milliseconds since the epoch (BIGINT), never engine-specific types
//   - money is integer nano-USD (1e-9 USD, BIGINT; see billing/money.ts): exact, no floats
//   - booleans are integers 0/1; lists and objects are JSON text
// Kysely reads BIGINT columns as number on SQLite and as string on PostgreSQL (pg's default):
// `Int8` is that column type, and store/numbers.ts turns it into a number or bigint.
import type { ColumnType, Generated } from 'kysely';

/** a BIGINT column: written as number/bigint, read as number (SQLite) or string (pg) */
export type Int8 = ColumnType<number | string | bigint, number | bigint, number | bigint>;
/** a nullable BIGINT column */
export type Int8Null = ColumnType<
  number | string | bigint | null,
  number | bigint | null | undefined,
  number | bigint | null
>;

export type OrgRole = 'owner' | 'admin' | 'member' | 'billing' | 'viewer';

export interface OrgsTable {
  id: string;
  name: string;
  /** unique, url-safe */
  slug: string;
  /** opt-in retention of prompts/completions in days; null = zero data retention (the default) */
  retention_days: number | null;
  /** BYOK traffic fee in basis points of list price (0 = metered, not charged) */
  byok_fee_bps: number;
  /** discount on list prices for this org, basis points (1000 = 10 % off) */
  discount_bps: number;
  /** 1 = calls spend prepaid credits and stop when they run out; 0 = metered only (invoiced elsewhere) */
  prepaid: number;
  created_at: Int8;
}

export interface TeamsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: Int8;
}

export interface ProjectsTable {
  id: string;
  org_id: string;
  team_id: string | null;
  name: string;
  created_at: Int8;
}

export interface UsersTable {
  id: string;
  /** lower-cased; unique */
  email: string;
  name: string;
  /** argon2id hash; null for SSO-only users and service accounts */
  password_hash: string | null;
  /** 1 = a service account (no password, no SSO; acts through its keys) */
  service_account: number;
  /** 1 = instance administrator: every org, every action (the CLI's first user) */
  superadmin: number;
  disabled: number;
  /** OIDC issuer + subject of the SSO identity, when linked */
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: Int8;
}

/** a user's role in an org (team_id null) or in one team of it */
export interface MembershipsTable {
  id: string;
  user_id: string;
  org_id: string;
  team_id: string | null;
  role: OrgRole;
  /** 'manual' or 'sso' (SSO-managed memberships are replaced at each sign-in) */
  source: string;
  created_at: Int8;
}

/** signed-in admin sessions (local password or SSO); the token is shown once, stored hashed */
export interface SessionsTable {
  id: string;
  user_id: string;
  /** sha256 hex of the session token */
  token_hash: string;
  created_at: Int8;
  expires_at: Int8;
  ip: string | null;
  user_agent: string | null;
}

/** OIDC authorization-code flows in progress (state → PKCE verifier), short-lived */
export interface OidcStatesTable {
  state: string;
  code_verifier: string;
  nonce: string;
  /** where to send the browser after sign-in (optional) */
  return_to: string | null;
  created_at: Int8;
}

/** virtual API keys: shown once, stored as sha256 digests */
export interface ApiKeysTable {
  id: string;
  org_id: string;
  team_id: string | null;
  project_id: string | null;
  /** the owning user (or service account); null when owned by a project */
  user_id: string | null;
  name: string;
  /** first characters of the key, for display (`sk-sy-Ab12…`) */
  prefix: string;
  /** sha256 hex of the whole key; unique */
  key_hash: string;
  /** JSON string[] of model patterns (`openai/*`, `sim/fast`); null = every model */
  models: string | null;
  /** JSON string[] of provider ids; null = every provider */
  providers: string | null;
  /** JSON string[] of endpoints (`chat.completions`, `messages`, `embeddings`, …); null = all */
  endpoints: string | null;
  /** JSON string[] of IPs / CIDRs; null = any address */
  ip_allowlist: string | null;
  /** JSON string[] */
  tags: string | null;
  /** JSON object of free metadata */
  metadata: string | null;
  /** per-key limits; null = none */
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_concurrency: number | null;
  expires_at: Int8Null;
  revoked_at: Int8Null;
  /** the key this one replaced by rotation; the old one keeps working until its expires_at */
  rotated_from: string | null;
  created_by: string | null;
  created_at: Int8;
  last_used_at: Int8Null;
  /** opt-in retention of stored Responses answers in days (overrides the org's); null = the org's */
  retention_days: ColumnType<number | null, number | null | undefined, number | null>;
}

/** BYOK: an org's own provider credentials, AES-256-GCM encrypted under the master encryption key */
export interface ProviderCredentialsTable {
  id: string;
  org_id: string;
  /** provider id (`openai`, `anthropic`, …) */
  provider: string;
  /** base64 of ciphertext, 12-byte IV and 16-byte tag */
  ciphertext: string;
  iv: string;
  auth_tag: string;
  /** which encryption key sealed it (for rotation) */
  key_id: string;
  /** last 4 characters, for display */
  hint: string;
  created_by: string | null;
  created_at: Int8;
  updated_at: Int8;
}

/** org- or instance-level price overrides (org_id null = every org), per model pattern */
export interface PriceOverridesTable {
  id: string;
  org_id: string | null;
  /** exact model id or a pattern with `*` */
  model: string;
  /** micro-USD per million tokens (= pico-USD per token); null = keep the catalog's */
  input_per_mtok_micros: Int8Null;
  output_per_mtok_micros: Int8Null;
  cache_read_per_mtok_micros: Int8Null;
  cache_write_per_mtok_micros: Int8Null;
  reasoning_per_mtok_micros: Int8Null;
  created_at: Int8;
}

export type CreditAccountScope = 'org' | 'team' | 'key';
export type LedgerKind = 'topup' | 'grant' | 'redemption' | 'charge' | 'refund' | 'adjustment' | 'allocation';

/**
 * The credit ledger: append-only. A balance is the sum of its account's entries. Credits are
 * positive, charges negative. An allocation moves credit from the org to a team or key: two
 * entries (−x on the source, +x on the destination) sharing `transfer_id`.
 */
export interface LedgerEntriesTable {
  id: string;
  org_id: string;
  account_scope: CreditAccountScope;
  /** the org, team or key id */
  account_id: string;
  kind: LedgerKind;
  amount_nanos: Int8;
  /** for charges: the request id (unique with kind: a request is charged once) */
  request_id: string | null;
  transfer_id: string | null;
  note: string | null;
  /** who did it (`user:…`, `master`, `cli`, `system`) */
  actor: string | null;
  created_at: Int8;
}

export interface RedemptionCodesTable {
  id: string;
  /** sha256 hex of the code */
  code_hash: string;
  amount_nanos: Int8;
  /** restricted to one org; null = any org */
  org_id: string | null;
  expires_at: Int8Null;
  redeemed_at: Int8Null;
  redeemed_by_org: string | null;
  created_by: string | null;
  created_at: Int8;
}

export type BudgetScope = 'org' | 'team' | 'project' | 'key';
export type BudgetPeriod = 'day' | 'week' | 'month' | 'total';

export interface BudgetsTable {
  id: string;
  org_id: string;
  scope: BudgetScope;
  scope_id: string;
  period: BudgetPeriod;
  limit_nanos: Int8;
  /** 'hard' blocks once spent; 'soft' only alerts */
  mode: 'hard' | 'soft';
  /** alert when spend crosses this share of the limit (percent, e.g. 80) */
  alert_pct: number | null;
  created_at: Int8;
}

export interface BudgetAlertsTable {
  id: string;
  budget_id: string;
  org_id: string;
  /** the period bucket the alert is about (`2026-11-21`, `2026-W47`, `2026-11`, `total`) */
  period_key: string;
  /** 'threshold' or 'exceeded' */
  kind: string;
  spent_nanos: Int8;
  created_at: Int8;
}

export type LimitScope = 'org' | 'team' | 'key';

/** rate limits for orgs and teams (keys carry theirs on the key row) */
export interface RateLimitsTable {
  id: string;
  org_id: string;
  scope: LimitScope;
  scope_id: string;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_concurrency: number | null;
  created_at: Int8;
}

/** one row per metered request, written in batches off the request path */
export interface UsageEventsTable {
  /** the request id */
  id: string;
  ts: Int8;
  org_id: string | null;
  team_id: string | null;
  project_id: string | null;
  key_id: string | null;
  user_id: string | null;
  endpoint: string;
  requested_model: string | null;
  model: string | null;
  provider: string | null;
  status: number;
  stream: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  /** 1 when counted by the gateway's tokenizer because the provider reported none */
  estimated: number;
  /** list-price cost of the call */
  cost_nanos: Int8;
  /** what was taken from credits (0 for failures, BYOK without fee, master/config keys) */
  charged_nanos: Int8;
  byok: number;
  latency_ms: number;
  ttft_ms: number | null;
  attempts: number;
  client_aborted: number;
  /** JSON: the routing decision, when a router made one */
  routing: string | null;
  error: string | null;
  /** calls metered by the unit: how many (0 otherwise; seconds are whole, rounded to the nearest) */
  units: Generated<number>;
  /** 'image' | 'second' | 'character' | 'query'; null for token-metered calls */
  unit_kind: string | null;
}

export interface AuditLogTable {
  id: string;
  ts: Int8;
  /** `user:<id>`, `key:<id>`, `master`, `cli` */
  actor: string;
  org_id: string | null;
  /** `keys.create`, `orgs.update`, `credits.topup`, … */
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON snapshots, secrets removed */
  before: string | null;
  after: string | null;
}

/** a Responses API answer kept for previous_response_id / GET /v1/responses/{id} (migration 0002) */
export interface ResponsesTable {
  id: string;
  /** the org of the virtual key that made it; null for config keys and the master key */
  org_id: string | null;
  principal_id: string;
  provider: string;
  model: string;
  mode: string;
  /** JSON: the full input items (earlier turns expanded) */
  input: string;
  /** JSON: the response object */
  response: string;
  created_at: Int8;
  expires_at: Int8;
}

export interface Database {
  responses: ResponsesTable;
  orgs: OrgsTable;
  teams: TeamsTable;
  projects: ProjectsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  oidc_states: OidcStatesTable;
  api_keys: ApiKeysTable;
  provider_credentials: ProviderCredentialsTable;
  price_overrides: PriceOverridesTable;
  ledger_entries: LedgerEntriesTable;
  redemption_codes: RedemptionCodesTable;
  budgets: BudgetsTable;
  budget_alerts: BudgetAlertsTable;
  rate_limits: RateLimitsTable;
  usage_events: UsageEventsTable;
  audit_log: AuditLogTable;
}
