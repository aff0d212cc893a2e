// How long to wait before the next attempt: exponential backoff with jitter, unless the upstream
// said how long (retry-after) and that is longer. A retry-after beyond what we are willing to wait
// means: do not wait for this deployment, try another one (or give up).
import { parseRetryAfter } from './parse-retry-after.js';

export { classifyFailure, type FailureClass, type FailureInfo } from './classify-failure.js';
export { parseRetryAfter, parseRetryAfterMs } from './parse-retry-after.js';

export interface RetryOptions {
  /** total attempts including the first (default 3) */
  maxAttempts: number;
  /** delay before the first retry, before jitter (default 250) */
  baseDelayMs: number;
  /** the exponential delay never exceeds this (default 8000) */
  maxDelayMs: number;
  /** 0..1 (default 0.5): the delay is scaled by a random factor in [1 - jitter, 1] */
  jitter: number;
  /** the longest retry-after worth waiting for (default 60_000) */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY_OPTIONS: Readonly<Required<RetryOptions>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  jitter: 0.5,
  maxRetryAfterMs: 60_000,
});

/**
 * The delay in ms before retry number `retry` (1 = the first retry): baseDelayMs × 2^(retry-1),
 * capped at maxDelayMs, scaled by a random factor in [1 - jitter, 1]. A retry-after (the header
 * value: seconds or an HTTP-date) wins when it is longer; one longer than maxRetryAfterMs gives
 * undefined: "do not wait for this deployment, move on".
 */
export function backoffDelay(
  retry: number,
  opts: RetryOptions,
  retryAfter?: string,
  random: () => number = Math.random,
  now: () => number = Date.now,
): number | undefined {
  if (!Number.isInteger(retry) || retry < 1)
    throw new RangeError(`backoffDelay: retry must be a positive integer (1 = first retry), got ${retry}`);
  const jitter = Math.min(1, Math.max(0, opts.jitter));
  // 2 ** (retry - 1) overflows to Infinity for large retry counts; min() then caps it
  const exponential = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (retry - 1));
  const delay = Math.round(exponential * (1 - jitter * random()));
  const asked = parseRetryAfter(retryAfter, now);
  if (asked === undefined) return delay;
  if (asked > (opts.maxRetryAfterMs ?? DEFAULT_RETRY_OPTIONS.maxRetryAfterMs)) return undefined;
  return Math.max(delay, asked);
}
