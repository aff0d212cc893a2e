// The router file (versioned JSON): the default router's prior parameters, or a trained router's
// per-model predictors, cost models and the task-told baseline learned with it.
//
// {
//   "format": "switchyard-router", "version": 1, "kind": "default" | "trained",
//   "created": ISO time, "description": text,
//   "priors": PriorParams                                  (kind default)
//   "features": { "bits": 16, "pairs": true, "stats": true, "buckets": true }, (kind trained)
//   "shared": { "slots": [int], "weights": [float] },    (kind trained: added to every model's)
//   "models": { "<model id>": { "bias", "slots": [int], "weights": [float], "rows", "meanQuality",
//                               "cost": { "perToken", "fixed", "log"?: { "bias", "slots", "weights" } } } },
//   "taskTold": { "<task>": { "<model id>": { "quality", "cost", "rows" } } },
//   "leader": { "model", "margin" },                     (kind trained, optional)
//   "aliases": { "<request-time model id>": "<trained model id>" },
//   "training": { "rows", "source", ... }
// }
import type { QualityModel } from './contract.js';
import {
  type CatalogSource,
  DEFAULT_PRIOR_PARAMS,
  defaultQualityModel,
  type PriorParams,
} from './default-quality.js';
import type { FeatureSpec } from './features.js';
import { trainedQualityModel } from './trained-quality.js';

export const ROUTER_FORMAT = 'switchyard-router';
export const ROUTER_VERSION = 1;

/** expected cost of one request to a model, USD: perToken × prompt tokens + fixed */
export interface CostModel {
  perToken: number;
  fixed: number;
  /** learned from recorded costs: log(cost) = bias + weights · features (used when present) */
  log?: { bias: number; slots: number[]; weights: number[] };
}

export interface TrainedModelEntry {
  bias: number;
  slots: number[];
  weights: number[];
  rows: number;
  meanQuality: number;
  cost: CostModel;
}

export interface TaskToldEntry {
  quality: number;
  cost: number;
  rows: number;
}

export interface RouterFile {
  format: typeof ROUTER_FORMAT;
  version: typeof ROUTER_VERSION;
  kind: 'default' | 'trained';
  created?: string;
  description?: string;
  priors?: PriorParams;
  features?: FeatureSpec;
  /** weights every model adds to its own (absent: none) */
  shared?: { slots: number[]; weights: number[] };
  models?: Record<string, TrainedModelEntry>;
  taskTold?: Record<string, Record<string, TaskToldEntry>>;
  /**
   * the model with the best mean score in training and the quality it is credited with on top of
   * its prediction: a cheaper model takes its place only when predicted better by more than that
   */
  leader?: { model: string; margin: number };
  /** request-time model ids → the trained model they are (`mistral/open-mixtral-8x7b` → the data's Mixtral label) */
  aliases?: Record<string, string>;
  training?: Record<string, unknown>;
}

export class RouterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouterFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** checks the shape of a parsed router file; throws RouterFileError naming what is wrong */
export function parseRouterFile(json: unknown): RouterFile {
  const doc = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  if (!isObject(doc) || doc.format !== ROUTER_FORMAT)
    throw new RouterFileError(`not a router file: "format" must be "${ROUTER_FORMAT}"`);
  if (doc.version !== ROUTER_VERSION)
    throw new RouterFileError(
      `router file version ${String(doc.version)} is not supported (this build reads ${ROUTER_VERSION})`,
    );
  if (doc.kind === 'default') {
    if (doc.priors !== undefined && !isObject(doc.priors))
      throw new RouterFileError('"priors" must be an object');
    for (const [k, v] of Object.entries(doc.priors ?? {}))
      if (!isNum(v)) throw new RouterFileError(`priors.${k} must be a number`);
    return doc as unknown as RouterFile;
  }
  if (doc.kind !== 'trained') throw new RouterFileError('"kind" must be "default" or "trained"');
  const f = doc.features;
  if (!isObject(f) || !isNum(f.bits) || f.bits < 8 || f.bits > 24 || typeof f.pairs !== 'boolean')
    throw new RouterFileError('"features" must be { bits: 8..24, pairs: boolean, stats?: boolean }');
  if (f.stats !== undefined && typeof f.stats !== 'boolean')
    throw new RouterFileError('"features.stats" must be a boolean');
  if (f.buckets !== undefined && typeof f.buckets !== 'boolean')
    throw new RouterFileError('"features.buckets" must be a boolean');
  if (!isObject(doc.models) || Object.keys(doc.models).length === 0)
    throw new RouterFileError('"models" must name at least one model');
  const size = 2 ** f.bits;
  const checkWeights = (what: string, m: Record<string, unknown>) => {
    if (!Array.isArray(m.slots) || !Array.isArray(m.weights))
      throw new RouterFileError(`${what} needs slots and weights`);
    if (m.slots.length !== m.weights.length)
      throw new RouterFileError(`${what}: slots and weights differ in length`);
    for (let i = 0; i < m.slots.length; i++) {
      const s = m.slots[i];
      if (!Number.isInteger(s) || (s as number) < 0 || (s as number) >= size || !isNum(m.weights[i]))
        throw new RouterFileError(`${what}: slot ${i} is out of range or its weight is not a number`);
    }
  };
  if (doc.shared !== undefined) {
    if (!isObject(doc.shared)) throw new RouterFileError('"shared" must be an object');
    checkWeights('shared', doc.shared);
  }
  if (doc.aliases !== undefined) {
    if (!isObject(doc.aliases))
      throw new RouterFileError('"aliases" must be an object of model id → trained model id');
    const known = new Set(Object.keys(doc.models).map((k) => k.toLowerCase()));
    for (const [from, to] of Object.entries(doc.aliases))
      if (typeof to !== 'string' || !known.has(to.toLowerCase()))
        throw new RouterFileError(`aliases["${from}"] must name a trained model`);
  }
  if (doc.leader !== undefined) {
    const l = doc.leader as Record<string, unknown>;
    if (!isObject(l) || typeof l.model !== 'string' || !(l.model in doc.models) || !isNum(l.margin))
      throw new RouterFileError('"leader" must be { model: a trained model, margin: number }');
  }
  for (const [id, m] of Object.entries(doc.models)) {
    if (!isObject(m) || !isNum(m.bias))
      throw new RouterFileError(`models["${id}"] needs bias, slots and weights`);
    checkWeights(`models["${id}"]`, m);
    if (!isObject(m.cost) || !isNum(m.cost.perToken) || !isNum(m.cost.fixed))
      throw new RouterFileError(`models["${id}"].cost must be { perToken, fixed }`);
    if (m.cost.log !== undefined) {
      if (!isObject(m.cost.log) || !isNum(m.cost.log.bias))
        throw new RouterFileError(`models["${id}"].cost.log must be { bias, slots, weights }`);
      checkWeights(`models["${id}"].cost.log`, m.cost.log);
    }
  }
  return doc as unknown as RouterFile;
}

/**
 * The quality model a router file describes. A default router needs the catalog (its priors are
 * about catalog models); a trained one predicts only for the models it was trained on.
 */
export function loadQualityModel(json: unknown, catalog?: CatalogSource): QualityModel {
  const file = parseRouterFile(json);
  if (file.kind === 'default') {
    if (!catalog) throw new RouterFileError('a default router file needs the model catalog');
    return defaultQualityModel(catalog, { ...DEFAULT_PRIOR_PARAMS, ...file.priors });
  }
  return trainedQualityModel(file);
}

/** the default router as a file (data/routers/default.json) */
export function defaultRouterFile(): RouterFile {
  return {
    format: ROUTER_FORMAT,
    version: ROUTER_VERSION,
    kind: 'default',
    description:
      'Catalog priors (price tier, release date, reasoning flag, size hints in the name) and task rules; ' +
      'no training data. See docs/routing.md, "Training and evaluation".',
    priors: { ...DEFAULT_PRIOR_PARAMS },
  };
}
