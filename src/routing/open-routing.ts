// Routing, composed: the brain (the configured router file, or the default from catalog priors),
// policies, feedback estimates, the decision log and cache affinity over the governance store
// and shared state; the Router for the request path; its routes.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AdminRouter } from '../admin/admin-router.js';
import type { ModelPrice } from '../billing/model-price.js';
import type { CanonicalRequest } from '../canonical/types.js';
import type { ModelCatalog } from '../catalog/index.js';
import type { DeploymentRegistry } from '../deployments/index.js';
import type { ClientProtocol } from '../gateway/call-context.js';
import type { SharedState } from '../shared-state/index.js';
import type { Store } from '../store/index.js';
import { Affinity } from './affinity.js';
import { DecisionLog } from './decision-log.js';
import {
  classifyTask,
  defaultQualityModel,
  loadQualityModel,
  type QualityModel,
  rankByTradeoff,
} from './model/index.js';
import type { RoutingConfig } from './policy-schema.js';
import { PolicyStore } from './policy-store.js';
import { QualityFeedback } from './quality-feedback.js';
import { type Brain, Router } from './router.js';
import { registerRoutingAdminRoutes } from './routing-admin-routes.js';
import { registerRoutingHttpRoutes } from './routing-http-routes.js';
import { routingDb } from './routing-tables.js';

export interface RoutingOptions {
  config?: RoutingConfig;
  store: Store;
  shared: SharedState;
  registry: DeploymentRegistry;
  catalog: ModelCatalog;
  priceOf(orgId: string | null, modelId: string): ModelPrice | null;
  countTokens(req: CanonicalRequest): Promise<number>;
  decode(protocol: ClientProtocol, body: unknown): CanonicalRequest;
  log: { error(obj: unknown, msg?: string): void };
  /** decision log flush interval (tests) */
  flushIntervalMs?: number;
}

export interface Routing {
  router: Router;
  policies: PolicyStore;
  feedback: QualityFeedback;
  decisions: DecisionLog;
  /** the data-plane routes (/v1/routing/*, /v1/feedback) */
  mount(app: FastifyInstance): void;
  registerAdmin(admin: AdminRouter): void;
  close(): Promise<void>;
}

/** the brain: the router file of `routing.router_file` when set, else the default; priors for unknown models */
export function buildBrain(catalog: ModelCatalog, routerFile?: string): Brain {
  const priors = defaultQualityModel(catalog);
  let quality: QualityModel = priors;
  if (routerFile) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(routerFile, 'utf8'));
    } catch (e) {
      throw new Error(`routing.router_file: cannot read ${routerFile}: ${(e as Error).message}`);
    }
    quality = loadQualityModel(json, catalog);
  }
  return { classify: classifyTask, quality, priors, rank: rankByTradeoff };
}

export async function openRouting(opts: RoutingOptions): Promise<Routing> {
  const cfg = opts.config ?? {};
  const db = routingDb(opts.store.db);
  const onError = (e: unknown) => opts.log.error({ err: e }, 'routing');
  const policies = new PolicyStore(db, opts.shared, cfg, (name) => {
    opts.registry.group(name);
  });
  const feedback = new QualityFeedback(db, opts.shared);
  const decisions = new DecisionLog(db, { flushIntervalMs: opts.flushIntervalMs, onError });
  await policies.start();
  await feedback.start();
  decisions.start();
  const router = new Router({
    registry: opts.registry,
    catalog: opts.catalog,
    priceOf: opts.priceOf,
    policies,
    feedback,
    decisions,
    affinity: new Affinity(opts.shared, (cfg.affinity_ttl_s ?? 300) * 1000),
    brain: buildBrain(opts.catalog, cfg.router_file),
    countTokens: opts.countTokens,
    onError,
  });
  return {
    router,
    policies,
    feedback,
    decisions,
    mount: (app) => registerRoutingHttpRoutes(app, { router, decisions, feedback, decode: opts.decode }),
    registerAdmin: (admin) => registerRoutingAdminRoutes(admin, { db: opts.store.db, policies, decisions }),
    async close() {
      await decisions.close();
      await feedback.close();
      await policies.close();
    },
  };
}
