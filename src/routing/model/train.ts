// Training a router from labelled prompts: for every model named in the data, a logistic
// predictor of its score (0..1) from the hashed features of the prompt (features.ts), fitted by
// AdaGrad on the cross-entropy with soft labels and an L2 penalty; a cost model per model
// (least squares of the recorded cost on prompt tokens, else catalog prices, else equal costs);
// and the task-told baseline (mean score and cost per task type and model). Pure TypeScript.
import { classifyTask } from './classify-task.js';
import { type RoutingInput, TASK_TYPES, type TaskProfile, type TaskType } from './contract.js';
import { type CatalogSource, catalogLookup } from './default-quality.js';
import { DEFAULT_FEATURES, type FeatureSpec, featurize } from './features.js';
import { fitLogCost } from './fit-log-cost.js';
import { fitLogistic } from './fit-logistic.js';
import {
  type CostModel,
  ROUTER_FORMAT,
  ROUTER_VERSION,
  type RouterFile,
  type TaskToldEntry,
  type TrainedModelEntry,
} from './router-file.js';

export interface TrainingRow {
  prompt: string;
  /** model → score 0..1 */
  scores: Record<string, number>;
  /** model → USD for this prompt (optional) */
  costs?: Record<string, number>;
  /** the task type, when the data knows it (for the task-told baseline) */
  task?: string;
}

export interface TrainOptions {
  /** counts tokens (the gateway's tokenizer); required */
  countTokens: (text: string) => number;
  /** prices for models without recorded costs */
  catalog?: CatalogSource;
  features?: FeatureSpec;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** L2 on each model's own weights (its difference from the others) */
  l2Delta?: number;
  /** weights smaller than this are left out of the file */
  prune?: number;
  /** the same for the log-cost weights (they are larger: log dollars) */
  costPrune?: number;
  /** quality credited to the model with the best mean score (see RouterFile.leader; default 0) */
  leaderMargin?: number;
  /** learn log(cost) from the features when costs are recorded (default true) */
  costFeatures?: boolean;
  /** shuffling seed (training is deterministic for a given seed) */
  seed?: number;
  source?: string;
}

export const DEFAULT_LEADER_MARGIN = 0.06;

export const DEFAULT_TRAIN = {
  epochs: 6,
  learningRate: 0.1,
  l2: 1e-4,
  l2Delta: 1e-2,
  prune: 3e-2,
  costPrune: 0.2,
  seed: 1,
};

export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

/** checks one parsed line of a training file; `line` numbers the message */
export function checkRow(v: unknown, line: number): TrainingRow {
  const fail = (why: string) => new TrainingDataError(`line ${line}: ${why}`);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail('not a JSON object');
  const r = v as Record<string, unknown>;
  if (typeof r.prompt !== 'string') throw fail('"prompt" must be a string');
  if (typeof r.scores !== 'object' || r.scores === null || Array.isArray(r.scores))
    throw fail('"scores" must be an object of model → number 0..1');
  const scores = r.scores as Record<string, unknown>;
  if (Object.keys(scores).length === 0) throw fail('"scores" names no model');
  for (const [m, s] of Object.entries(scores))
    if (typeof s !== 'number' || !(s >= 0 && s <= 1)) throw fail(`scores["${m}"] must be a number 0..1`);
  if (r.costs !== undefined) {
    if (typeof r.costs !== 'object' || r.costs === null || Array.isArray(r.costs))
      throw fail('"costs" must be an object of model → USD');
    for (const [m, c] of Object.entries(r.costs as Record<string, unknown>))
      if (typeof c !== 'number' || !(c >= 0) || !Number.isFinite(c))
        throw fail(`costs["${m}"] must be a number ≥ 0`);
  }
  if (r.task !== undefined && typeof r.task !== 'string') throw fail('"task" must be a string');
  return r as unknown as TrainingRow;
}

/** a request as the router sees it, for a bare prompt */
export function inputOf(prompt: string, promptTokens: number): RoutingInput {
  return {
    prompt,
    historyChars: 0,
    hasTools: false,
    structuredOutput: false,
    hasImages: false,
    promptTokens,
  };
}

export { rng } from './random.js';

/** the task a row is labelled with, else the classifier's reading */
export function taskOf(row: TrainingRow, profile: TaskProfile): TaskType {
  return row.task && (TASK_TYPES as readonly string[]).includes(row.task)
    ? (row.task as TaskType)
    : profile.taskType;
}

interface Sample {
  idx: Int32Array;
  val: Float32Array;
  tokens: number;
  task: TaskType;
  profile: TaskProfile;
}

/** least squares of cost on prompt tokens; falls back to the mean when tokens do not vary */
function fitCost(xs: number[], ys: number[]): CostModel {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const perToken = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  return { perToken, fixed: Math.max(0, my - perToken * mx) };
}

function priceCost(catalog: CatalogSource | undefined, model: string, samples: Sample[]): CostModel {
  const m = catalog ? catalogLookup(catalog)(model) : undefined;
  const inp = m?.prices.inputPerMtok;
  const out = m?.prices.outputPerMtok;
  if (inp === null || inp === undefined || out === null || out === undefined)
    return { perToken: 0, fixed: 1 };
  const meanOut =
    samples.reduce((a, s) => a + s.profile.expectedOutputTokens, 0) / Math.max(1, samples.length);
  return { perToken: inp / 1e6, fixed: (meanOut * out) / 1e6 };
}

const sig = (x: number) => Number(x.toPrecision(5));

export function trainQualityModel(rows: readonly TrainingRow[], options: TrainOptions): RouterFile {
  if (rows.length === 0) throw new TrainingDataError('no training rows');
  const spec = options.features ?? DEFAULT_FEATURES;
  const o = { ...DEFAULT_TRAIN, ...stripUndefined(options) };
  const size = 2 ** spec.bits;
  const samples: Sample[] = rows.map((row) => {
    const tokens = options.countTokens(row.prompt);
    const input = inputOf(row.prompt, tokens);
    const profile = classifyTask(input);
    const f = featurize(input, profile, spec);
    return {
      idx: f.idx.slice(0, f.n),
      val: f.val.slice(0, f.n),
      tokens,
      task: taskOf(row, profile),
      profile,
    };
  });
  const models = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))].sort();
  const allLabels = models.map((model) => Float64Array.from(rows, (r) => r.scores[model] ?? Number.NaN));
  const fit = fitLogistic(samples, allLabels, size, o);
  const out: Record<string, TrainedModelEntry> = {};
  const taskTold: Record<string, Record<string, TaskToldEntry>> = {};
  models.forEach((model, mi) => {
    const labels = allLabels[mi]!;
    const have: number[] = [];
    const costX: number[] = [];
    const costY: number[] = [];
    rows.forEach((r, i) => {
      const s = r.scores[model];
      if (s === undefined) return;
      have.push(i);
      const c = r.costs?.[model];
      if (c !== undefined) {
        costX.push(samples[i]!.tokens);
        costY.push(c);
      }
    });
    const bias = fit.bias[mi]!;
    const { slots, weights: ws } = sparse(fit.own[mi]!, o.prune);
    const cost =
      costX.length > 0
        ? fitCost(costX, costY)
        : priceCost(
            options.catalog,
            model,
            have.map((i) => samples[i]!),
          );
    if (costX.length > 0 && options.costFeatures !== false) {
      const costs = Float64Array.from(rows, (r) => r.costs?.[model] ?? Number.NaN);
      const fitted = fitLogCost(samples, costs, size);
      if (fitted) cost.log = { bias: sig(fitted.bias), ...sparse(fitted.weights, o.costPrune) };
    }
    const meanQuality = have.reduce((a, i) => a + labels[i]!, 0) / have.length;
    out[model] = {
      bias: sig(bias),
      slots,
      weights: ws,
      rows: have.length,
      meanQuality: sig(meanQuality),
      cost,
    };
    // task-told baseline: mean score and (recorded or modelled) cost per task
    const sums = new Map<string, { q: number; c: number; n: number }>();
    for (const i of have) {
      const t = samples[i]!.task;
      const e = sums.get(t) ?? { q: 0, c: 0, n: 0 };
      e.q += labels[i]!;
      e.c += rows[i]!.costs?.[model] ?? cost.perToken * samples[i]!.tokens + cost.fixed;
      e.n++;
      sums.set(t, e);
    }
    for (const [t, e] of sums) {
      taskTold[t] ??= {};
      taskTold[t][model] = { quality: sig(e.q / e.n), cost: sig(e.c / e.n), rows: e.n };
    }
  });
  return {
    format: ROUTER_FORMAT,
    version: ROUTER_VERSION,
    kind: 'trained',
    created: new Date().toISOString(),
    description: `Per-model logistic quality predictors over hashed words, word pairs and the task profile (${models.length} models, ${rows.length} rows).`,
    features: spec,
    shared: sparse(fit.shared, o.prune),
    models: out,
    ...leaderOf(out, options.leaderMargin ?? DEFAULT_LEADER_MARGIN),
    taskTold,
    training: {
      rows: rows.length,
      source: options.source ?? null,
      epochs: o.epochs,
      learningRate: o.learningRate,
      l2: o.l2,
      l2Delta: o.l2Delta,
      prune: o.prune,
      seed: o.seed,
    },
  };
}

/** the model with the strictly best mean score, credited `margin` (none when the margin is 0) */
function leaderOf(models: Record<string, TrainedModelEntry>, margin: number): Pick<RouterFile, 'leader'> {
  if (!(margin > 0)) return {};
  const ranked = Object.entries(models).sort(([, a], [, b]) => b.meanQuality - a.meanQuality);
  // a tie has no leader
  if (ranked.length > 1 && ranked[0]![1].meanQuality === ranked[1]![1].meanQuality) return {};
  return { leader: { model: ranked[0]![0], margin } };
}

/** the weights at least `prune` in size, rounded to 5 significant digits */
function sparse(w: Float32Array, prune: number): { slots: number[]; weights: number[] } {
  const slots: number[] = [];
  const weights: number[] = [];
  for (let j = 0; j < w.length; j++) {
    if (Math.abs(w[j]!) >= prune) {
      slots.push(j);
      weights.push(sig(w[j]!));
    }
  }
  return { slots, weights };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
