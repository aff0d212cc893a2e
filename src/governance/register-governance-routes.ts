// Every admin route of governance, registered on the admin router: accounts and people, keys,
// billing and usage, rate limits, BYOK, the audit log, the deployments view.
import type { AccountServices } from '../accounts/index.js';
import { registerOrgRoutes, registerPeopleRoutes } from '../accounts/index.js';
import type { AdminRouter } from '../admin/index.js';
import { registerRateLimitAdminRoutes } from '../admission/rate-limit-admin-routes.js';
import type { RateLimitRules } from '../admission/rate-limit-rules.js';
import type { AuditLog } from '../audit/index.js';
import { registerAuditRoutes } from '../audit/index.js';
import { type BillingAdminDeps, registerBillingAdminRoutes } from '../billing/billing-admin-routes.js';
import { registerByokAdminRoutes } from '../byok/byok-admin-routes.js';
import type { ProviderCredentials } from '../byok/provider-credentials.js';
import { registerKeyRoutes } from '../keys/index.js';
import { registerUsageAdminRoutes } from '../metering/usage-admin-routes.js';

export interface GovernanceRouteDeps {
  accounts: AccountServices;
  billing: BillingAdminDeps;
  audit: AuditLog;
  rules: RateLimitRules;
  credentials: ProviderCredentials;
}

export function registerGovernanceRoutes(router: AdminRouter, deps: GovernanceRouteDeps): void {
  const { accounts } = deps;
  const { db } = accounts;
  registerOrgRoutes(router, accounts);
  registerPeopleRoutes(router, accounts, {
    onUserAccessChanged: (userId) => accounts.keys.announceUser(userId),
  });
  registerKeyRoutes(router, { db, keys: accounts.keys });
  registerRateLimitAdminRoutes(router, { db, rules: deps.rules });
  registerByokAdminRoutes(router, { db, credentials: deps.credentials });
  registerAuditRoutes(router, db, deps.audit);
  registerBillingAdminRoutes(router, deps.billing);
  registerUsageAdminRoutes(router, { db });
}
