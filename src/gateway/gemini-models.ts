// GET /v1beta/models and /v1beta/models/{model} for a Gemini client: the models this key may
// use, in Gemini's Model shape (`name: "models/<id>"`, token limits, the methods each supports).
import type { Principal } from '../auth/index.js';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import type { CatalogModel } from '../catalog/index.js';
import type { GatewayServices } from './gateway-services.js';
import { visibleModel, visibleModels } from './models-list.js';

function geminiModel(m: CatalogModel) {
  const embedding = m.mode === 'embedding';
  return {
    name: `models/${m.id}`,
    baseModelId: m.id,
    version: m.model,
    displayName: m.name ?? m.id,
    ...(m.contextWindow !== null ? { inputTokenLimit: m.contextWindow } : {}),
    ...(m.maxOutputTokens !== null ? { outputTokenLimit: m.maxOutputTokens } : {}),
    supportedGenerationMethods: embedding
      ? ['embedContent', 'batchEmbedContents']
      : m.mode === 'chat'
        ? ['generateContent', 'streamGenerateContent', 'countTokens']
        : [],
    ...(m.reasoning ? { thinking: true } : {}),
  };
}

/** `pageSize` (default 50, at most 1000) and the `pageToken` a previous page returned */
export function listGeminiModels(
  gw: GatewayServices,
  principal: Principal,
  query: { pageSize?: string; pageToken?: string },
) {
  const models = visibleModels(gw, principal).filter((m) => !m.unlisted);
  const size = query.pageSize === undefined ? 50 : Number(query.pageSize);
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw invalidRequest('pageSize: must be an integer from 1 to 1000', 'pageSize');
  const start = query.pageToken ? Number(Buffer.from(query.pageToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw invalidRequest('pageToken: not a token this gateway gave', 'pageToken');
  const page = models.slice(start, start + size);
  const next = start + page.length;
  return {
    models: page.map(geminiModel),
    ...(next < models.length ? { nextPageToken: Buffer.from(String(next)).toString('base64url') } : {}),
  };
}

export function getGeminiModel(gw: GatewayServices, principal: Principal, id: string) {
  const model = visibleModel(gw, principal, id);
  if (!model)
    throw new GatewayError('not_found', `models/${id} is not found or you do not have access to it.`, {
      code: 'model_not_found',
    });
  return geminiModel(model);
}
