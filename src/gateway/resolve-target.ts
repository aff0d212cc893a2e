// From the request's model name to the model and provider that will serve it, checking that
// the caller may use it and that it can do this kind of call.
import { GatewayError, invalidRequest } from '../canonical/errors.js';
import type { ResolvedModel } from '../catalog/index.js';
import type { CallContext } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';

export function resolveTarget(
  gw: GatewayServices,
  ctx: CallContext,
  model: unknown,
  want: 'chat' | 'embedding',
): ResolvedModel {
  if (model === undefined || model === null || model === '')
    throw invalidRequest('you must provide a model parameter', 'model');
  if (typeof model !== 'string') throw invalidRequest('`model` must be a string', 'model');
  const target = gw.catalog.resolve(model);
  if (!ctx.principal.canUseModel(target.model.id))
    throw new GatewayError('permission', `This API key may not use the model \`${target.model.id}\``, {
      code: 'model_not_allowed',
      param: 'model',
    });
  const mode = target.model.mode;
  if (want === 'chat' && mode === 'embedding')
    throw invalidRequest(
      `\`${target.model.id}\` is an embedding model; call POST /v1/embeddings with it`,
      'model',
    );
  if (want === 'embedding' && mode !== 'embedding' && !target.model.unlisted)
    throw invalidRequest(`\`${target.model.id}\` is not an embedding model`, 'model');
  ctx.outcome.requestedModel = model;
  ctx.outcome.modelId = target.model.id;
  ctx.outcome.provider = target.provider.id;
  return target;
}
