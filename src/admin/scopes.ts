// Scope resolvers for admin routes: find the org (and team) an object belongs to, or answer 404
// when it does not exist. registerAdminApi turns "exists, but in an org the caller has no role
// in" into the same 404, so ids of other orgs are never revealed.
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';
import type { RouteScope } from './admin-router.js';
import { notFound } from './register-admin-api.js';

type Db = Kysely<Database>;

export async function orgScope(db: Db, orgId: string, teamId?: string | null): Promise<RouteScope> {
  const org = await db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('organization');
  if (teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', teamId)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (!team) throw notFound('team');
  }
  return { kind: 'org', orgId, teamId: teamId ?? null };
}

export async function teamScope(db: Db, teamId: string): Promise<RouteScope> {
  const team = await db
    .selectFrom('teams')
    .select(['id', 'org_id'])
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw notFound('team');
  return { kind: 'org', orgId: team.org_id, teamId: team.id };
}

export async function projectScope(db: Db, projectId: string): Promise<RouteScope> {
  const p = await db
    .selectFrom('projects')
    .select(['org_id', 'team_id'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!p) throw notFound('project');
  return { kind: 'org', orgId: p.org_id, teamId: p.team_id };
}

export async function keyScope(db: Db, keyId: string): Promise<RouteScope> {
  const k = await db
    .selectFrom('api_keys')
    .select(['org_id', 'team_id'])
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (!k) throw notFound('key');
  return { kind: 'org', orgId: k.org_id, teamId: k.team_id };
}
