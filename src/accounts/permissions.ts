// Who may do what: the one table of role → permissions, and the check every admin route runs.
// docs/governance.md ("Roles and permissions") shows the same table; the RBAC matrix test
// (test/governance/rbac-matrix.test.ts) holds both to it.
//
// Rules:
//   - a superadmin identity (the master key, the CLI, users flagged superadmin) may do everything;
//   - `self` is granted to every signed-in identity;
//   - `instance.*` is held by superadmins only (no org role grants it);
//   - an org-level role grants its permissions for every object of that org;
//   - a team-level role grants its permissions only for objects of that team (a route whose scope
//     names the team), plus `org.read` of the team's org, so a team admin can see the org it works in.
import type { AdminIdentity, OrgRole, Permission, RouteScope } from '../admin/admin-router.js';

export const ORG_ROLES: readonly OrgRole[] = ['owner', 'admin', 'member', 'billing', 'viewer'];

/** every permission an org role can hold (instance.* and self are outside roles) */
export const ROLE_PERMISSIONS: Readonly<Record<OrgRole, ReadonlySet<Permission>>> = {
  owner: new Set<Permission>([
    'org.read',
    'org.manage',
    'org.delete',
    'members.read',
    'members.manage',
    'keys.read',
    'keys.manage',
    'keys.own',
    'byok.read',
    'byok.manage',
    'billing.read',
    'billing.manage',
    'usage.read',
    'audit.read',
    'routing.manage',
  ]),
  admin: new Set<Permission>([
    'org.read',
    'org.manage',
    'members.read',
    'members.manage',
    'keys.read',
    'keys.manage',
    'keys.own',
    'byok.read',
    'byok.manage',
    'billing.read',
    'usage.read',
    'audit.read',
    'routing.manage',
  ]),
  member: new Set<Permission>(['org.read', 'keys.own']),
  billing: new Set<Permission>(['org.read', 'billing.read', 'billing.manage', 'usage.read']),
  viewer: new Set<Permission>([
    'org.read',
    'members.read',
    'keys.read',
    'byok.read',
    'billing.read',
    'usage.read',
  ]),
};

export const isOrgRole = (v: unknown): v is OrgRole =>
  typeof v === 'string' && (ORG_ROLES as string[]).includes(v);

/** does this role hold this permission (by the table alone)? */
export const roleHas = (role: OrgRole, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].has(permission);

/** does the identity hold any role (org-level or in one of its teams) in this org? */
export function hasRoleInOrg(identity: AdminIdentity, orgId: string): boolean {
  if (identity.orgRoles.has(orgId)) return true;
  for (const t of identity.teamRoles.values()) if (t.orgId === orgId) return true;
  return false;
}

/** may this identity exercise this permission in this scope? */
export function can(identity: AdminIdentity, permission: Permission, scope: RouteScope): boolean {
  if (identity.superadmin) return true;
  if (permission === 'self') return true;
  if (scope.kind === 'instance') return false;
  const orgRole = identity.orgRoles.get(scope.orgId);
  if (orgRole && roleHas(orgRole, permission)) return true;
  if (scope.teamId) {
    const teamRole = identity.teamRoles.get(scope.teamId);
    if (teamRole && teamRole.orgId === scope.orgId && roleHas(teamRole.role, permission)) return true;
  }
  if (permission === 'org.read') {
    for (const t of identity.teamRoles.values()) if (t.orgId === scope.orgId) return true;
  }
  return false;
}

/** the org ids in which the identity holds a role (org-level or team-level) */
export function orgsOf(identity: AdminIdentity): Set<string> {
  const out = new Set<string>(identity.orgRoles.keys());
  for (const t of identity.teamRoles.values()) out.add(t.orgId);
  return out;
}
