// The cost side of a trained router: for every model with recorded costs, log(cost) predicted
// from the same hashed features as its quality (least squares by AdaGrad, L2 on the weights), so
// a prompt whose answers run long (a word problem worked step by step) is priced higher than one
// answered in a token (a multiple-choice letter). exp(bias + w·x) is the model's expected cost.
import type { Sample } from './fit-logistic.js';
import { rng } from './random.js';

export interface LogCostOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_LOG_COST: LogCostOptions = { epochs: 4, learningRate: 0.1, l2: 1e-4, seed: 7 };

/** costs[row]: USD, NaN when the row has none for this model; rows with a cost ≤ 0 are skipped */
export function fitLogCost(
  samples: readonly Sample[],
  costs: Float64Array,
  size: number,
  o: LogCostOptions = DEFAULT_LOG_COST,
): { bias: number; weights: Float32Array } | undefined {
  const rows: number[] = [];
  let sum = 0;
  for (let r = 0; r < costs.length; r++) {
    const c = costs[r]!;
    if (!(c > 0)) continue;
    rows.push(r);
    sum += Math.log(c);
  }
  if (rows.length === 0) return undefined;
  const weights = new Float32Array(size);
  const g2 = new Float32Array(size);
  let bias = sum / rows.length;
  let biasG2 = 0;
  const random = rng(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    for (const r of rows) {
      const { idx, val } = samples[r]!;
      let z = bias;
      for (let k = 0; k < idx.length; k++) z += weights[idx[k]!]! * val[k]!;
      const e = z - Math.log(costs[r]!);
      biasG2 += e * e;
      bias -= (o.learningRate * e) / Math.sqrt(biasG2 + 1e-8);
      for (let k = 0; k < idx.length; k++) {
        const j = idx[k]!;
        const g = e * val[k]! + o.l2 * weights[j]!;
        g2[j]! += g * g;
        weights[j]! -= (o.learningRate * g) / Math.sqrt(g2[j]! + 1e-8);
      }
    }
  }
  return { bias, weights };
}
