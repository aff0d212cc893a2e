// A deployment: one place a model can be served (a provider — with its key, region and base
// URL — and that provider's id for the model), with its own live health and circuit breaker.
import type { CatalogModel } from '../catalog/index.js';
import type { Timeouts } from '../config/index.js';
import type { ProviderRuntime } from '../providers/index.js';
import type { BalanceStrategy, CircuitBreaker, HealthStats } from '../reliability/index.js';

export type { BalanceStrategy };

export interface Deployment {
  /** `provider/model`, unique */
  id: string;
  provider: ProviderRuntime;
  model: CatalogModel;
  /** global ← provider ← model */
  timeouts: Timeouts;
  breaker: CircuitBreaker;
  health: HealthStats;
}

/** a deployment inside a group, with the weight the group gives it */
export interface WeightedDeployment {
  deployment: Deployment;
  weight: number;
}

/** what one model name stands for: one deployment, or several to balance over */
export interface DeploymentGroup {
  /** the name asked for */
  name: string;
  strategy: BalanceStrategy;
  members: WeightedDeployment[];
}
