// The models a request asks for: its `model`, then its own fallback list, from the body
// (`"models": [...]`, as OpenRouter takes it) or, for clients that cannot add body fields, the
// `x-switchyard-fallbacks` header (comma-separated). The `models` field is the gateway's own and
// is removed before the body goes anywhere.
import { invalidRequest } from '../canonical/index.js';
import type { CallContext } from './call-context.js';

export const FALLBACKS_HEADER = 'x-switchyard-fallbacks';

export interface RequestedModels {
  names: string[];
  /** the request brought its own fallback list */
  own: boolean;
  /** the body without gateway-only fields */
  body: Record<string, unknown>;
}

export function requestedModels(ctx: CallContext, body: Record<string, unknown>): RequestedModels {
  const names: string[] = [];
  const { models, ...clean } = body;
  if (body.model !== undefined && body.model !== null && body.model !== '') {
    if (typeof body.model !== 'string') throw invalidRequest('`model` must be a string', 'model');
    names.push(body.model);
  }
  let own = false;
  if (models !== undefined) {
    if (
      !Array.isArray(models) ||
      models.length === 0 ||
      models.some((m) => typeof m !== 'string' || m === '')
    )
      throw invalidRequest(
        '`models` must be a non-empty array of model names (the fallbacks, in order)',
        'models',
      );
    for (const m of models as string[]) if (!names.includes(m)) names.push(m);
    own = true;
  }
  const header = ctx.headers[FALLBACKS_HEADER];
  if (header !== undefined) {
    const list = (Array.isArray(header) ? header.join(',') : header)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const m of list) if (!names.includes(m)) names.push(m);
    own = own || list.length > 0;
  }
  if (names.length === 0) throw invalidRequest('you must provide a model parameter', 'model');
  if (clean.model === undefined) clean.model = names[0];
  return { names, own, body: clean };
}
