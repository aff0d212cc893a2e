export * from './codec.js';
export { type DataUrl, parseDataUrl, toDataUrl } from './data-url.js';
export * from './errors.js';
export * from './ids.js';
export * from './reasoning-budget.js';
export { responseToEvents } from './response-to-events.js';
export * from './target-limits.js';
export * from './types.js';
