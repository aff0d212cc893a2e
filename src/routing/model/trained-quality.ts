// A trained router at request time: per model, a logistic predictor over the hashed features
// (features.ts) with its weights in a dense table; the features of a request are computed once
// and reused for every candidate of that request.
import type { QualityModel, RoutingInput, TaskProfile } from './contract.js';
import { type FeatureSpec, type FeatureVector, featurize } from './features.js';
import type { CostModel, RouterFile } from './router-file.js';

interface Predictor {
  id: string;
  bias: number;
  weights: Float32Array;
  cost: CostModel;
  /** added to the prediction (the training's leader's margin, else 0) */
  credit: number;
  /** dense log-cost weights, when the file has learned them */
  logCost?: { bias: number; weights: Float32Array };
}

export interface TrainedQualityModel extends QualityModel {
  kind: 'trained';
  /**
   * expected cost (USD) of a request to a trained model, from its training rows: the learned
   * log-cost model when the file has one and the request is given, else linear in prompt tokens
   */
  costOf(
    model: string,
    promptTokens: number,
    input?: RoutingInput,
    profile?: TaskProfile,
  ): number | undefined;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function dot(weights: Float32Array, f: FeatureVector): number {
  let z = 0;
  for (let i = 0; i < f.n; i++) z += weights[f.idx[i]!]! * f.val[i]!;
  return z;
}

export function trainedQualityModel(file: RouterFile): TrainedQualityModel {
  const spec: FeatureSpec = file.features!;
  const size = 2 ** spec.bits;
  const byKey = new Map<string, Predictor>();
  const ids: string[] = [];
  for (const [id, m] of Object.entries(file.models!)) {
    const weights = new Float32Array(size);
    const shared = file.shared ?? { slots: [], weights: [] };
    for (let i = 0; i < shared.slots.length; i++) weights[shared.slots[i]!] = shared.weights[i]!;
    for (let i = 0; i < m.slots.length; i++) weights[m.slots[i]!]! += m.weights[i]!;
    let logCost: Predictor['logCost'];
    if (m.cost.log) {
      const lw = new Float32Array(size);
      for (let i = 0; i < m.cost.log.slots.length; i++) lw[m.cost.log.slots[i]!] = m.cost.log.weights[i]!;
      logCost = { bias: m.cost.log.bias, weights: lw };
    }
    const credit = file.leader?.model === id ? file.leader.margin : 0;
    byKey.set(id.toLowerCase(), { id, bias: m.bias, weights, cost: m.cost, logCost, credit });
    ids.push(id);
  }
  /** exact (any case, after the file's aliases), else without a leading `provider/` (openai/gpt-4-1106-preview → gpt-4-1106-preview) */
  const aliases = new Map(
    Object.entries(file.aliases ?? {}).map(([from, to]) => [from.toLowerCase(), to.toLowerCase()]),
  );
  const find = (model: string): Predictor | undefined => {
    let key = model.toLowerCase();
    key = aliases.get(key) ?? key;
    return byKey.get(key) ?? byKey.get(key.slice(key.indexOf('/') + 1));
  };
  return {
    kind: 'trained',
    models: ids,
    predict(input: RoutingInput, profile: TaskProfile, model: string): number | undefined {
      const p = find(model);
      if (!p) return undefined;
      return Math.min(1, sigmoid(p.bias + dot(p.weights, featurize(input, profile, spec))) + p.credit);
    },
    costOf(model: string, promptTokens: number, input?: RoutingInput, profile?: TaskProfile) {
      const p = find(model);
      if (!p) return undefined;
      if (p.logCost && input && profile)
        return Math.exp(p.logCost.bias + dot(p.logCost.weights, featurize(input, profile, spec)));
      return Math.max(0, p.cost.perToken * promptTokens + p.cost.fixed);
    },
  };
}
