// POST /v1/messages/count_tokens: Anthropic models are asked (the provider's own count);
// other models are counted locally with the real tokenizer, and the answer says so.
import { invalidRequest } from '../canonical/index.js';
import { decodeCountTokensRequest } from '../protocols/anthropic/index.js';
import { countTokensUrl, upstreamHeaders } from '../providers/index.js';
import { countRequestTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { forwardedClientHeaders } from './forwarded-headers.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { resolveTarget } from './resolve-target.js';
import { mayHoldForeignSignatures, stripForeignSignatures } from './strip-foreign-signatures.js';
import { readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

/** the client's body for Anthropic, without reasoning another provider signed */
function anthropicBody(body: Record<string, unknown>): string {
  const json = JSON.stringify(body);
  return mayHoldForeignSignatures(json) ? JSON.stringify(stripForeignSignatures(body)) : json;
}

export async function countTokensCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const json = body as Record<string, unknown>;
  const target = resolveTarget(gw, ctx, json.model, 'chat');
  const { provider, model } = target;
  if (provider.protocol === 'anthropic') {
    const started = process.hrtime.bigint();
    const resp = await gw.upstream.send(provider, {
      url: countTokensUrl(provider, ctx.query),
      headers: upstreamHeaders(provider, forwardedClientHeaders(ctx)),
      body: anthropicBody({ ...json, model: model.model }),
      signal: ctx.signal,
      ...upstreamTimeouts(ctx, false),
    });
    if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
    const raw = await readUpstreamText(provider, resp);
    writeJsonAnswer(ctx, target, raw, msSince(started), {
      status: resp.statusCode,
      upstreamHeaders: resp.headers,
    });
    return;
  }
  const req = decodeCountTokensRequest(json);
  const payload = JSON.stringify({ input_tokens: await countRequestTokens(req) });
  writeJsonAnswer(ctx, target, payload, 0, { extraHeaders: { 'x-switchyard-token-count': 'estimated' } });
}
