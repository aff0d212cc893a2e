// Brute-force protection for password sign-in: failed attempts are counted per email and per
// client address in fixed windows on the shared counters, so the limit holds across every
// gateway instance. Each attempt reserves one failure on both counters before the password is
// checked (concurrent guesses cannot overshoot the limit); a failure keeps it, a success gives
// it back.
import { createHash, randomUUID } from 'node:crypto';
import { GatewayError } from '../canonical/errors.js';
import type { SharedState } from '../shared-state/shared-state.js';

export interface LoginThrottleOptions {
  /** failed sign-ins allowed per email per window (default 10) */
  maxFailuresPerEmail?: number;
  /** failed sign-ins allowed per client address per window (default 50: offices share addresses) */
  maxFailuresPerIp?: number;
  /** the window (default 15 minutes) */
  windowMs?: number;
}

export interface LoginAttempt {
  id: string;
  keys: [string, string];
}

/** how long an attempt's reservation may stay open before the sweep gives it back */
const ATTEMPT_TTL_MS = 60_000;

// counter keys carry a digest, not the email itself
const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export class LoginThrottle {
  readonly #state: SharedState;
  readonly #perEmail: number;
  readonly #perIp: number;
  readonly #windowMs: number;

  constructor(state: SharedState, opts: LoginThrottleOptions = {}) {
    this.#state = state;
    this.#perEmail = opts.maxFailuresPerEmail ?? 10;
    this.#perIp = opts.maxFailuresPerIp ?? 50;
    this.#windowMs = opts.windowMs ?? 15 * 60_000;
  }

  /** reserves one failure for this email and address; a rate_limit GatewayError when either is used up */
  async begin(normalizedEmail: string, ip: string): Promise<LoginAttempt> {
    const id = `signin:${randomUUID()}`;
    const keys: [string, string] = [
      `signin:fail:email:${digest(normalizedEmail)}`,
      `signin:fail:ip:${digest(ip)}`,
    ];
    const r = await this.#state.reserve(
      id,
      [
        { key: keys[0], amount: 1, limit: this.#perEmail, ttlMs: this.#windowMs },
        { key: keys[1], amount: 1, limit: this.#perIp, ttlMs: this.#windowMs },
      ],
      ATTEMPT_TTL_MS,
    );
    if (!r.ok) {
      const seconds = Math.max(1, Math.ceil((r.resetMs ?? this.#windowMs) / 1000));
      throw new GatewayError('rate_limit', 'Too many failed sign-in attempts; try again later', {
        code: 'too_many_sign_in_attempts',
        retryAfter: String(seconds),
      });
    }
    return { id, keys };
  }

  /** the attempt failed: it stays counted until the window ends */
  async failed(a: LoginAttempt): Promise<void> {
    await this.#state.settle(a.id, { [a.keys[0]]: 1, [a.keys[1]]: 1 });
  }

  /** the attempt succeeded: it does not count */
  async succeeded(a: LoginAttempt): Promise<void> {
    await this.#state.release(a.id);
  }
}
