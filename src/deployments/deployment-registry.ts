// Every deployment the gateway knows, each created once with its own breaker and health:
// configured groups (`deployments:`) and, for any other model name, the single deployment the
// catalog resolves it to. Also holds the configured fallbacks.
import type { ModelCatalog, ResolvedModel } from '../catalog/index.js';
import { ConfigError, overlayTimeouts, type ResolvedConfig } from '../config/index.js';
import { CircuitBreaker, HealthStats } from '../reliability/index.js';
import type { BalanceStrategy, Deployment, DeploymentGroup } from './deployment.js';

export class DeploymentRegistry {
  private readonly byId = new Map<string, Deployment>();
  private readonly groups = new Map<string, DeploymentGroup>();
  private readonly fallbackLists: Record<string, string[]>;

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly config: ResolvedConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.fallbackLists = config.file.fallbacks ?? {};
    for (const [i, g] of (config.file.deployments ?? []).entries()) {
      if (this.groups.has(g.name))
        throw new ConfigError(`deployments[${i}]: the name ${g.name} is used twice`);
      const members = g.targets.map((t, j) => {
        let resolved: ResolvedModel;
        try {
          resolved = catalog.resolve(t.model);
        } catch (e) {
          throw new ConfigError(`deployments[${i}].targets[${j}]: ${(e as Error).message}`);
        }
        return { deployment: this.forModel(resolved), weight: t.weight ?? 1 };
      });
      this.groups.set(g.name, { name: g.name, strategy: g.strategy ?? config.loadBalancing, members });
    }
  }

  /** the deployment of a resolved model, created on first use */
  forModel(r: ResolvedModel): Deployment {
    const id = r.model.id;
    let d = this.byId.get(id);
    if (!d) {
      const cfgProvider = this.config.file.providers?.[r.provider.id];
      const cfgModel = this.config.file.models?.find((m) => m.id === id);
      d = {
        id,
        provider: r.provider,
        model: r.model,
        timeouts: overlayTimeouts(
          overlayTimeouts(this.config.timeouts, cfgProvider?.timeouts),
          cfgModel?.timeouts,
        ),
        breaker: new CircuitBreaker(this.config.breaker, this.now),
        health: new HealthStats({}, this.now),
      };
      this.byId.set(id, d);
    }
    return d;
  }

  /** what a requested name stands for; throws the catalog's 404 when nothing serves it */
  group(name: string): DeploymentGroup {
    const configured = this.groups.get(name);
    if (configured) return configured;
    const resolved = this.catalog.resolve(name);
    return {
      name,
      strategy: this.config.loadBalancing as BalanceStrategy,
      members: [{ deployment: this.forModel(resolved), weight: 1 }],
    };
  }

  /** configured fallbacks of a name (or of the model id it resolves to) */
  fallbacks(name: string, resolvedIds: string[]): string[] {
    const direct = this.fallbackLists[name];
    if (direct) return direct;
    for (const id of resolvedIds) {
      const list = this.fallbackLists[id];
      if (list) return list;
    }
    return [];
  }

  /** forgets every deployment's breaker and health state (an operator's reset; tests) */
  resetHealth(): void {
    for (const d of this.byId.values()) {
      d.breaker = new CircuitBreaker(this.config.breaker, this.now);
      d.health = new HealthStats({}, this.now);
    }
  }

  /** every deployment created so far, configured ones first */
  all(): Deployment[] {
    return [...this.byId.values()];
  }

  /** the deployment groups defined in the configuration */
  configuredGroups(): DeploymentGroup[] {
    return [...this.groups.values()];
  }

  isGroupName(name: string): boolean {
    return this.groups.has(name);
  }
}
