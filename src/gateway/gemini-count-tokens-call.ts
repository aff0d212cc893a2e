// POST /v1beta/models/{model}:countTokens for a Gemini client: a Gemini provider is asked (its
// own count, the body passed on with the upstream model's name); other models are counted
// locally with the real tokenizer, and the answer says so.
import { invalidRequest } from '../canonical/index.js';
import { planAttempts } from '../deployments/index.js';
import {
  decodeGeminiCountTokensRequest,
  encodeGeminiCountTokensResponse,
} from '../protocols/gemini/index.js';
import { chatUrl, upstreamHeaders } from '../providers/index.js';
import { countRequestTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { requestedModels } from './requested-models.js';
import { readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

/** `body` carries the URL's model as `model`, like a generateContent body */
export async function geminiCountTokensCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const requested = requestedModels(ctx, body as Json);
  const { model: _model, ...clientBody } = requested.body;
  const plan = await planAttempts(gw.deployments, {
    names: requested.names.slice(0, 1),
    ownFallbacks: true,
    principal: ctx.principal,
    want: 'chat',
    promptBound: Number.POSITIVE_INFINITY,
  });
  const target = plan.order[0]!;
  const { provider, model } = target;
  ctx.outcome.requestedModel = requested.names[0];
  ctx.outcome.modelId = model.id;
  ctx.outcome.provider = provider.id;
  if (provider.protocol === 'gemini') {
    const inner = clientBody.generateContentRequest as Json | undefined;
    const upstreamBody =
      inner && typeof inner === 'object'
        ? { ...clientBody, generateContentRequest: { ...inner, model: `models/${model.model}` } }
        : clientBody;
    const started = process.hrtime.bigint();
    const resp = await gw.upstream.send(provider, {
      url: chatUrl(provider, model.model, false).replace(/:generateContent$/, ':countTokens'),
      headers: upstreamHeaders(provider),
      body: JSON.stringify(upstreamBody),
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
  const req = decodeGeminiCountTokensRequest(requested.body);
  const payload = JSON.stringify(encodeGeminiCountTokensResponse(await countRequestTokens(req)));
  writeJsonAnswer(ctx, target, payload, 0, { extraHeaders: { 'x-switchyard-token-count': 'estimated' } });
}
