export type {
  CatalogModel,
  ModelMode,
  ModelPrices,
  PriceTier,
  UnitKind,
  UnitPricesUsd,
} from './catalog-model.js';
export {
  loadCatalogEntries,
  loadProviderPresets,
  type ProviderPreset,
  toCatalogModel,
} from './load-catalog.js';
export { type CatalogOptions, ModelCatalog, type ResolvedModel } from './model-catalog.js';
export { reasoningEffortsOf } from './reasoning-efforts.js';
export { targetLimitsOf } from './target-limits-of.js';
