// The common frame of the media and legacy calls (rerank, images, audio, completions): plan the
// deployments of the requested model and its fallbacks, checked to be of the kind the endpoint
// needs; admit (reserving the worst case in the endpoint's unit); run the attempts.
import { withOrgCredential } from '../admission/admission.js';
import type { UnitKind } from '../catalog/index.js';
import { type Deployment, planAttempts } from '../deployments/index.js';
import type { Want } from '../deployments/plan-attempts.js';
import type { CallContext } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import type { RequestedModels } from './requested-models.js';
import { runAttempts } from './run-attempts.js';

export interface MediaShape {
  want: Want;
  /** an upper bound of the request's input tokens (its size in bytes) */
  promptBound: number;
  /** the output token limit, for token-priced models (0 = no output tokens) */
  maxOutputTokens?: number;
  /** the unit this endpoint is metered in, and the most the request can use */
  unit?: { kind: UnitKind; bound: number };
}

export async function runMediaCall(
  gw: GatewayServices,
  ctx: CallContext,
  requested: Pick<RequestedModels, 'names' | 'own'>,
  shape: MediaShape,
  once: (attempt: CallContext, d: Deployment) => Promise<void>,
): Promise<void> {
  ctx.outcome.requestedModel = requested.names[0];
  const plan = await planAttempts(gw.deployments, {
    names: requested.names,
    ownFallbacks: requested.own,
    principal: ctx.principal,
    want: shape.want,
    promptBound: Number.POSITIVE_INFINITY,
  });
  const admitted = gw.admission
    ? await gw.admission.admit(ctx, plan, {
        promptBound: shape.promptBound,
        maxOutputTokens: shape.maxOutputTokens,
        embedding: shape.maxOutputTokens === 0,
        unit: shape.unit,
      })
    : plan;
  await runAttempts(gw, ctx, admitted, (attempt, d) => once(attempt, withOrgCredential(attempt, d)));
}
