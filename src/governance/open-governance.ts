// Governance, composed: the database (embedded SQLite or PostgreSQL), the shared state
// (in-process or Redis), and every service built on them — virtual keys, admission (limits,
// budgets, credits), prices, the usage writer, BYOK, sign-in — plus the admin API mounting.
// app.ts calls openGovernance once; the HTTP server calls `mount` to add the routes.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import {
  type AccountServices,
  createAccountServices,
  roleless,
  superadminIdentity,
} from '../accounts/index.js';
import { type AdminIdentity, type AdminRouter, createAdminRouter, registerAdminApi } from '../admin/index.js';
import { Admission } from '../admission/admission.js';
import { OrgSettingsCache } from '../admission/org-settings-cache.js';
import { RateLimitRules } from '../admission/rate-limit-rules.js';
import { AuditLog } from '../audit/audit-log.js';
import type { Authenticator, Principal } from '../auth/index.js';
import { Budgets } from '../billing/budgets.js';
import { CreditAccounts } from '../billing/credit-accounts.js';
import { Ledger } from '../billing/ledger.js';
import { PriceBook, type PriceCatalog } from '../billing/price-book.js';
import { RedemptionCodes } from '../billing/redemption-codes.js';
import { EncryptionKeys } from '../byok/encryption-keys.js';
import { ProviderCredentials } from '../byok/provider-credentials.js';
import type { ResolvedConfig } from '../config/index.js';
import { VirtualKeyAuthenticator } from '../keys/virtual-key-authenticator.js';
import { registerSelfUsageRoute } from '../metering/self-usage-route.js';
import { UsageWriter } from '../metering/usage-writer.js';
import { openSharedState, type SharedState } from '../shared-state/index.js';
import { OidcSignIn, oidcSettingsFromConfig } from '../sign-in/oidc-sign-in.js';
import { registerSignInRoutes } from '../sign-in/register-sign-in-routes.js';
import { sessionIdentify } from '../sign-in/session-identity.js';
import { SessionStore } from '../sign-in/session-store.js';
import { openStore, type Store } from '../store/index.js';
import { registerGovernanceRoutes } from './register-governance-routes.js';

export interface GovernanceOptions {
  config: ResolvedConfig;
  catalog: PriceCatalog;
  /** provider ids the gateway can reach (BYOK keys are accepted for these only) */
  providerIds: ReadonlySet<string>;
  /** the master key and the config file's keys (a master principal is a superadmin on the admin API) */
  configKeys: Authenticator;
  /** an open store / shared state to use instead of opening them (tests, one process) */
  store?: Store;
  shared?: SharedState;
  log: Pick<Logger, 'error' | 'warn'>;
}

export interface Governance {
  store: Store;
  shared: SharedState;
  admission: Admission;
  keys: VirtualKeyAuthenticator;
  accounts: AccountServices;
  router: AdminRouter;
  audit: AuditLog;
  prices: PriceBook;
  credits: CreditAccounts;
  budgets: Budgets;
  rules: RateLimitRules;
  credentials: ProviderCredentials;
  usage: UsageWriter;
  sessions: SessionStore;
  ledger: Ledger;
  codes: RedemptionCodes;
  oidc?: OidcSignIn;
  /** config keys and the master key first, then virtual keys */
  authenticator: Authenticator;
  /** adds the admin API, sign-in and self-service routes to the server */
  mount(app: FastifyInstance): void;
  close(): Promise<void>;
}

const MASTER_IDENTITY: AdminIdentity = superadminIdentity('master');

export async function openGovernance(opts: GovernanceOptions): Promise<Governance> {
  const { config } = opts;
  const ownStore = !opts.store;
  const ownShared = !opts.shared;
  const store =
    opts.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    }));
  const shared =
    opts.shared ??
    (await openSharedState({
      redisUrl: config.redisUrl,
      keyPrefix: config.redisKeyPrefix,
      onError: (e) => opts.log.warn({ err: e }, 'shared state (Redis) error'),
    }));
  const { db } = store;

  const prices = new PriceBook(db, opts.catalog, shared);
  const credits = new CreditAccounts(db, shared);
  const budgets = new Budgets(db, shared);
  const rules = new RateLimitRules(db, shared);
  const orgs = new OrgSettingsCache(db, shared);
  // without Redis, a change made by another process (the CLI) sends no message: cached keys
  // are trusted for 2 s only, so a revocation takes effect within seconds
  const keys = new VirtualKeyAuthenticator(
    db,
    shared,
    shared.kind === 'memory' ? { positiveTtlMs: 2000 } : {},
  );
  const credentials = new ProviderCredentials(db, new EncryptionKeys(config.encryption), shared, {
    knownProviders: opts.providerIds,
  });
  const audit = new AuditLog(db);
  const sessions = new SessionStore(db, { ttlMs: config.sessionTtlMs });
  const oidcConfig = config.file.auth?.oidc;
  const oidc = oidcConfig ? await OidcSignIn.create(db, oidcSettingsFromConfig(oidcConfig)) : undefined;
  const usage = new UsageWriter(db, shared, {
    flushIntervalMs: config.metering.flushIntervalMs,
    batchSize: config.metering.batchSize,
    staleMs: Math.max(30_000, config.metering.flushIntervalMs * 20),
    onError: (e) => opts.log.error({ err: e }, 'usage events could not be stored yet; they stay queued'),
    onDropped: (_text, e) => opts.log.error({ err: e }, 'a usage event could not be stored and was dropped'),
  });
  await Promise.all([
    prices.start(),
    credits.start(),
    budgets.start(),
    rules.start(),
    orgs.start(),
    keys.start(),
    credentials.start(),
  ]);
  usage.start();
  const stopPurging = sessions.startPurging(undefined, (e) =>
    opts.log.warn({ err: e }, 'session purge failed'),
  );

  const admission = new Admission(
    shared,
    rules,
    {
      prices,
      orgs,
      credits,
      budgets,
      credentials,
    },
    {
      reservationGraceMs: config.metering.reservationGraceMs,
      onError: (e, what) => opts.log.error({ err: e }, `metering: ${what} failed`),
    },
  );

  const router = createAdminRouter();
  const accounts = createAccountServices(db, shared);
  const ledger = new Ledger(db, credits, shared);
  const codes = new RedemptionCodes(db, ledger);
  registerGovernanceRoutes(router, {
    accounts,
    audit,
    rules,
    credentials,
    billing: { db, accounts: credits, ledger, codes, budgets, prices },
  });

  const authenticator: Authenticator = {
    authenticate(presented: string): Principal | null | Promise<Principal | null> {
      return opts.configKeys.authenticate(presented) ?? keys.authenticate(presented);
    },
  };
  const identifySession = sessionIdentify({ db, sessions });
  const identify = async (token: string): Promise<AdminIdentity | null> => {
    if (token.startsWith('sy_sess_')) return identifySession(token);
    const principal = await authenticator.authenticate(token);
    if (!principal) return null;
    if (principal.kind === 'master') return MASTER_IDENTITY;
    // an API key is known but holds no admin role: 403, not 401
    return roleless(principal.kind === 'virtual' ? `key:${principal.id}` : principal.id);
  };

  return {
    store,
    shared,
    admission,
    keys,
    router,
    audit,
    prices,
    credits,
    budgets,
    rules,
    credentials,
    usage,
    sessions,
    ledger,
    codes,
    oidc,
    accounts,
    authenticator,
    mount(app: FastifyInstance) {
      registerAdminApi(app, { router, identify, audit });
      registerSignInRoutes(app, { db, sessions, oidc, sharedState: shared });
      registerSelfUsageRoute(app, { db, accounts: credits, budgets });
    },
    async close() {
      stopPurging();
      // what is queued is stored before the process lets go of the database
      await usage.close();
      await Promise.allSettled([
        prices.close(),
        credits.close(),
        budgets.close(),
        rules.close(),
        orgs.close(),
        keys.close(),
        credentials.close(),
      ]);
      if (ownShared) await shared.close();
      if (ownStore) await store.close();
    },
  };
}
