// POST /v1beta/models/{model}:countTokens for a Gemini client: a Gemini provider is asked (its
// own count, the body passed on with the upstream model's name); other models are counted
// locally with the real tokenizer, and the answer says so.
import {
  decodeGeminiCountTokensRequest,
  encodeGeminiCountTokensResponse,
} from '../protocols/gemini/index.js';
import { geminiModelUrl, upstreamHeaders } from '../providers/index.js';
import { countRequestTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { countTarget, writeEstimatedCount } from './count-tokens-call.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

/** `body` carries the URL's model as `model`, like a generateContent body */
export async function geminiCountTokensCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
): Promise<void> {
  const { json, target } = await countTarget(gw, ctx, body);
  const { model: _model, ...clientBody } = json;
  const { provider, model } = target;
  if (provider.protocol === 'gemini') {
    const inner = clientBody.generateContentRequest as Json | undefined;
    const upstreamBody =
      inner && typeof inner === 'object'
        ? { ...clientBody, generateContentRequest: { ...inner, model: `models/${model.model}` } }
        : clientBody;
    const started = process.hrtime.bigint();
    const resp = await gw.upstream.send(provider, {
      url: geminiModelUrl(provider, model.model, 'countTokens'),
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
  const count = await countRequestTokens(decodeGeminiCountTokensRequest(json));
  writeEstimatedCount(ctx, target, encodeGeminiCountTokensResponse(count));
}
