// Money is integer nano-USD (1e-9 USD) everywhere: in the database, in shared counters, in
// API answers (next to a decimal USD string). One request's amount fits a JS number exactly;
// sums over many requests use bigint. Prices are integer micro-USD per million tokens, which is
// the same number as pico-USD per token (see billing/cost.ts).
import { GatewayError } from '../canonical/errors.js';

export const NANOS_PER_USD = 1_000_000_000n;
const DECIMALS = 9;

const USD_TEXT = /^(-)?(\d+)(?:\.(\d*))?$/;

export interface ParseUsdOptions {
  /** accept amounts below zero (adjustments); default false */
  allowNegative?: boolean;
  /** accept zero; default true */
  allowZero?: boolean;
  /** the request field, for the error */
  param?: string;
}

function invalid(message: string, param: string | undefined): GatewayError {
  return new GatewayError('invalid_request', message, { param, code: 'invalid_amount' });
}

/**
 * A decimal USD amount ("10.5", "0.000000001", or a JSON number such as 10.5) → nano-USD,
 * exactly from its decimal digits (never through a float product). More than 9 decimals,
 * exponents, negatives (unless allowed) and amounts beyond Number.MAX_SAFE_INTEGER nanos
 * (~9 million USD) are refused.
 */
export function parseUsd(value: string | number, opts: ParseUsdOptions = {}): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = USD_TEXT.exec(text);
  if (!m) throw invalid(`"${String(value)}" is not a USD amount (write it like "10.50")`, opts.param);
  const [, minus, whole, fraction = ''] = m;
  if (fraction.length > DECIMALS)
    throw invalid(`A USD amount has at most ${DECIMALS} decimals (1 nano-USD)`, opts.param);
  const nanos = BigInt(whole!) * NANOS_PER_USD + BigInt(fraction.padEnd(DECIMALS, '0'));
  const signed = minus ? -nanos : nanos;
  if (signed < 0n && !opts.allowNegative) throw invalid('The amount must not be negative', opts.param);
  if (signed === 0n && opts.allowZero === false) throw invalid('The amount must not be zero', opts.param);
  return toSafeNanos(signed, opts.param);
}

/** a bigint amount as a number, refusing what a number cannot hold exactly */
export function toSafeNanos(nanos: bigint, param?: string): number {
  if (nanos > BigInt(Number.MAX_SAFE_INTEGER) || nanos < -BigInt(Number.MAX_SAFE_INTEGER))
    throw invalid('The amount is too large', param);
  return Number(nanos);
}

/**
 * nano-USD → a decimal USD string: "10.500000000" (all 9 decimals), or with `trim` "10.5"
 * (at least two decimals kept: "10.00").
 */
export function formatUsd(nanos: number | bigint | string, opts: { trim?: boolean } = {}): string {
  const n = BigInt(nanos);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const whole = abs / NANOS_PER_USD;
  let fraction = (abs % NANOS_PER_USD).toString().padStart(DECIMALS, '0');
  if (opts.trim) {
    fraction = fraction.replace(/0+$/, '');
    if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  }
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * A catalog price in USD per million tokens → integer micro-USD per million tokens, which is
 * also pico-USD per token. Exact for prices with up to 6 decimals (read from the number's
 * shortest decimal form); a price with more decimals is rounded half up to the micro-USD.
 */
export function usdPerMtokToMicros(usdPerMtok: number): number {
  if (!Number.isFinite(usdPerMtok) || usdPerMtok < 0)
    throw new GatewayError('invalid_request', `"${usdPerMtok}" is not a price`, { code: 'invalid_price' });
  const text = String(usdPerMtok);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m && (m[2] ?? '').length <= 6) return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
  return Math.round(usdPerMtok * 1_000_000);
}

/** integer micro-USD per million tokens → USD per million tokens as a decimal string ("3.75") */
export function microsToUsdPerMtok(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** exact sum of amounts however the database handed them over (number, string or bigint) */
export function sumNanos(values: Iterable<number | bigint | string | null | undefined>): bigint {
  let total = 0n;
  for (const v of values) if (v !== null && v !== undefined) total += BigInt(v);
  return total;
}

/** an amount for an API answer: exact nanos as a string and the USD decimal string */
export function moneyView(nanos: number | bigint | string): { nanos: string; usd: string } {
  const n = BigInt(nanos);
  return { nanos: n.toString(), usd: formatUsd(n) };
}
