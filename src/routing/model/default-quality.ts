// The router that works without training data: a capability prior per catalog model (price tier,
// recency, reasoning flag, size hints in the name) and task rules (hard code and math favour
// reasoning models; trivial chat is served about as well by small models; a vision task needs
// vision, a tool step tool calling). docs/routing.md gives the formulas; the numbers are
// PriorParams, shipped as data/routers/default.json.
import type { CatalogModel } from '../../catalog/catalog-model.js';
import type { QualityModel, RoutingInput, TaskProfile } from './contract.js';

export interface PriorParams {
  /** capability of a model priced at $1 per 1M blended tokens (3 input : 1 output) */
  base: number;
  /** capability gained per ×10 of blended price */
  perDecade: number;
  /** bounds of the price-derived capability */
  min: number;
  max: number;
  /** capability when the price is unknown, and for explicitly free models (simulator, local) */
  unknownPrice: number;
  free: number;
  /** capability per year of release date after `referenceYear`, clamped to [yearMin, yearMax] */
  perYear: number;
  referenceYear: number;
  yearMin: number;
  yearMax: number;
  /** a reasoning model: always, plus × difficulty on code and math, minus on trivial prompts */
  reasoningBonus: number;
  reasoningHardTask: number;
  reasoningTrivialPenalty: number;
  /** names that say small (mini, nano, lite, haiku, 8b…) or large (pro, opus, ultra, 405b…) */
  smallName: number;
  largeName: number;
  /** quality = 1 − spread · (1 − capability), spread = spreadMin + spreadPerDifficulty · difficulty */
  spreadMin: number;
  spreadPerDifficulty: number;
  /** quality multiplier for a tool step on a model without tool calling */
  noToolsFactor: number;
}

export const DEFAULT_PRIOR_PARAMS: PriorParams = {
  base: 0.55,
  perDecade: 0.12,
  min: 0.3,
  max: 0.85,
  unknownPrice: 0.55,
  free: 0.5,
  perYear: 0.03,
  referenceYear: 2024,
  yearMin: -0.06,
  yearMax: 0.09,
  reasoningBonus: 0.03,
  reasoningHardTask: 0.15,
  reasoningTrivialPenalty: 0.02,
  smallName: -0.03,
  largeName: 0.02,
  spreadMin: 0.1,
  spreadPerDifficulty: 0.8,
  noToolsFactor: 0.3,
};

/** what the default router reads the catalog through: the ModelCatalog, or a list of models */
export type CatalogSource =
  | { get(id: string): CatalogModel | undefined; list?(): CatalogModel[] }
  | readonly CatalogModel[];

const SMALL = /(?:^|[-_/.:\s])(?:mini|nano|lite|small|tiny|haiku|micro|[1-9]b|1[0-4]b)(?:$|[-_/.:\s])/i;
const LARGE = /(?:^|[-_/.:\s])(?:pro|opus|ultra|large|max|405b|[2-9]\d\db)(?:$|[-_/.:\s])/i;

/** the request-independent capability of a model, 0..1 */
export function modelCapability(m: CatalogModel, p: PriorParams = DEFAULT_PRIOR_PARAMS): number {
  const { inputPerMtok: inp, outputPerMtok: out } = m.prices;
  let c: number;
  if (m.free || (inp === 0 && out === 0)) c = p.free;
  else if (inp === null && out === null) c = p.unknownPrice;
  else {
    const blended = (3 * (inp ?? out ?? 0) + (out ?? inp ?? 0)) / 4;
    c = blended > 0 ? p.base + p.perDecade * Math.log10(blended) : p.free;
    c = Math.min(p.max, Math.max(p.min, c));
  }
  if (m.releaseDate) {
    const year =
      Number.parseInt(m.releaseDate.slice(0, 4), 10) + Number.parseInt(m.releaseDate.slice(5, 7), 10) / 12;
    if (Number.isFinite(year))
      c += Math.min(p.yearMax, Math.max(p.yearMin, p.perYear * (year - p.referenceYear)));
  }
  if (m.reasoning) c += p.reasoningBonus;
  if (SMALL.test(m.model)) c += p.smallName;
  else if (LARGE.test(m.model)) c += p.largeName;
  return Math.min(0.98, Math.max(0.05, c));
}

/** the prior quality of a model for one request */
export function priorQuality(
  m: CatalogModel,
  capability: number,
  profile: TaskProfile,
  p: PriorParams = DEFAULT_PRIOR_PARAMS,
): number {
  if (m.mode !== 'chat') return 0;
  if (profile.needs.images && m.vision === false) return 0;
  if (m.contextWindow !== null && profile.needs.contextTokens > m.contextWindow) return 0;
  let c = capability;
  const d = profile.difficulty;
  if (m.reasoning) {
    const hard = profile.taskScores.code + profile.taskScores.math_reasoning;
    c += p.reasoningHardTask * Math.min(1, hard) * d;
  }
  const spread = p.spreadMin + p.spreadPerDifficulty * d;
  let q = 1 - spread * (1 - Math.min(1, c));
  if (m.reasoning && d < 0.3) q -= p.reasoningTrivialPenalty;
  if (profile.needs.tools && m.toolCalling === false) q *= p.noToolsFactor;
  return Math.min(1, Math.max(0, q));
}

/** finds a catalog model by id, any case, bare model name, or `org/model` label under any provider */
export function catalogLookup(catalog: CatalogSource): (id: string) => CatalogModel | undefined {
  const list: readonly CatalogModel[] = Array.isArray(catalog)
    ? (catalog as readonly CatalogModel[])
    : ((catalog as { list?(): CatalogModel[] }).list?.() ?? []);
  const byId = new Map<string, CatalogModel>();
  const byName = new Map<string, CatalogModel>();
  for (const m of list) {
    byId.set(m.id, m);
    byId.set(m.id.toLowerCase(), m);
    if (!byName.has(m.model.toLowerCase())) byName.set(m.model.toLowerCase(), m);
  }
  const get = Array.isArray(catalog)
    ? undefined
    : (catalog as { get(id: string): CatalogModel | undefined }).get;
  return (id) =>
    byId.get(id) ??
    get?.call(catalog, id) ??
    byId.get(id.toLowerCase()) ??
    byName.get(id.toLowerCase()) ??
    // `org/model` labels (mistralai/Mixtral-8x7B-Instruct-v0.1) under any provider
    byName.get(id.slice(id.indexOf('/') + 1).toLowerCase());
}

/** catalog priors + task rules; predicts for every chat model the catalog knows */
export function defaultQualityModel(
  catalog: CatalogSource,
  params: PriorParams = DEFAULT_PRIOR_PARAMS,
): QualityModel {
  const find = catalogLookup(catalog);
  const capabilities = new Map<string, { m: CatalogModel; c: number }>();
  return {
    kind: 'default',
    models: [],
    predict(_input: RoutingInput, profile: TaskProfile, model: string): number | undefined {
      let entry = capabilities.get(model);
      if (entry === undefined) {
        const m = find(model);
        if (!m) return undefined; // not cached: the catalog may learn it later
        entry = { m, c: modelCapability(m, params) };
        capabilities.set(model, entry);
      }
      return priorQuality(entry.m, entry.c, profile, params);
    },
  };
}
