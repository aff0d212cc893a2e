// One model's price as billing uses it: integer micro-USD per million tokens (= pico-USD per
// token) for each kind of token, after overrides and the org's discount (billing/price-book.ts).
import type { CatalogModel } from '../catalog/catalog-model.js';
import { usdPerMtokToMicros } from './money.js';

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
    input: micros(p?.inputPerMtok),
    output: micros(p?.outputPerMtok),
    cacheRead: micros(p?.cacheReadPerMtok),
    cacheWrite: micros(p?.cacheWritePerMtok),
    reasoning: null,
  };
}

/** fills the defaults; null when input or output has no price (the model is unpriced) */
export function completePrice(p: PartialPrice): ModelPrice | null {
  if (p.input === null || p.output === null) return null;
  return {
    input: p.input,
    output: p.output,
    cacheRead: p.cacheRead ?? p.input,
    cacheWrite: p.cacheWrite ?? p.input,
    reasoning: p.reasoning ?? p.output,
    free: false,
  };
}

/** the catalog's own price of a model (no overrides): null when unpriced and not free */
export function catalogPrice(model: CatalogModel): ModelPrice | null {
  if (model.free) return FREE_PRICE;
  return completePrice(catalogPartialPrice(model));
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
