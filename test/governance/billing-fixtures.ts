// Rows the billing and metering tests build on: orgs, teams, projects and keys inserted
// directly (the accounts services are tested elsewhere), and usage rows.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { UsageRow } from '../../src/metering/usage-event.js';
import { newId } from '../../src/store/ids.js';
import type { Database } from '../../src/store/tables.js';

type Db = Kysely<Database>;

export async function makeOrg(
  db: Db,
  opts: { discountBps?: number; prepaid?: boolean; byokFeeBps?: number } = {},
): Promise<string> {
  const id = newId('org');
  await db
    .insertInto('orgs')
    .values({
      id,
      name: id,
      slug: id.replace(/_/g, '-'),
      retention_days: null,
      byok_fee_bps: opts.byokFeeBps ?? 0,
      discount_bps: opts.discountBps ?? 0,
      prepaid: opts.prepaid === false ? 0 : 1,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

export async function makeTeam(db: Db, orgId: string): Promise<string> {
  const id = newId('team');
  await db.insertInto('teams').values({ id, org_id: orgId, name: id, created_at: Date.now() }).execute();
  return id;
}

export async function makeProject(db: Db, orgId: string, teamId: string | null): Promise<string> {
  const id = newId('proj');
  await db
    .insertInto('projects')
    .values({ id, org_id: orgId, team_id: teamId, name: id, created_at: Date.now() })
    .execute();
  return id;
}

export async function makeKey(
  db: Db,
  orgId: string,
  teamId: string | null = null,
  projectId: string | null = null,
): Promise<string> {
  const id = newId('key');
  await db
    .insertInto('api_keys')
    .values({
      id,
      org_id: orgId,
      team_id: teamId,
      project_id: projectId,
      user_id: null,
      name: id,
      prefix: 'sk-sy-test',
      key_hash: createHash('sha256').update(id).digest('hex'),
      models: null,
      providers: null,
      endpoints: null,
      ip_allowlist: null,
      tags: null,
      metadata: null,
      rpm_limit: null,
      tpm_limit: null,
      max_concurrency: null,
      expires_at: null,
      revoked_at: null,
      rotated_from: null,
      created_by: null,
      created_at: Date.now(),
      last_used_at: null,
    })
    .execute();
  return id;
}

/** a usage row with zeros everywhere unless given */
export function usageRow(r: Partial<UsageRow> & Pick<UsageRow, 'id' | 'ts'>): UsageRow {
  return {
    org_id: null,
    team_id: null,
    project_id: null,
    key_id: null,
    user_id: null,
    endpoint: 'chat.completions',
    requested_model: null,
    model: null,
    provider: null,
    status: 200,
    stream: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    estimated: 0,
    cost_nanos: 0,
    charged_nanos: 0,
    byok: 0,
    latency_ms: 0,
    ttft_ms: null,
    attempts: 1,
    client_aborted: 0,
    routing: null,
    error: null,
    ...r,
  };
}

/** waits until check() holds (polling), for changes that travel through pub/sub */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
