// A user's AdminIdentity: its superadmin flag and its roles by org and by team. Disabled users
// (and unknown ids) have none: null.
import type { Kysely } from 'kysely';
import type { AdminIdentity } from '../admin/admin-router.js';
import type { Database, OrgRole } from '../store/tables.js';

export async function loadAdminIdentity(db: Kysely<Database>, userId: string): Promise<AdminIdentity | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'superadmin', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled === 1) return null;
  const rows = await db
    .selectFrom('memberships')
    .select(['org_id', 'team_id', 'role'])
    .where('user_id', '=', userId)
    .execute();
  const orgRoles = new Map<string, OrgRole>();
  const teamRoles = new Map<string, { orgId: string; role: OrgRole }>();
  for (const r of rows) {
    if (r.team_id === null) orgRoles.set(r.org_id, r.role);
    else teamRoles.set(r.team_id, { orgId: r.org_id, role: r.role });
  }
  return {
    actor: `user:${user.id}`,
    userId: user.id,
    superadmin: user.superadmin === 1,
    orgRoles,
    teamRoles,
  };
}

/** the identity of the master key and of the CLI: every permission everywhere */
export const superadminIdentity = (actor: 'master' | 'cli'): AdminIdentity => ({
  actor,
  userId: null,
  superadmin: true,
  orgRoles: new Map(),
  teamRoles: new Map(),
});

/** a valid credential that carries no admin role (a config-file key): authenticated, allowed nothing but `self` */
export const roleless = (actor: string): AdminIdentity => ({
  actor,
  userId: null,
  superadmin: false,
  orgRoles: new Map(),
  teamRoles: new Map(),
});
