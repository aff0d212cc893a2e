// Intelligent routing at request time: modes, policies, candidates, choice, explanation, feedback.
export { buildBrain, openRouting, type Routing, type RoutingOptions } from './open-routing.js';
export { type RoutingConfig, RoutingConfigSchema } from './policy-schema.js';
export { type Brain, type Decision, Router } from './router.js';
