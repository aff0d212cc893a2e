// Reads the bundled catalog (data/catalog.json, see data/SOURCE.md) into compact records,
// keeping only the providers that are switched on so memory stays small.
import { readFileSync } from 'node:fs';
import type { CatalogModel, ModelMode, PriceTier, UnitPricesUsd } from './catalog-model.js';

const DATA_DIR = new URL('../../data/', import.meta.url);

interface RawEntry {
  id: string;
  provider: string;
  model: string;
  name?: string;
  mode?: string;
  context_window: number | null;
  max_output_tokens: number | null;
  input_per_mtok_usd: number | null;
  output_per_mtok_usd: number | null;
  cache_read_per_mtok_usd: number | null;
  cache_write_per_mtok_usd: number | null;
  tool_calling: boolean | null;
  vision: boolean | null;
  reasoning: boolean | null;
  release_date: string | null;
  deprecated?: boolean;
  extra_pricing?: Record<string, number>;
  pricing_tiers?: RawTier[];
}

interface RawTier {
  above_input_tokens: number;
  input_per_mtok_usd?: number | null;
  output_per_mtok_usd?: number | null;
  cache_read_per_mtok_usd?: number | null;
  cache_write_per_mtok_usd?: number | null;
}

/** the catalog's `pricing_tiers` by ascending threshold (a tier without an input price is left out) */
export function priceTiersOf(raw: RawTier[] | undefined): PriceTier[] | undefined {
  const tiers = (raw ?? [])
    .filter((t) => Number.isFinite(t.above_input_tokens) && typeof t.input_per_mtok_usd === 'number')
    .map((t) => ({
      aboveInputTokens: t.above_input_tokens,
      inputPerMtok: t.input_per_mtok_usd as number,
      outputPerMtok: t.output_per_mtok_usd ?? null,
      cacheReadPerMtok: t.cache_read_per_mtok_usd ?? null,
      cacheWritePerMtok: t.cache_write_per_mtok_usd ?? null,
    }))
    .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  return tiers.length > 0 ? tiers : undefined;
}

const MODES = new Set<string>([
  'embedding',
  'completion',
  'rerank',
  'image_generation',
  'audio_transcription',
  'audio_speech',
]);

function modeOf(m: string | undefined): ModelMode {
  if (m === undefined || m === 'chat') return 'chat';
  return MODES.has(m) ? (m as ModelMode) : 'other';
}

/**
 * The unit prices of `extra_pricing`. A generated image is priced by `output_per_image_usd`, or
 * by `input_per_image_usd` where that is the only per-image price (the catalog's DALL·E entries
 * name the price of one generated image so); audio in by `input_per_second_usd`; text in by
 * `input_per_mchar_usd`; a query by `per_query_usd`.
 */
export function unitPricesOf(
  mode: ModelMode,
  x: Record<string, number> | undefined,
): UnitPricesUsd | undefined {
  if (!x) return undefined;
  const u: UnitPricesUsd = {};
  const image = x.output_per_image_usd ?? x.input_per_image_usd;
  if (mode === 'image_generation' && image !== undefined) u.perImage = image;
  if (mode === 'audio_transcription' && x.input_per_second_usd !== undefined)
    u.perSecond = x.input_per_second_usd;
  if (mode === 'audio_speech' && x.input_per_mchar_usd !== undefined) u.perMchar = x.input_per_mchar_usd;
  if (mode === 'rerank' && x.per_query_usd !== undefined) u.perQuery = x.per_query_usd;
  return Object.keys(u).length > 0 ? u : undefined;
}

export function toCatalogModel(e: RawEntry): CatalogModel {
  const released = e.release_date ? Date.parse(e.release_date) : Number.NaN;
  const mode = modeOf(e.mode);
  const units = unitPricesOf(mode, e.extra_pricing);
  // media models' tokens are media: image tokens out, audio tokens in (transcription) or out (speech)
  const x = e.extra_pricing;
  const mediaOut =
    mode === 'image_generation'
      ? x?.output_image_per_mtok_usd
      : mode === 'audio_speech'
        ? x?.output_audio_per_mtok_usd
        : undefined;
  const mediaIn = mode === 'audio_transcription' ? x?.input_audio_per_mtok_usd : undefined;
  const tiers = mode === 'chat' || mode === 'completion' ? priceTiersOf(e.pricing_tiers) : undefined;
  return {
    id: e.id,
    provider: e.provider,
    model: e.model,
    name: e.name,
    mode,
    contextWindow: e.context_window,
    maxOutputTokens: e.max_output_tokens,
    prices: {
      inputPerMtok: e.input_per_mtok_usd,
      outputPerMtok: e.output_per_mtok_usd,
      cacheReadPerMtok: e.cache_read_per_mtok_usd,
      cacheWritePerMtok: e.cache_write_per_mtok_usd,
      ...(mediaIn !== undefined ? { mediaInputPerMtok: mediaIn } : {}),
      ...(mediaOut !== undefined ? { mediaOutputPerMtok: mediaOut } : {}),
      ...(units ? { units } : {}),
      ...(tiers ? { tiers } : {}),
    },
    free: false,
    toolCalling: e.tool_calling,
    vision: e.vision,
    reasoning: e.reasoning,
    releaseDate: e.release_date,
    created: Number.isFinite(released) ? Math.floor(released / 1000) : 0,
  };
}

const PROVIDER_FIELD = /"provider":"([^"]+)"/;

/**
 * Catalog entries of the given providers (all when `providers` is undefined). catalog.json
 * holds one model per line, so only the lines of enabled providers are parsed: the whole
 * catalog as objects would cost tens of MB of heap that a gateway with three providers never uses.
 */
export function loadCatalogEntries(providers?: Set<string>): CatalogModel[] {
  const text = readFileSync(new URL('catalog.json', DATA_DIR), 'utf8');
  const out: CatalogModel[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (!line.startsWith('{"id"')) continue;
    const provider = PROVIDER_FIELD.exec(line)?.[1];
    if (!provider || (providers && !providers.has(provider))) continue;
    out.push(toCatalogModel(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as RawEntry));
  }
  return out;
}

export interface ProviderPreset {
  id: string;
  name: string;
  kind: string;
  protocol: string;
  base_url: string | null;
  auth: { header: string; value: string; style?: string; extra_headers?: Record<string, string> };
  env?: string[];
  docs?: string;
}

export function loadProviderPresets(): ProviderPreset[] {
  const raw = JSON.parse(readFileSync(new URL('providers.json', DATA_DIR), 'utf8')) as {
    providers: ProviderPreset[];
  };
  return raw.providers;
}
