export { asksLongContext, contextWindowOf, LONG_CONTEXT_WINDOW } from './context-window.js';
export type { BalanceStrategy, Deployment, DeploymentGroup, WeightedDeployment } from './deployment.js';
export { DeploymentRegistry } from './deployment-registry.js';
export { type AttemptPlan, type PlanRequest, planAttempts } from './plan-attempts.js';
