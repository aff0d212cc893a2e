// A catalog record as the limits a translated request must respect (UpstreamEncodeOptions.limits).
import type { TargetModelLimits } from '../canonical/index.js';
import type { CatalogModel } from './catalog-model.js';
import { EFFORTS_UP_TO_HIGH, reasoningEffortsOf } from './reasoning-efforts.js';

/**
 * The output maximum, whether the model reasons, and the efforts it takes (its family's, else up to
 * `high`). Undefined for a model the catalog does not describe (configured by hand or accepted
 * unlisted): its request goes as the client asked.
 */
export function targetLimitsOf(model: CatalogModel): TargetModelLimits | undefined {
  if (model.unlisted) return undefined;
  const limits: TargetModelLimits = {
    efforts: reasoningEffortsOf(model.model) ?? EFFORTS_UP_TO_HIGH,
  };
  if (model.maxOutputTokens !== null && model.maxOutputTokens > 0)
    limits.maxOutputTokens = model.maxOutputTokens;
  if (model.reasoning !== null) limits.reasoning = model.reasoning;
  return limits;
}
