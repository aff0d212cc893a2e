// GET /v1/responses/{id}, DELETE /v1/responses/{id} and GET /v1/responses/{id}/input_items: the
// answers this gateway kept (responses-store.ts). An id that is not kept for the caller — never
// kept, expired, another org's — is a 404 in OpenAI's shape, as OpenAI answers an unknown id.
import { GatewayError, invalidRequest } from '../canonical/index.js';
import type { CallContext } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import type { StoredResponse } from './responses-store.js';

type Json = Record<string, unknown>;

function writeJson(ctx: CallContext, body: unknown): void {
  const text = JSON.stringify(body);
  ctx.outcome.status = 200;
  ctx.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-request-id': ctx.requestId,
  });
  ctx.res.end(text);
}

/** OpenAI's 404, plus why when this caller's answers are never kept */
async function notKept(gw: GatewayServices, ctx: CallContext, id: string): Promise<GatewayError> {
  const days = gw.responses ? await gw.responses.retentionDays(ctx.principal) : null;
  const why =
    days === null ? ' This gateway keeps no responses for this API key (data retention is off for it).' : '';
  return new GatewayError('not_found', `Response with id '${id}' not found.${why}`);
}

async function kept(gw: GatewayServices, ctx: CallContext, id: string): Promise<StoredResponse> {
  const found = gw.responses ? await gw.responses.get(ctx.principal, id) : undefined;
  if (!found) throw await notKept(gw, ctx, id);
  return found;
}

export async function retrieveResponse(gw: GatewayServices, ctx: CallContext, id: string): Promise<void> {
  if (ctx.query.includes('stream=true'))
    throw invalidRequest('Streaming a kept response again is not supported by this gateway.', 'stream');
  writeJson(ctx, (await kept(gw, ctx, id)).response);
}

export async function deleteResponse(gw: GatewayServices, ctx: CallContext, id: string): Promise<void> {
  const deleted = gw.responses ? await gw.responses.delete(ctx.principal, id) : false;
  if (!deleted) throw await notKept(gw, ctx, id);
  writeJson(ctx, { id, object: 'response', deleted: true });
}

const PREFIX: Record<string, string> = {
  message: 'msg',
  function_call: 'fc',
  function_call_output: 'fco',
  reasoning: 'rs',
};

/** the input items with ids (OpenAI lists every item with one; items sent without one get a stable one) */
function withIds(r: StoredResponse): Json[] {
  return r.input.map((raw, i) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Json;
    const type = typeof item.type === 'string' ? item.type : 'message';
    const id =
      typeof item.id === 'string'
        ? item.id
        : `${PREFIX[type] ?? 'item'}_${r.id.slice(5)}${i.toString(16).padStart(4, '0')}`;
    return { ...item, id, type };
  });
}

export async function listInputItems(gw: GatewayServices, ctx: CallContext, id: string): Promise<void> {
  const q = new URLSearchParams(ctx.query.startsWith('?') ? ctx.query.slice(1) : ctx.query);
  const order = q.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw invalidRequest(
      `Invalid value for 'order': '${order}'. Supported values are: 'asc' and 'desc'.`,
      'order',
    );
  const limit = Number(q.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidRequest("Invalid 'limit': expected an integer between 1 and 100.", 'limit');
  let items = withIds(await kept(gw, ctx, id));
  if (order === 'desc') items.reverse();
  const after = q.get('after');
  if (after) items = items.slice(items.findIndex((i) => i.id === after) + 1);
  const page = items.slice(0, limit);
  writeJson(ctx, {
    object: 'list',
    data: page,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: items.length > limit,
  });
}

/** GET / DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items */
export const responsesLookup = {
  retrieve: retrieveResponse,
  delete: deleteResponse,
  inputItems: listInputItems,
};
