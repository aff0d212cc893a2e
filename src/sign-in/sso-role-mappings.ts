// The SSO group → role mappings of `auth.oidc.role_mappings`: checked against the database
// (org by id or slug, team by id or name within that org) and turned into the memberships a
// user's groups give.
import type { Kysely } from 'kysely';
import { ConfigError } from '../config/load-config.js';
import type { Database, OrgRole } from '../store/tables.js';

export interface RoleMapping {
  group: string;
  /** org id or slug */
  org: string;
  /** team id or name within the org */
  team?: string;
  role: OrgRole;
}

export interface ResolvedMapping {
  group: string;
  orgId: string;
  teamId: string | null;
  role: OrgRole;
}

/** one membership an SSO user should hold */
export interface SsoMembership {
  orgId: string;
  teamId: string | null;
  role: OrgRole;
}

/**
 * When several groups map to the same org or team, the strongest role wins, in this order.
 * (billing ranks above member: it moves money.)
 */
const ROLE_RANK: Record<OrgRole, number> = { owner: 5, admin: 4, billing: 3, member: 2, viewer: 1 };

/** every mapping with its org and team ids; a ConfigError naming the mapping when one is unknown */
export async function resolveRoleMappings(
  db: Kysely<Database>,
  mappings: readonly RoleMapping[],
): Promise<ResolvedMapping[]> {
  const out: ResolvedMapping[] = [];
  for (const [i, m] of mappings.entries()) {
    const where = `auth.oidc.role_mappings[${i}] (group "${m.group}")`;
    const org = await db
      .selectFrom('orgs')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', m.org), eb('slug', '=', m.org)]))
      .executeTakeFirst();
    if (!org) throw new ConfigError(`${where}: no org has the id or slug "${m.org}"`);
    let teamId: string | null = null;
    if (m.team !== undefined) {
      const teams = await db
        .selectFrom('teams')
        .select('id')
        .where('org_id', '=', org.id)
        .where((eb) => eb.or([eb('id', '=', m.team as string), eb('name', '=', m.team as string)]))
        .execute();
      const byId = teams.find((t) => t.id === m.team);
      if (!byId && teams.length === 0)
        throw new ConfigError(`${where}: org "${m.org}" has no team with the id or name "${m.team}"`);
      if (!byId && teams.length > 1)
        throw new ConfigError(
          `${where}: org "${m.org}" has several teams named "${m.team}"; give the team id`,
        );
      teamId = (byId ?? teams[0])!.id;
    }
    out.push({ group: m.group, orgId: org.id, teamId, role: m.role });
  }
  return out;
}

/** the memberships a user in `groups` gets: one per org or team, the strongest mapped role */
export function ssoMemberships(
  groups: ReadonlySet<string>,
  mappings: readonly ResolvedMapping[],
): SsoMembership[] {
  const best = new Map<string, SsoMembership>();
  for (const m of mappings) {
    if (!groups.has(m.group)) continue;
    const key = `${m.orgId}\u0000${m.teamId ?? ''}`;
    const held = best.get(key);
    if (!held || ROLE_RANK[m.role] > ROLE_RANK[held.role])
      best.set(key, { orgId: m.orgId, teamId: m.teamId, role: m.role });
  }
  return [...best.values()];
}

/** a claim's groups: an array of strings, or one string (some providers send a lone group so) */
export function groupsFromClaim(value: unknown): Set<string> {
  if (typeof value === 'string') return new Set([value]);
  if (Array.isArray(value)) return new Set(value.filter((g): g is string => typeof g === 'string'));
  return new Set();
}
