// Who is who: orgs → teams → projects, users and service accounts, memberships with roles, the
// permission table, and the admin routes over them.
export { type AccountServices, createAccountServices } from './account-services.js';
export { loadAdminIdentity, roleless, superadminIdentity } from './admin-identity.js';
export { DEFAULT_ORG_SLUG, ensureDefaultOrg } from './default-org.js';
export { type Membership, MembershipService, type MemberView } from './memberships.js';
export { registerOrgRoutes } from './org-routes.js';
export { type Org, type OrgInput, type OrgPatch, OrgService, slugify } from './orgs.js';
export { type PeopleRouteHooks, registerPeopleRoutes } from './people-routes.js';
export { can, hasRoleInOrg, isOrgRole, ORG_ROLES, orgsOf, ROLE_PERMISSIONS, roleHas } from './permissions.js';
export { type Project, ProjectService } from './projects.js';
export { type Team, TeamService } from './teams.js';
export { type LocalUserInput, type User, UserService } from './users.js';
