// One model as the gateway knows it: identity, limits, capabilities and list prices.
export type ModelMode = 'chat' | 'embedding' | 'completion' | 'other';

export interface ModelPrices {
  /** USD per 1M tokens; null = unknown */
  inputPerMtok: number | null;
  outputPerMtok: number | null;
  cacheReadPerMtok: number | null;
  cacheWritePerMtok: number | null;
}

export interface CatalogModel {
  /** `provider/model` */
  id: string;
  provider: string;
  /** the id the provider's API expects */
  model: string;
  name?: string;
  mode: ModelMode;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  prices: ModelPrices;
  /** explicitly free (the simulator, local models priced at zero on purpose) */
  free: boolean;
  toolCalling: boolean | null;
  vision: boolean | null;
  reasoning: boolean | null;
  releaseDate: string | null;
  /** unix seconds, for the models list */
  created: number;
  /** the catalog does not list it: configured by hand or accepted as unlisted */
  unlisted?: boolean;
}
