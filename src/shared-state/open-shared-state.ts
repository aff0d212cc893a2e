// The shared state a gateway uses: Redis when a URL is configured (several instances), else
// in-process (one instance).
import { MemorySharedState } from './memory-shared-state.js';
import { openRedisSharedState } from './redis-shared-state.js';
import type { SharedState } from './shared-state.js';

export interface OpenSharedStateOptions {
  /** redis://… ; absent = in-process */
  redisUrl?: string;
  /** prefix of every Redis key and channel (default `sy:`) */
  keyPrefix?: string;
  /** how often expired reservations are given back (default 1000 ms; 0 = only on sweepExpired()) */
  sweepIntervalMs?: number;
  /** Redis connection errors after the first connection (the client reconnects by itself) */
  onError?: (err: Error) => void;
}

export async function openSharedState(opts: OpenSharedStateOptions = {}): Promise<SharedState> {
  if (!opts.redisUrl) return new MemorySharedState({ sweepIntervalMs: opts.sweepIntervalMs });
  return openRedisSharedState({
    url: opts.redisUrl,
    keyPrefix: opts.keyPrefix,
    sweepIntervalMs: opts.sweepIntervalMs,
    onError: opts.onError,
  });
}
