export * from './circuit-breaker.js';
export * from './classify-failure.js';
export * from './health-stats.js';
export * from './load-balancer.js';
export { OutcomeWindow, type WindowCounts } from './outcome-window.js';
export * from './parse-retry-after.js';
export { backoffDelay, DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry-policy.js';
