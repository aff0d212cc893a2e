// POST /v1/images/generations (OpenAI shape) to OpenAI-compatible providers, the body passed
// through with only `model` changed and the provider's answer returned as it is. Metered per
// image returned (the catalog's per-image price), or by the tokens the provider reports where
// the model is priced by the token (gpt-image models report usage). The simulator draws small
// solid-colour PNGs.
import { emptyUsage, GatewayError } from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import {
  decodeImagesRequest,
  type ImagesRequest,
  imagesIn,
  imagesUsage,
} from '../protocols/openai-media/index.js';
import { openaiMediaUrl, simulateImages, upstreamHeaders } from '../providers/index.js';
import { countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { bodySize } from './chat-call.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { runMediaCall } from './media-attempts.js';
import { requestedModels } from './requested-models.js';
import { parseUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

/** the most image tokens one generated image can cost (gpt-image: 6 240 at high quality, 1536²) */
const MAX_TOKENS_PER_IMAGE = 8192;

export async function imagesCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  const req = decodeImagesRequest(body);
  const requested = requestedModels(ctx, body as Record<string, unknown>);
  await runMediaCall(
    gw,
    ctx,
    requested,
    {
      want: 'image_generation',
      promptBound: bodySize(ctx),
      maxOutputTokens: req.n * MAX_TOKENS_PER_IMAGE,
      unit: { kind: 'image', bound: req.n },
    },
    (attempt, d) => imagesOnce(gw, attempt, req, requested.body, d),
  );
}

async function imagesOnce(
  gw: GatewayServices,
  ctx: CallContext,
  req: ImagesRequest,
  body: Record<string, unknown>,
  target: Deployment,
) {
  const { provider, model } = target;
  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    const pngs = simulateImages(req.prompt, req.n);
    ctx.outcome.usage = emptyUsage();
    ctx.outcome.units = { kind: 'image', count: pngs.length };
    const data = pngs.map((png) =>
      req.responseFormat === 'url'
        ? { url: `data:image/png;base64,${png.toString('base64')}` }
        : { b64_json: png.toString('base64') },
    );
    writeJsonAnswer(ctx, target, JSON.stringify({ created: Math.floor(Date.now() / 1000), data }), 0);
    return;
  }
  if (provider.protocol !== 'openai' && provider.protocol !== 'azure-openai')
    throw new GatewayError('invalid_request', `provider ${provider.id} has no OpenAI-compatible images API`, {
      param: 'model',
    });
  ctx.outcome.mode = 'passthrough';
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: openaiMediaUrl(provider, model.model, 'images/generations'),
    headers: upstreamHeaders(provider),
    body: JSON.stringify({ ...body, model: model.model }),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, false),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const raw = await readUpstreamText(provider, resp);
  const upstreamMs = msSince(sentAt);
  const answer = parseUpstreamJson(provider, raw);
  const images = imagesIn(answer);
  ctx.outcome.usage = imagesUsage(answer) ?? {
    ...emptyUsage(),
    inputTokens: await countTextTokens(req.prompt),
    estimated: true,
  };
  ctx.outcome.units = { kind: 'image', count: images };
  writeJsonAnswer(ctx, target, raw, upstreamMs, { upstreamHeaders: resp.headers });
}
