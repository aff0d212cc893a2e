// Composition root: configuration → providers → catalog → services → HTTP server.
// `createGateway` is what main.ts runs and what the tests start in-process.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type Authenticator, ConfigKeyAuthenticator, ensureMasterKey } from './auth/index.js';
import { unpricedModels } from './billing/model-price.js';
import {
  type CatalogModel,
  loadCatalogEntries,
  loadProviderPresets,
  ModelCatalog,
  toCatalogModel,
} from './catalog/index.js';
import {
  ConfigError,
  loadConfig,
  type ModelConfig,
  type ResolvedConfig,
  resolveConfig,
} from './config/index.js';
import { DeploymentRegistry } from './deployments/index.js';
import { type GatewayServices, ResponsesStore } from './gateway/index.js';
import { clientCodecs } from './gateway/protocol-registry.js';
import { type Governance, openGovernance } from './governance/open-governance.js';
import { registerDeploymentRoutes } from './http/admin-routes.js';
import { buildServer } from './http/index.js';
import {
  buildProviders,
  type ProviderRuntime,
  SIM_MODELS,
  SIM_PROVIDER,
  UpstreamClient,
} from './providers/index.js';
import { DEFAULT_RETRY_OPTIONS } from './reliability/index.js';
import { openRouting, type Routing } from './routing/index.js';
import type { SharedState } from './shared-state/index.js';
import type { Store } from './store/index.js';
import { countRequestTokens } from './tokenizer/index.js';

type Env = Record<string, string | undefined>;

export interface GatewayOptions {
  env?: Env;
  /** a config object instead of the YAML file (tests) */
  config?: unknown;
  /** where log lines go instead of stdout (tests) */
  logStream?: { write(line: string): void };
  /** an open governance store / shared state to use instead of opening them (tests) */
  store?: Store;
  shared?: SharedState;
}

export interface Gateway {
  app: FastifyInstance;
  services: GatewayServices;
  config: ResolvedConfig;
  providers: ProviderRuntime[];
  notes: string[];
  /** where the generated master key is kept, when the gateway made one */
  masterKeyPath?: string;
  masterKeyCreated?: boolean;
  governance: Governance;
  routing: Routing;
  listen(): Promise<string>;
  close(): Promise<void>;
}

function configuredModel(m: ModelConfig, existing: CatalogModel | undefined): CatalogModel {
  const slash = m.id.indexOf('/');
  const base: CatalogModel =
    existing ??
    toCatalogModel({
      id: m.id,
      provider: m.id.slice(0, slash),
      model: m.id.slice(slash + 1),
      context_window: null,
      max_output_tokens: null,
      input_per_mtok_usd: null,
      output_per_mtok_usd: null,
      cache_read_per_mtok_usd: null,
      cache_write_per_mtok_usd: null,
      tool_calling: null,
      vision: null,
      reasoning: null,
      release_date: null,
    });
  return {
    ...base,
    mode: m.mode ?? base.mode,
    contextWindow: m.context_window ?? base.contextWindow,
    maxOutputTokens: m.max_output_tokens ?? base.maxOutputTokens,
    prices: {
      inputPerMtok: m.input_per_mtok_usd ?? base.prices.inputPerMtok,
      outputPerMtok: m.output_per_mtok_usd ?? base.prices.outputPerMtok,
      cacheReadPerMtok: m.cache_read_per_mtok_usd ?? base.prices.cacheReadPerMtok,
      cacheWritePerMtok: m.cache_write_per_mtok_usd ?? base.prices.cacheWritePerMtok,
    },
    free: m.free ?? base.free,
    toolCalling: m.tool_calling ?? base.toolCalling,
    vision: m.vision ?? base.vision,
    reasoning: m.reasoning ?? base.reasoning,
    unlisted: false,
  };
}

/** the models the configuration itself defines or names (its own prices are its own business) */
function configuredModels(config: ResolvedConfig, catalog: ModelCatalog): CatalogModel[] {
  const out: CatalogModel[] = [];
  for (const m of config.file.models ?? []) {
    const found = catalog.get(m.id);
    if (found) out.push(found);
  }
  for (const [id, p] of Object.entries(config.file.providers ?? {})) {
    for (const name of p.models ?? []) {
      const found = catalog.get(`${id}/${name}`);
      if (found && !out.includes(found)) out.push(found);
    }
  }
  return out;
}

export async function createGateway(opts: GatewayOptions = {}): Promise<Gateway> {
  const env = opts.env ?? process.env;
  const config = opts.config !== undefined ? resolveConfig(opts.config, env) : await loadConfig(env);
  const presets = loadProviderPresets();
  const { providers, notes } = buildProviders(config, presets, env);
  if (config.simulator.enabled) providers.push(SIM_PROVIDER);
  const enabled = new Set(providers.map((p) => p.id));

  // a provider that is a second deployment of a preset serves that preset's catalog models too
  const inherited = new Map<string, string[]>();
  for (const p of providers) {
    if (!p.catalogProvider) continue;
    inherited.set(p.catalogProvider, [...(inherited.get(p.catalogProvider) ?? []), p.id]);
  }
  const loaded = loadCatalogEntries(new Set([...enabled, ...inherited.keys()]));
  const models = loaded.filter((m) => enabled.has(m.provider));
  for (const m of loaded) {
    for (const id of inherited.get(m.provider) ?? [])
      models.push({ ...m, id: `${id}/${m.model}`, provider: id });
  }
  const catalog = new ModelCatalog(
    config.simulator.enabled ? [...models, ...SIM_MODELS] : models,
    providers,
    {
      aliases: config.file.aliases,
      priority: config.file.provider_priority,
      labs: new Set(presets.filter((p) => p.kind === 'lab').map((p) => p.id)),
      knownProviders: new Set(presets.map((p) => p.id)),
    },
  );
  for (const [id, p] of Object.entries(config.file.providers ?? {})) {
    for (const name of p.models ?? []) {
      if (!enabled.has(id)) continue;
      const mid = `${id}/${name}`;
      if (!catalog.get(mid)) catalog.add({ ...configuredModel({ id: mid }, undefined), name });
    }
  }
  for (const m of config.file.models ?? []) {
    const provider = m.id.slice(0, m.id.indexOf('/'));
    if (!enabled.has(provider)) {
      notes.push(`models: ${m.id} belongs to provider ${provider}, which is not enabled; ignored`);
      continue;
    }
    catalog.add(configuredModel(m, catalog.get(m.id)));
  }
  for (const [alias, target] of Object.entries(config.file.aliases ?? {})) {
    try {
      catalog.resolve(target);
    } catch {
      notes.push(`aliases.${alias}: its target ${target} is not served by any enabled provider (yet)`);
    }
  }

  let masterKey = config.masterKey;
  let masterKeyPath: string | undefined;
  let masterKeyCreated: boolean | undefined;
  if (!masterKey) {
    const made = ensureMasterKey(config.dataDir);
    masterKey = made.key;
    masterKeyPath = made.path;
    masterKeyCreated = made.created;
  }
  const configured = configuredModels(config, catalog);
  const unpriced = unpricedModels(configured);
  if (unpriced.length > 0)
    throw new ConfigError(
      `models without a price: ${unpriced.join(', ')}. Set input_per_mtok_usd and output_per_mtok_usd for each under \`models\` (or mark it \`free: true\`): a model is never billed at a silent $0`,
    );
  const governance = await openGovernance({
    config,
    catalog,
    // BYOK keys only for providers called with a key (not the simulator)
    providerIds: new Set(providers.filter((p) => p.authWithKey).map((p) => p.id)),
    configKeys: new ConfigKeyAuthenticator(config.file.keys ?? [], masterKey),
    store: opts.store,
    shared: opts.shared,
    log: console,
  });
  const auth: Authenticator = governance.authenticator;
  const upstream = new UpstreamClient(config.upstream);
  const deployments = new DeploymentRegistry(catalog, config);
  for (const [name, list] of Object.entries(config.file.fallbacks ?? {})) {
    for (const target of list) {
      try {
        deployments.group(target);
      } catch {
        notes.push(`fallbacks.${name}: ${target} is not served by any enabled provider; it will be skipped`);
      }
    }
  }
  // background work (sweeps, batched writes) logs through the server's logger once it exists
  let serverLog: FastifyBaseLogger | undefined;
  const backgroundLog = {
    error: (obj: unknown, msg?: string) => (serverLog ? serverLog.error(obj, msg) : console.error(msg, obj)),
    warn: (obj: unknown, msg?: string) => (serverLog ? serverLog.warn(obj, msg) : console.warn(msg, obj)),
  };
  const services: GatewayServices = {
    admission: governance.admission,
    catalog,
    deployments,
    upstream,
    retries: { ...DEFAULT_RETRY_OPTIONS, ...config.retries },
    simulator: config.simulator,
    keepAliveMs: config.keepAliveMs,
    responses: new ResponsesStore(governance.store.db, {
      configRetentionDays: config.file.responses?.retention_days,
      onError: (e, what) => backgroundLog.warn({ err: e }, what),
    }),
  };
  services.responses?.startSweeping();
  const routing = await openRouting({
    config: config.file.routing,
    store: governance.store,
    shared: governance.shared,
    registry: deployments,
    catalog,
    priceOf: (orgId, modelId) => governance.prices.priceFor(orgId, modelId),
    countTokens: countRequestTokens,
    decode: (protocol, body) => clientCodecs[protocol].decodeRequest(body),
    log: backgroundLog,
  });
  services.router = routing.router;
  const app = buildServer(services, auth, {
    bodyLimitBytes: config.bodyLimitBytes,
    logLevel: config.logLevel,
    logStream: opts.logStream,
    mount: (server) => {
      registerDeploymentRoutes(governance.router, services);
      routing.registerAdmin(governance.router);
      routing.mount(server);
      governance.mount(server);
    },
    // able to serve: some provider (the simulator counts) has a deployment whose breaker is not open
    isReady: () =>
      providers.length > 0 &&
      (deployments.all().length === 0 || deployments.all().some((d) => d.breaker.isAvailable())),
  });
  serverLog = app.log;

  return {
    app,
    services,
    config,
    providers,
    notes,
    masterKeyPath,
    masterKeyCreated,
    governance,
    routing,
    async listen() {
      return app.listen({ host: config.host, port: config.port });
    },
    async close() {
      await app.close();
      await services.responses?.close();
      await routing.close();
      await governance.close();
      await upstream.close();
    },
  };
}

export { ConfigError };
