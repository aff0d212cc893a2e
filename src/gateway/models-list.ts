// GET /v1/models and /v1/models/{id}: the models this key may use, in OpenAI's shape, or in
// Anthropic's when the request carries anthropic-version.

import type { Principal } from '../auth/index.js';
import { GatewayError } from '../canonical/index.js';
import type { CatalogModel } from '../catalog/index.js';
import type { GatewayServices } from './gateway-services.js';

const iso = (secs: number) => new Date(secs * 1000).toISOString();

function openaiModel(m: CatalogModel) {
  return { id: m.id, object: 'model', created: m.created, owned_by: m.provider };
}

function anthropicModel(m: CatalogModel) {
  return { type: 'model', id: m.id, display_name: m.name ?? m.id, created_at: iso(m.created) };
}

export function visibleModels(gw: GatewayServices, principal: Principal): CatalogModel[] {
  return gw.catalog.list().filter((m) => principal.canUseModel(m.id));
}

export interface AnthropicPage {
  limit?: number;
  afterId?: string;
  beforeId?: string;
}

export function listModels(
  gw: GatewayServices,
  principal: Principal,
  style: 'openai' | 'anthropic',
  page: AnthropicPage = {},
) {
  const models = visibleModels(gw, principal);
  if (style === 'openai') return { object: 'list', data: models.map(openaiModel) };
  const limit = page.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new GatewayError('invalid_request', 'limit: must be an integer from 1 to 1000', { param: 'limit' });
  let start = 0;
  let end = models.length;
  if (page.afterId) start = models.findIndex((m) => m.id === page.afterId) + 1;
  if (page.beforeId) {
    end = models.findIndex((m) => m.id === page.beforeId);
    if (end < 0) end = models.length;
    start = Math.max(start, end - limit);
  }
  const slice = models.slice(start, Math.min(end, start + limit));
  return {
    data: slice.map(anthropicModel),
    has_more: page.beforeId ? start > 0 : start + slice.length < end,
    first_id: slice[0]?.id ?? null,
    last_id: slice[slice.length - 1]?.id ?? null,
  };
}

/** the model `id` names, if this key may see it (any client protocol's "get a model") */
export function visibleModel(
  gw: GatewayServices,
  principal: Principal,
  id: string,
): CatalogModel | undefined {
  let model: CatalogModel | undefined;
  try {
    model = gw.catalog.resolve(id).model;
  } catch {
    return undefined;
  }
  return principal.canUseModel(model.id) && !model.unlisted ? model : undefined;
}

export function getModel(
  gw: GatewayServices,
  principal: Principal,
  id: string,
  style: 'openai' | 'anthropic',
) {
  const model = visibleModel(gw, principal, id);
  if (!model)
    throw new GatewayError(
      'not_found',
      `The model \`${id}\` does not exist or you do not have access to it.`,
      {
        code: 'model_not_found',
        param: 'model',
      },
    );
  return style === 'openai' ? openaiModel(model) : anthropicModel(model);
}
