// The fit behind a trained router: for every model m, P(good answer) = σ(b_m + (w + v_m)·x), where
// w is shared by all models (how hard a prompt is for anyone) and v_m is what is particular to m
// (where it is better or worse than the others). Both are fitted together by AdaGrad on the
// cross-entropy with soft labels; v_m has its own, stronger L2 penalty, so the differences between
// models — what routing decides on — are learned from real evidence, not from noise. A model
// without a label on a row is simply not trained on that row.
import { rng } from './random.js';

export interface Sample {
  idx: Int32Array;
  val: Float32Array;
}

export interface FitOptions {
  epochs: number;
  learningRate: number;
  /** L2 on the shared weights */
  l2: number;
  /** L2 on each model's own weights */
  l2Delta: number;
  seed: number;
}

export interface FitResult {
  bias: number[];
  /** w: shared by every model */
  shared: Float32Array;
  /** v_m per model (a prediction reads w + v_m) */
  own: Float32Array[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** labels[m][row]: the score of model m on the row, NaN when it has none */
export function fitLogistic(
  samples: readonly Sample[],
  labels: Float64Array[],
  size: number,
  o: FitOptions,
): FitResult {
  const models = labels.length;
  const shared = new Float32Array(size);
  const sharedG2 = new Float32Array(size);
  const own = labels.map(() => new Float32Array(size));
  const ownG2 = labels.map(() => new Float32Array(size));
  const bias = labels.map((ls) => {
    let sum = 0;
    let n = 0;
    for (const y of ls) {
      if (Number.isNaN(y)) continue;
      sum += y;
      n++;
    }
    const mean = Math.min(0.999, Math.max(0.001, n > 0 ? sum / n : 0.5));
    return Math.log(mean / (1 - mean));
  });
  const biasG2 = new Float64Array(models);
  const err = new Float64Array(models);
  const order = samples.map((_, i) => i);
  const random = rng(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const { idx, val } = samples[r]!;
      let zShared = 0;
      for (let k = 0; k < idx.length; k++) zShared += shared[idx[k]!]! * val[k]!;
      let errSum = 0;
      for (let m = 0; m < models; m++) {
        const y = labels[m]![r]!;
        if (Number.isNaN(y)) {
          err[m] = 0;
          continue;
        }
        const v = own[m]!;
        let z = bias[m]! + zShared;
        for (let k = 0; k < idx.length; k++) z += v[idx[k]!]! * val[k]!;
        const e = sigmoid(z) - y;
        err[m] = e;
        errSum += e;
        biasG2[m]! += e * e;
        bias[m]! -= (o.learningRate * e) / Math.sqrt(biasG2[m]! + 1e-8);
      }
      for (let k = 0; k < idx.length; k++) {
        const j = idx[k]!;
        const x = val[k]!;
        const g = errSum * x + o.l2 * shared[j]!;
        sharedG2[j]! += g * g;
        shared[j]! -= (o.learningRate * g) / Math.sqrt(sharedG2[j]! + 1e-8);
        for (let m = 0; m < models; m++) {
          if (err[m] === 0 && Number.isNaN(labels[m]![r]!)) continue;
          const v = own[m]!;
          const gm = err[m]! * x + o.l2Delta * v[j]!;
          ownG2[m]![j]! += gm * gm;
          v[j]! -= (o.learningRate * gm) / Math.sqrt(ownG2[m]![j]! + 1e-8);
        }
      }
    }
  }
  return { bias, shared, own };
}
