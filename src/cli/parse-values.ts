// Command-line values: durations (`24h`, `30d`), comma lists, positive integers, USD amounts.
// A bad value is a CliUserError naming the option.

import { parseUsd } from '../billing/money.js';
import { GatewayError } from '../canonical/errors.js';
import { CliUserError } from './cli-errors.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** `90s`, `15m`, `24h`, `30d`, `2w` (one or more parts: `1d12h`) → milliseconds */
export function parseDuration(text: string, option: string): number {
  const s = text.trim().toLowerCase();
  const part = /(\d+)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let at = 0;
  for (let m = part.exec(s); m; m = part.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    at = part.lastIndex;
  }
  if (s === '' || at !== s.length || total <= 0)
    throw new CliUserError(`${option}: "${text}" is not a duration (write it like 90s, 15m, 24h, 30d, 2w)`);
  return total;
}

export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parsePositiveInt(text: string, option: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new CliUserError(`${option}: "${text}" is not a positive whole number`);
  return n;
}

/** a USD amount as the admin API takes it (a decimal string), checked here for a clear message */
export function parseUsdOption(text: string, option: string, opts: { allowNegative?: boolean } = {}): string {
  try {
    parseUsd(text, { allowZero: false, allowNegative: opts.allowNegative });
  } catch (e) {
    if (e instanceof GatewayError) throw new CliUserError(`${option}: ${e.message}`);
    throw e;
  }
  return text.trim();
}

/** a time for --from/--to: ISO 8601 (`2026-11-01`, `2026-11-01T12:00Z`) or ms since the epoch */
export function parseTime(text: string, option: string): number {
  const s = text.trim();
  const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(ms))
    throw new CliUserError(`${option}: "${text}" is not a date (write it like 2026-11-01)`);
  return ms;
}
