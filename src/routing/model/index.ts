// The router's brain: what a request is for (classifyTask), how good each model would be at it
// (the default quality model from catalog priors, or a trained one from a router file), the
// trade-off rule between quality and price, and training. The request-time router (src/routing/)
// uses these through the types of contract.ts.
export { classifyTask, LONG_DOCUMENT_TOKENS } from './classify-task.js';
export * from './contract.js';
export {
  type CatalogSource,
  catalogLookup,
  DEFAULT_PRIOR_PARAMS,
  defaultQualityModel,
  modelCapability,
  type PriorParams,
  priorQuality,
} from './default-quality.js';
export { type EvalReport, evaluateRouter, lambdaGrid } from './evaluate.js';
export { DEFAULT_FEATURES, type FeatureSpec } from './features.js';
export { type CurveFigures, type CurvePoint, costAt, curveFigures, hullQuality, upperHull } from './hull.js';
export { plotSvg } from './plot-svg.js';
export {
  defaultRouterFile,
  loadQualityModel,
  parseRouterFile,
  type RouterFile,
  RouterFileError,
} from './router-file.js';
export { knobOf, lambdaOf, rankByTradeoff, rankByValue } from './tradeoff.js';
export {
  checkRow,
  DEFAULT_TRAIN,
  TrainingDataError,
  type TrainingRow,
  type TrainOptions,
  trainQualityModel,
} from './train.js';
export type { TrainedQualityModel } from './trained-quality.js';
