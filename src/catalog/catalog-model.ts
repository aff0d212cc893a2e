// One model as the gateway knows it: identity, limits, capabilities and list prices.
export type ModelMode =
  | 'chat'
  | 'embedding'
  | 'completion'
  | 'rerank'
  | 'image_generation'
  | 'audio_transcription'
  | 'audio_speech'
  | 'other';

/** what a call is metered in when it is not priced by the token */
export type UnitKind = 'image' | 'second' | 'character' | 'query';

/**
 * List prices per unit in USD, as the catalog's `extra_pricing` states them: per generated image,
 * per second of audio in, per million characters of text in, per query (Cohere: per search unit).
 */
export interface UnitPricesUsd {
  perImage?: number;
  perSecond?: number;
  perMchar?: number;
  perQuery?: number;
}

/**
 * Prices that replace the list prices for a call whose input (cache reads and writes included)
 * exceeds `aboveInputTokens`: the catalog's `pricing_tiers` (Anthropic's and Gemini's long-context
 * prices above 200k tokens). A kind the tier does not price keeps its list price.
 */
export interface PriceTier {
  aboveInputTokens: number;
  inputPerMtok: number;
  outputPerMtok: number | null;
  cacheReadPerMtok: number | null;
  cacheWritePerMtok: number | null;
}

export interface ModelPrices {
  /** USD per 1M tokens; null = unknown */
  inputPerMtok: number | null;
  outputPerMtok: number | null;
  cacheReadPerMtok: number | null;
  cacheWritePerMtok: number | null;
  /** transcription models: the price of audio input tokens (it replaces `inputPerMtok` for them) */
  mediaInputPerMtok?: number;
  /** image and speech models: the price of generated image / audio tokens (it replaces `outputPerMtok`) */
  mediaOutputPerMtok?: number;
  /** prices per unit (image, second, character, query), where the catalog has them */
  units?: UnitPricesUsd;
  /** long-context prices, by ascending threshold */
  tiers?: PriceTier[];
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
