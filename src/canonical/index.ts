export * from './codec.js';
export * from './errors.js';
export * from './ids.js';
export * from './reasoning-budget.js';
export * from './types.js';
