// One model's price as billing uses it: integer micro-USD per million tokens (= pico-USD per
// token) for each kind of token, after overrides and the org's discount (billing/price-book.ts).
import type { CatalogModel } from '../catalog/catalog-model.js';
import { usdPerMtokToMicros } from './money.js';
import { type UnitPrices, unitPricesFromUsd } from './unit-price.js';

export interface ModelPrice {
  input: number;
  output: number;
  /** defaults to `input` when the catalog has no cache-read price */
  cacheRead: number;
  /** defaults to `input` when the catalog has no cache-write price */
  cacheWrite: number;
  /** defaults to `output` */
  reasoning: number;
  /** explicitly free: every price is 0 and that is intended */
  free: boolean;
  /** pico-USD per unit, for calls metered by the unit (billing/unit-price.ts) */
  units?: UnitPrices;
  /** true when only `units` are priced: the token prices above are 0 because unknown, never billable */
  tokensUnpriced?: boolean;
  /** long-context prices: a call whose input exceeds `above` tokens is billed at them (ascending) */
  tiers?: TierPrice[];
}

/** the token prices of one long-context tier, complete (billing/cost.ts priceForInput) */
export interface TierPrice {
  above: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export const FREE_PRICE: Readonly<ModelPrice> = Object.freeze({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  reasoning: 0,
  free: true,
});

/** the per-kind prices of a catalog model, null where the catalog has none */
export interface PartialPrice {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

export function catalogPartialPrice(model: CatalogModel | undefined): PartialPrice {
  const p = model?.prices;
  const micros = (x: number | null | undefined) =>
    x === null || x === undefined ? null : usdPerMtokToMicros(x);
  return {
    // media models bill audio tokens in and image / audio tokens out at their media prices
    input: micros(p?.mediaInputPerMtok ?? p?.inputPerMtok),
    output: micros(p?.mediaOutputPerMtok ?? p?.outputPerMtok),
    cacheRead: micros(p?.cacheReadPerMtok),
    cacheWrite: micros(p?.cacheWritePerMtok),
    reasoning: null,
  };
}

/**
 * fills the defaults; null when input or output has no price and no unit is priced (the model
 * is unpriced). A model priced only per unit gets token prices of 0 marked `tokensUnpriced`.
 */
export function completePrice(p: PartialPrice, units?: UnitPrices): ModelPrice | null {
  if (p.input === null || p.output === null) {
    if (!units) return null;
    return { ...FREE_PRICE, free: false, units, tokensUnpriced: true };
  }
  return {
    input: p.input,
    output: p.output,
    cacheRead: p.cacheRead ?? p.input,
    cacheWrite: p.cacheWrite ?? p.input,
    reasoning: p.reasoning ?? p.output,
    free: false,
    ...(units ? { units } : {}),
  };
}

/** the catalog's unit prices of a model in pico-USD per unit */
export function catalogUnitPrices(model: CatalogModel | undefined): UnitPrices | undefined {
  return unitPricesFromUsd(model?.prices.units);
}

/**
 * A price with the catalog's long-context tiers of the model, each price passed through `adjust`
 * (an org's discount). A kind a tier does not price keeps the base price; reasoning follows the
 * tier's output price.
 */
export function withCatalogTiers(
  price: ModelPrice,
  model: CatalogModel | undefined,
  adjust: (micros: number) => number = (m) => m,
): ModelPrice {
  const tiers = model?.prices.tiers;
  if (!tiers || price.free || price.tokensUnpriced) return price;
  const at = (usd: number | null, fallback: number) =>
    usd === null ? fallback : adjust(usdPerMtokToMicros(usd));
  return {
    ...price,
    tiers: tiers.map((t) => {
      const output = at(t.outputPerMtok, price.output);
      return {
        above: t.aboveInputTokens,
        input: at(t.inputPerMtok, price.input),
        output,
        cacheRead: at(t.cacheReadPerMtok, price.cacheRead),
        cacheWrite: at(t.cacheWritePerMtok, price.cacheWrite),
        reasoning: t.outputPerMtok === null ? price.reasoning : output,
      };
    }),
  };
}

/** the catalog's own price of a model (no overrides): null when unpriced and not free */
export function catalogPrice(model: CatalogModel): ModelPrice | null {
  if (model.free) return FREE_PRICE;
  const price = completePrice(catalogPartialPrice(model), catalogUnitPrices(model));
  return price && withCatalogTiers(price, model);
}

/**
 * Models that would be billed without a price: no input or output price and not marked free.
 * The gateway refuses such models in its configuration (never a silent $0).
 */
export function unpricedModels(models: Iterable<CatalogModel>): string[] {
  const out: string[] = [];
  for (const m of models) if (catalogPrice(m) === null) out.push(m.id);
  return out;
}
