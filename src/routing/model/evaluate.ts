// `router eval`: routes every prompt of a labelled file across the trade-off knob and measures
// the cost–quality curve against the best single model, with baselines: a random router (the best
// model with probability p, else the cheapest), the hull of single models, the oracle (true scores
// and costs, the best any router could do) and the router told the task type (per task, the model the
// training split's mean score and cost make best under the same rule).
//
// Two rules rank a prompt's models as the knob moves: `doublings` (the default, the rule the gateway
// applies at request time: quality − λ · doublings of price over the cheapest, tradeoff.ts) and
// `dollars` (quality − μ · predicted cost in USD, one μ for the whole file, swept like the oracle's).
import { classifyTask } from './classify-task.js';
import type { QualityModel, RoutingInput, TaskProfile } from './contract.js';
import { type CurveFigures, type CurvePoint, curveFigures, hullMargin } from './hull.js';
import type { RouterFile } from './router-file.js';
import { knobOf, pickIndex } from './tradeoff.js';
import { inputOf, type TrainingRow, taskOf } from './train.js';

/** how a prompt's models are ranked as the knob moves (see the header) */
export type TradeoffRule = 'doublings' | 'dollars';
export const TRADEOFF_RULES: readonly TradeoffRule[] = ['doublings', 'dollars'];

export interface EvalOptions {
  /** default `doublings`, the request-time rule */
  rule?: TradeoffRule;
  countTokens: (text: string) => number;
  /** predicted quality when the router knows nothing of a model (catalog priors), else 0.5 */
  fallback?: QualityModel;
  /** predicted cost of a model for a prompt, when the router has no cost model of its own */
  predictCost?: (model: string, promptTokens: number) => number | undefined;
  /** number of λ (or μ) values swept (log-spaced, plus 0 and ∞) */
  steps?: number;
}

export interface RouterPoint extends CurvePoint {
  /** doublings: the knob of tradeoff.ts; dollars: 1 / (1 + μ · mean cost of the best model) */
  knob: number;
  /** dollars only: μ, quality given up per USD */
  mu?: number;
  /** share of prompts sent to each model */
  share: Record<string, number>;
}

export interface Baseline extends CurveFigures {
  points: CurvePoint[];
}

export interface EvalReport extends CurveFigures {
  /** the rule the router's (and the task-told baseline's) sweep ranked models by */
  rule: TradeoffRule;
  rows: number;
  models: string[];
  best_model: string;
  /** the best single model's totals over the file (USD and summed score) */
  best_total: { cost: number; quality: number };
  singles: Record<string, { cost: number; quality: number }>;
  points: RouterPoint[];
  random: Baseline;
  single_model_hull: Baseline;
  oracle: Baseline;
  task_told: Baseline | null;
  /** per task type the data labels: its rows and the share the classifier gives that type */
  classifier: Record<string, { rows: number; agree: number }>;
  comparison: {
    /** min / max over cost (0,1] of router hull − baseline hull, in quality fractions */
    vs_single_model_hull: { min: number; at: number; max: number };
    vs_task_told: { min: number; at: number; max: number } | null;
    beats_single_model_hull_everywhere: boolean;
    beats_task_told_everywhere: boolean | null;
  };
}

/** λ values: ∞ (cheapest), a log-spaced sweep from 10 down to 1e-5, and 0 (best quality) */
export function lambdaGrid(steps: number): number[] {
  const out = [Number.POSITIVE_INFINITY];
  for (let i = 0; i < steps; i++) out.push(10 ** (1 - (6 * i) / (steps - 1)));
  out.push(0);
  return out;
}

/**
 * μ values for the dollars rule, in quality per USD: ∞ (cheapest), `steps` log-spaced values of
 * μ · unit from 10⁴ down to 10⁻⁴, and 0 (best quality); `unit` is a typical cost (USD) of a prompt.
 */
export function muGrid(steps: number, unit: number): number[] {
  const out = [Number.POSITIVE_INFINITY];
  for (let i = 0; i < steps; i++) out.push(10 ** (4 - (8 * i) / (steps - 1)) / unit);
  out.push(0);
  return out;
}

/** argmax of q − μ · c (μ = ∞: the cheapest); ties go to the cheaper, then to the first */
export function pickByDollars(q: ArrayLike<number>, c: ArrayLike<number>, mu: number, n = q.length): number {
  let best = 0;
  for (let i = 1; i < n; i++) {
    const ua = mu === Number.POSITIVE_INFINITY ? -c[i]! : q[i]! - mu * c[i]!;
    const ub = mu === Number.POSITIVE_INFINITY ? -c[best]! : q[best]! - mu * c[best]!;
    if (ua > ub + 1e-15 || (Math.abs(ua - ub) <= 1e-15 && c[i]! < c[best]!)) best = i;
  }
  return best;
}

interface Sweep {
  rule: TradeoffRule;
  /** λ values (doublings) or μ values (dollars) */
  grid: number[];
  /** dollars: the mean cost per prompt of the best model, to report the knob */
  unit: number;
}

function sweep(
  n: number,
  m: number,
  q: Float64Array,
  c: Float64Array,
  trueQ: Float64Array,
  trueC: Float64Array,
  how: Sweep,
  norm: { cost: number; quality: number },
  models: string[],
): RouterPoint[] {
  const pts: RouterPoint[] = [];
  const counts = new Int32Array(m);
  const dollars = how.rule === 'dollars';
  for (const lambda of how.grid) {
    let cost = 0;
    let quality = 0;
    counts.fill(0);
    for (let r = 0; r < n; r++) {
      const qs = q.subarray(r * m, r * m + m);
      const cs = c.subarray(r * m, r * m + m);
      const k = dollars ? pickByDollars(qs, cs, lambda) : pickIndex(qs, cs, lambda);
      counts[k]!++;
      cost += trueC[r * m + k]!;
      quality += trueQ[r * m + k]!;
    }
    const share: Record<string, number> = {};
    models.forEach((id, i) => {
      share[id] = Math.round((counts[i]! / n) * 1e4) / 1e4;
    });
    const point: RouterPoint = {
      knob: round(dollars ? 1 / (1 + lambda * how.unit) : knobOf(lambda)),
      cost: round(cost / norm.cost),
      quality: round(quality / norm.quality),
      share,
    };
    if (dollars) point.mu = lambda;
    pts.push(point);
  }
  return pts;
}

/**
 * The oracle: true scores and true costs, each prompt answered by argmax q − μ·cost (in dollars).
 * Sweeping μ traces the exact upper hull of what any router could reach on the file (Lagrangian
 * relaxation of "best total quality for a total cost"), so it bounds every router from above.
 */
function oracleCurve(
  n: number,
  m: number,
  q: Float64Array,
  c: Float64Array,
  norm: { cost: number; quality: number },
) {
  const mean = norm.cost / n;
  const mus = [0];
  for (let i = 0; i <= 200; i++) mus.push(10 ** (-4 + (8 * i) / 200) / mean);
  mus.push(Number.POSITIVE_INFINITY);
  const pts: CurvePoint[] = [];
  for (const mu of mus) {
    let cost = 0;
    let quality = 0;
    for (let r = 0; r < n; r++) {
      const best = pickByDollars(q.subarray(r * m, r * m + m), c.subarray(r * m, r * m + m), mu);
      cost += c[r * m + best]!;
      quality += q[r * m + best]!;
    }
    pts.push({ cost: round(cost / norm.cost), quality: round(quality / norm.quality) });
  }
  return pts;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const baseline = (points: CurvePoint[]): Baseline => ({ ...curveFigures(points), points });

export function evaluateRouter(
  rows: readonly TrainingRow[],
  router: QualityModel & {
    costOf?(model: string, tokens: number, input?: RoutingInput, profile?: TaskProfile): number | undefined;
  },
  file: RouterFile | undefined,
  options: EvalOptions,
): EvalReport {
  const models = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))].sort();
  const usable = rows.filter((r) => models.every((m) => r.scores[m] !== undefined));
  if (usable.length === 0) throw new Error('no row scores every model of the file');
  const n = usable.length;
  const m = models.length;
  const q = new Float64Array(n * m);
  const c = new Float64Array(n * m);
  const trueQ = new Float64Array(n * m);
  const trueC = new Float64Array(n * m);
  const tasks: string[] = [];
  const labelled: Record<string, { rows: number; agree: number }> = {};
  usable.forEach((row, r) => {
    const tokens = options.countTokens(row.prompt);
    const input = inputOf(row.prompt, tokens);
    const profile = classifyTask(input);
    tasks.push(taskOf(row, profile));
    if (row.task) {
      let l = labelled[row.task];
      if (!l) {
        l = { rows: 0, agree: 0 };
        labelled[row.task] = l;
      }
      l.rows++;
      if (profile.taskType === row.task) l.agree++;
    }
    models.forEach((model, i) => {
      const predicted =
        router.predict(input, profile, model) ?? options.fallback?.predict(input, profile, model) ?? 0.5;
      const cost =
        router.costOf?.(model, tokens, input, profile) ?? options.predictCost?.(model, tokens) ?? 1;
      q[r * m + i] = predicted;
      c[r * m + i] = cost;
      trueQ[r * m + i] = row.scores[model]!;
      trueC[r * m + i] = row.costs?.[model] ?? cost;
    });
  });
  // single models
  const singles: Record<string, { cost: number; quality: number }> = {};
  models.forEach((model, i) => {
    let cost = 0;
    let quality = 0;
    for (let r = 0; r < n; r++) {
      cost += trueC[r * m + i]!;
      quality += trueQ[r * m + i]!;
    }
    singles[model] = { cost, quality };
  });
  const byQuality = [...models].sort(
    (a, b) => singles[b]!.quality - singles[a]!.quality || singles[a]!.cost - singles[b]!.cost,
  );
  const best = byQuality[0]!;
  const cheapest = [...models].sort((a, b) => singles[a]!.cost - singles[b]!.cost)[0]!;
  const norm = singles[best]!;
  const rule = options.rule ?? 'doublings';
  if (!TRADEOFF_RULES.includes(rule)) throw new Error(`unknown trade-off rule "${rule}"`);
  const steps = options.steps ?? 240;
  const unit = norm.cost / n;
  const how: Sweep = {
    rule,
    grid: rule === 'dollars' ? muGrid(steps, unit > 0 ? unit : 1) : lambdaGrid(steps),
    unit,
  };
  const points = sweep(n, m, q, c, trueQ, trueC, how, norm, models);
  const oracle = oracleCurve(n, m, trueQ, trueC, norm);
  const singlePoints = models.map((model) => ({
    cost: round(singles[model]!.cost / norm.cost),
    quality: round(singles[model]!.quality / norm.quality),
  }));
  const randomPoints: CurvePoint[] = [];
  for (let i = 0; i <= 20; i++) {
    const p = i / 20;
    const lo = singles[cheapest]!;
    randomPoints.push({
      cost: round(((1 - p) * lo.cost + p * norm.cost) / norm.cost),
      quality: round(((1 - p) * lo.quality + p * norm.quality) / norm.quality),
    });
  }
  let taskTold: Baseline | null = null;
  if (file?.taskTold) {
    const tq = new Float64Array(n * m);
    const tc = new Float64Array(n * m);
    for (let r = 0; r < n; r++) {
      const stats = file.taskTold[tasks[r]!] ?? overall(file.taskTold, models);
      models.forEach((model, i) => {
        tq[r * m + i] = stats[model]?.quality ?? 0;
        tc[r * m + i] = stats[model]?.cost ?? c[r * m + i]!;
      });
    }
    taskTold = baseline(sweep(n, m, tq, tc, trueQ, trueC, how, norm, models));
  }
  const vsSingle = hullMargin(points, singlePoints);
  const vsTask = taskTold ? hullMargin(points, taskTold.points) : null;
  return {
    rule,
    rows: n,
    models,
    best_model: best,
    best_total: { cost: round(norm.cost), quality: round(norm.quality) },
    singles: Object.fromEntries(
      models.map((id) => [id, { cost: round(singles[id]!.cost), quality: round(singles[id]!.quality) }]),
    ),
    ...curveFigures(points),
    points,
    random: baseline(randomPoints),
    single_model_hull: baseline(singlePoints),
    oracle: baseline(oracle),
    task_told: taskTold,
    classifier: Object.fromEntries(
      Object.entries(labelled).map(([task, l]) => [task, { rows: l.rows, agree: round(l.agree / l.rows) }]),
    ),
    comparison: {
      vs_single_model_hull: vsSingle,
      vs_task_told: vsTask,
      beats_single_model_hull_everywhere: vsSingle.min >= -1e-6 && vsSingle.max > 1e-6,
      beats_task_told_everywhere: vsTask ? vsTask.min >= -1e-6 && vsTask.max > 1e-6 : null,
    },
  };
}

/** the mean over all tasks, for a task the training data never saw */
function overall(
  told: NonNullable<RouterFile['taskTold']>,
  models: string[],
): Record<string, { quality: number; cost: number }> {
  const out: Record<string, { quality: number; cost: number }> = {};
  for (const model of models) {
    let q = 0;
    let c = 0;
    let rows = 0;
    for (const per of Object.values(told)) {
      const e = per[model];
      if (!e) continue;
      q += e.quality * e.rows;
      c += e.cost * e.rows;
      rows += e.rows;
    }
    if (rows > 0) out[model] = { quality: q / rows, cost: c / rows };
  }
  return out;
}
