// POST /v1/messages/count_tokens: Anthropic models are asked (the provider's own count);
// other models are counted locally with the real tokenizer, and the answer says so.
import { invalidRequest } from '../canonical/index.js';
import { type Deployment, planAttempts } from '../deployments/index.js';
import { decodeCountTokensRequest } from '../protocols/anthropic/index.js';
import { countTokensUrl, upstreamHeaders } from '../providers/index.js';
import { countRequestTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { forwardedClientHeaders } from './forwarded-headers.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { requestedModels } from './requested-models.js';
import { serializeForAnthropic } from './strip-foreign-signatures.js';
import { readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

/**
 * The model a token count is for (any client protocol's count endpoint): the same checks as a
 * chat call (model exists, this key may use it, it is a chat model); the count is of the model
 * asked for, not of its fallbacks.
 */
export async function countTarget(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
): Promise<{ json: Record<string, unknown>; target: Deployment }> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const requested = requestedModels(ctx, body as Record<string, unknown>);
  const plan = await planAttempts(gw.deployments, {
    names: requested.names.slice(0, 1),
    ownFallbacks: true,
    principal: ctx.principal,
    want: 'chat',
    promptBound: Number.POSITIVE_INFINITY,
  });
  const target = plan.order[0]!;
  ctx.outcome.requestedModel = requested.names[0];
  ctx.outcome.modelId = target.model.id;
  ctx.outcome.provider = target.provider.id;
  return { json: requested.body, target };
}

/** a count made by the gateway's tokenizer, marked as such */
export function writeEstimatedCount(ctx: CallContext, target: Deployment, payload: unknown): void {
  writeJsonAnswer(ctx, target, JSON.stringify(payload), 0, {
    extraHeaders: { 'x-switchyard-token-count': 'estimated' },
  });
}

export async function countTokensCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  const { json, target } = await countTarget(gw, ctx, body);
  const { provider, model } = target;
  if (provider.protocol === 'anthropic') {
    const started = process.hrtime.bigint();
    const resp = await gw.upstream.send(provider, {
      url: countTokensUrl(provider, ctx.query),
      headers: upstreamHeaders(provider, forwardedClientHeaders(ctx)),
      body: serializeForAnthropic({ ...json, model: model.model }),
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
  writeEstimatedCount(ctx, target, {
    input_tokens: await countRequestTokens(decodeCountTokensRequest(json)),
  });
}
