// Calls metered by the unit instead of the token: images generated, seconds of audio
// transcribed, characters of text spoken, rerank queries (search units). Unit prices are integer
// pico-USD per unit (the catalog's USD per unit × 10^12, or its USD per million characters × 10^6),
// exact from the price's decimal digits; a cost is count × price in picos, rounded half up to
// the nano-USD like token costs (billing/cost.ts).
import type { Usage } from '../canonical/types.js';
import type { UnitKind, UnitPricesUsd } from '../catalog/catalog-model.js';
import { costOf } from './cost.js';
import type { ModelPrice } from './model-price.js';

/** pico-USD per unit, by kind */
export type UnitPrices = Partial<Record<UnitKind, number>>;

/** what a call was metered in: how many of which unit */
export interface UnitCount {
  kind: UnitKind;
  count: number;
}

/** a non-negative USD amount with up to 12 decimals → integer pico-USD (exact from its decimal form) */
export function usdToPicos(usd: number): number {
  if (!Number.isFinite(usd) || usd < 0) throw new RangeError(`"${usd}" is not a price`);
  const [whole, fraction = ''] = usd.toFixed(12).split('.');
  const picos = BigInt(whole!) * 1_000_000_000_000n + BigInt(fraction.padEnd(12, '0'));
  if (picos > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`"${usd}" is too large a unit price`);
  return Number(picos);
}

/** the catalog's unit prices in pico-USD per unit (per character for speech) */
export function unitPricesFromUsd(u: UnitPricesUsd | undefined): UnitPrices | undefined {
  if (!u) return undefined;
  const out: UnitPrices = {};
  if (u.perImage !== undefined) out.image = usdToPicos(u.perImage);
  if (u.perSecond !== undefined) out.second = usdToPicos(u.perSecond);
  // USD per million characters = micro-USD per character = 10^6 pico-USD per character / 10^6
  if (u.perMchar !== undefined) out.character = usdToPicos(u.perMchar / 1_000_000);
  if (u.perQuery !== undefined) out.query = usdToPicos(u.perQuery);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * How a call of this unit kind on this model is billed: by its unit price when the model has
 * one, else by its tokens when it has token prices; null = it cannot be billed (unpriced).
 * Calls without a unit kind (chat, embeddings) are billed by tokens.
 */
export function meteredBy(price: ModelPrice, kind: UnitKind | undefined): 'units' | 'tokens' | null {
  if (price.free) return 'tokens';
  if (kind !== undefined && price.units?.[kind] !== undefined) return 'units';
  return price.tokensUnpriced ? null : 'tokens';
}

const half = 500n;

/** count × pico-USD per unit → nano-USD, half up */
export function unitCost(count: number, picosPerUnit: number): number {
  const n = count > 0 ? BigInt(Math.floor(count)) : 0n;
  return Number((n * BigInt(picosPerUnit) + half) / 1000n);
}

/** the most `count` units can cost, rounded up to the nano (reserved before the call) */
export function worstUnitCost(count: number, picosPerUnit: number): number {
  const n = count > 0 ? BigInt(Math.ceil(count)) : 0n;
  return Number((n * BigInt(picosPerUnit) + 999n) / 1000n);
}

/** the cost of one answered call: its units at the unit price, or its tokens */
export function callCost(usage: Usage, units: UnitCount | undefined, price: ModelPrice): number {
  if (price.free) return 0;
  if (units && meteredBy(price, units.kind) === 'units')
    return unitCost(units.count, price.units![units.kind]!);
  return costOf(usage, price);
}
