// Rate limits as counter takes (shared-state/): requests per minute and tokens per minute in
// fixed one-minute windows, and concurrent requests as a slot that settling gives back. The
// counters live in the shared state, so a limit is one limit however many instances serve it.
import type { Take } from '../shared-state/shared-state.js';

export interface RateLimits {
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
}

export type LimitScope = 'org' | 'team' | 'key';

const MINUTE = 60_000;
/** windows outlive their minute a little so a request settling just after still finds its counter */
const WINDOW_TTL_MS = 2 * MINUTE;

export const minuteOf = (nowMs: number) => Math.floor(nowMs / MINUTE);
export const rpmKey = (scope: LimitScope, id: string, minute: number) => `rpm:${scope}:${id}:${minute}`;
export const tpmKey = (scope: LimitScope, id: string, minute: number) => `tpm:${scope}:${id}:${minute}`;
export const concurrencyKey = (scope: LimitScope, id: string) => `cc:${scope}:${id}`;

/**
 * The takes for one scope. `tokens` is the request's token estimate (prompt bound plus output
 * limit); settling corrects it to the tokens actually used.
 */
export function rateLimitTakes(
  scope: LimitScope,
  id: string,
  limits: RateLimits,
  tokens: number,
  nowMs: number,
  into: Take[],
): void {
  const minute = minuteOf(nowMs);
  if (limits.rpm !== null)
    into.push({
      key: rpmKey(scope, id, minute),
      amount: 1,
      limit: limits.rpm,
      ttlMs: WINDOW_TTL_MS,
      keep: true,
    });
  if (limits.tpm !== null)
    into.push({ key: tpmKey(scope, id, minute), amount: tokens, limit: limits.tpm, ttlMs: WINDOW_TTL_MS });
  if (limits.concurrency !== null)
    into.push({ key: concurrencyKey(scope, id), amount: 1, limit: limits.concurrency });
}

/** seconds until the current one-minute window ends (a refused rpm/tpm take's retry-after) */
export function secondsToNextWindow(nowMs: number): number {
  return Math.max(1, Math.ceil((MINUTE - (nowMs % MINUTE)) / 1000));
}
