// POST /v1/messages/count_tokens: Anthropic models are asked (the provider's own count);
// other models are counted locally with the real tokenizer, and the answer says so.

import { invalidRequest } from '../canonical/index.js';
import { decodeCountTokensRequest } from '../protocols/anthropic/index.js';
import { countTokensUrl, transportError, upstreamHeaders } from '../providers/index.js';
import { countRequestTokens } from '../tokenizer/index.js';
import { type CallContext, msSince } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { resolveTarget } from './resolve-target.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { upstreamFailure } from './upstream-failure.js';

export async function countTokensCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const json = body as Record<string, unknown>;
  const target = resolveTarget(gw, ctx, json.model, 'chat');
  const { provider, model } = target;
  if (provider.protocol === 'anthropic') {
    const started = process.hrtime.bigint();
    const headers: Record<string, string> = {};
    for (const name of ['anthropic-version', 'anthropic-beta']) {
      const v = ctx.headers[name];
      if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(',') : v;
    }
    const resp = await gw.upstream.send(provider, {
      url: countTokensUrl(provider, ctx.query),
      headers: upstreamHeaders(provider, headers),
      body: JSON.stringify({ ...json, model: model.model }),
      signal: ctx.signal,
    });
    if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
    let raw: string;
    try {
      raw = await resp.body.text();
    } catch (e) {
      throw transportError(provider, e);
    }
    const upstreamMs = msSince(started);
    ctx.outcome.status = resp.statusCode;
    ctx.res.writeHead(resp.statusCode, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(raw)),
      ...servedByHeaders(ctx, provider, model, resp.headers),
      'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - upstreamMs),
    });
    ctx.res.end(raw);
    return;
  }
  const req = decodeCountTokensRequest(json);
  const payload = JSON.stringify({ input_tokens: await countRequestTokens(req) });
  ctx.outcome.status = 200;
  ctx.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    ...servedByHeaders(ctx, provider, model),
    'x-switchyard-token-count': 'estimated',
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt)),
  });
  ctx.res.end(payload);
}
