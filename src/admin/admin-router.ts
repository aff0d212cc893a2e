// The contract every admin capability registers its routes through. One route = one
// permission checked in one scope (the instance, an org, or a team of an org), so the RBAC
// matrix test can enumerate every route and every role from the registry alone, and the
// OpenAPI document is generated from the same definitions.
import type { TSchema } from '@sinclair/typebox';

export type OrgRole = 'owner' | 'admin' | 'member' | 'billing' | 'viewer';

/**
 * What an admin route needs. Which roles hold which permission is defined in one place
 * (accounts/permissions.ts) and documented in docs/governance.md.
 */
export type Permission =
  | 'instance.manage' // create orgs, instance-wide prices, redemption codes, superadmins
  | 'instance.read'
  | 'org.read'
  | 'org.manage' // org settings, teams, projects, rate limits
  | 'org.delete'
  | 'members.read'
  | 'members.manage'
  | 'keys.read'
  | 'keys.manage' // any key in the scope
  | 'keys.own' // create and manage one's own keys
  | 'byok.read'
  | 'byok.manage'
  | 'billing.read' // balances, ledger, budgets, prices
  | 'billing.manage' // top-ups, grants, allocations, budgets, price overrides
  | 'usage.read'
  | 'audit.read'
  | 'routing.manage' // routing policies and where they are the default
  | 'self'; // any signed-in identity (its own profile, sessions)

/** who is calling the admin API */
export interface AdminIdentity {
  /** for the audit log: `user:<id>`, `master`, `cli` */
  actor: string;
  userId: string | null;
  /** the master key, the CLI and superadmin users: every permission everywhere */
  superadmin: boolean;
  /** roles by org, and by team within an org */
  orgRoles: ReadonlyMap<string, OrgRole>;
  teamRoles: ReadonlyMap<string, { orgId: string; role: OrgRole }>;
}

/** where a route's permission is checked */
export type RouteScope = { kind: 'instance' } | { kind: 'org'; orgId: string; teamId?: string | null };

export interface AdminRequest<
  Body = unknown,
  Query = Record<string, unknown>,
  Params = Record<string, string>,
> {
  identity: AdminIdentity;
  body: Body;
  query: Query;
  params: Params;
  ip: string;
  userAgent: string | null;
  /** append to the audit log (append-only; secrets must already be removed from before/after) */
  audit(entry: AuditEntry): Promise<void>;
}

export interface AuditEntry {
  action: string;
  orgId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AdminRouteDef<
  Body = unknown,
  Query = Record<string, unknown>,
  Params = Record<string, string>,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** under /admin/v1, e.g. `/orgs/:orgId/keys` */
  url: string;
  permission: Permission;
  /**
   * The scope the permission is checked in, derived from the request (usually from params; a
   * route on one object looks the object up to find its org and team). Throw a not_found
   * GatewayError when the object does not exist — and also when it exists in an org the caller
   * has no role in, so ids in other orgs are not revealed.
   */
  scope: (req: Omit<AdminRequest<Body, Query, Params>, 'audit'>) => RouteScope | Promise<RouteScope>;
  /** for OpenAPI */
  summary: string;
  tags: string[];
  schema?: { body?: TSchema; querystring?: TSchema; params?: TSchema; response?: Record<number, TSchema> };
  /** the status of a successful answer (default 200; 201 for creations) */
  successStatus?: number;
  handler: (req: AdminRequest<Body, Query, Params>) => Promise<unknown>;
}

export interface AdminRouter {
  route<Body = unknown, Query = Record<string, unknown>, Params = Record<string, string>>(
    def: AdminRouteDef<Body, Query, Params>,
  ): void;
  /** every route registered so far (the RBAC matrix test walks these) */
  routes(): readonly AdminRouteDef<any, any, any>[];
}
