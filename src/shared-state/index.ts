// What gateway instances share at request time: counters, reservations, the usage-event queue,
// pub/sub. In-process or Redis, same semantics.
export { MemorySharedState, type MemorySharedStateOptions } from './memory-shared-state.js';
export { type OpenSharedStateOptions, openSharedState } from './open-shared-state.js';
export {
  openRedisSharedState,
  RedisSharedState,
  type RedisSharedStateOptions,
} from './redis-shared-state.js';
export type { ClaimedBatch, ReserveResult, SharedState, Take } from './shared-state.js';
