// The admin routes the CLI calls, with the services behind them, built the way the gateway
// builds them: the CLI is a client of the same admin API, not a second implementation.
import type { Kysely } from 'kysely';
import type { AdminRouter } from '../admin/index.js';
import { createAdminRouter } from '../admin/index.js';
import { registerRateLimitAdminRoutes } from '../admission/rate-limit-admin-routes.js';
import { RateLimitRules } from '../admission/rate-limit-rules.js';
import { AuditLog, registerAuditRoutes } from '../audit/index.js';
import { byokProviderIds } from '../byok/byok-providers.js';
import { EncryptionKeys, ProviderCredentials, registerByokAdminRoutes } from '../byok/index.js';
import { loadProviderPresets } from '../catalog/index.js';
import type { ResolvedConfig } from '../config/index.js';
import { buildProviders } from '../providers/index.js';
import type { SharedState } from '../shared-state/index.js';
import type { Database } from '../store/index.js';

export interface CliAdminRouterDeps {
  config: ResolvedConfig;
  env: Record<string, string | undefined>;
  db: Kysely<Database>;
  shared: SharedState;
}

export async function buildCliAdminRouter(
  deps: CliAdminRouterDeps,
): Promise<{ router: AdminRouter; credentials: ProviderCredentials; close(): Promise<void> }> {
  const { config, env, db, shared } = deps;
  const router = createAdminRouter();
  const audit = new AuditLog(db);
  registerAuditRoutes(router, db, audit);

  const { providers } = buildProviders(config, loadProviderPresets(), env);
  const credentials = new ProviderCredentials(db, new EncryptionKeys(config.encryption), shared, {
    knownProviders: byokProviderIds(providers),
  });
  registerByokAdminRoutes(router, { db, credentials });

  registerRateLimitAdminRoutes(router, { db, rules: new RateLimitRules(db, shared) });

  return { router, credentials, close: () => credentials.close() };
}
