// POST /v1/embeddings: OpenAI-compatible providers get the body as sent; Gemini gets it
// translated (batchEmbedContents); the simulator answers offline.

import { withOrgCredential } from '../admission/admission.js';
import {
  type CanonicalEmbeddingRequest,
  type CanonicalEmbeddingResponse,
  emptyUsage,
  GatewayError,
  invalidRequest,
} from '../canonical/index.js';
import { type Deployment, planAttempts } from '../deployments/index.js';
import { geminiEmbeddings } from '../protocols/gemini/index.js';
import {
  mapOpenAIUsage,
  type OpenAIEmbeddingRequest,
  openaiEmbeddings,
} from '../protocols/openai-chat/index.js';
import { embeddingsUrl, simulateEmbeddings, upstreamHeaders } from '../providers/index.js';
import { countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { bodySize } from './chat-call.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { type RequestedModels, requestedModels } from './requested-models.js';
import { runAttempts } from './run-attempts.js';
import { malformedUpstream, parseUpstreamJson, readUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

/** an embedding call's usage: its input tokens only */
export const inputUsage = (res: CanonicalEmbeddingResponse) => ({
  ...emptyUsage(),
  inputTokens: res.usage.inputTokens,
  estimated: res.usage.estimated,
});

/** the input's tokens by the gateway's tokenizer (for providers that report none) */
export async function countEmbeddingInput(req: CanonicalEmbeddingRequest): Promise<number> {
  let n = 0;
  for (const t of req.input) n += await countTextTokens(t);
  return n;
}

/**
 * The models an embedding request names (any client protocol's), planned and admitted, then each
 * attempt handed to `embed` with the org's own provider key where it has one.
 */
export async function runEmbeddingAttempts(
  gw: GatewayServices,
  ctx: CallContext,
  requested: RequestedModels,
  embed: (attempt: CallContext, target: Deployment) => Promise<void>,
): Promise<void> {
  ctx.outcome.requestedModel = requested.names[0];
  const plan = await planAttempts(gw.deployments, {
    names: requested.names,
    ownFallbacks: requested.own,
    principal: ctx.principal,
    want: 'embedding',
    promptBound: Number.POSITIVE_INFINITY,
  });
  const admitted = gw.admission
    ? await gw.admission.admit(ctx, plan, { promptBound: bodySize(ctx), maxOutputTokens: 0, embedding: true })
    : plan;
  await runAttempts(gw, ctx, admitted, (attempt, d) => embed(attempt, withOrgCredential(attempt, d)));
}

export async function embeddingsCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const requested = requestedModels(ctx, body as Record<string, unknown>);
  const req = openaiEmbeddings.decodeEmbeddingRequest(requested.body);
  await runEmbeddingAttempts(gw, ctx, requested, (attempt, target) =>
    embedOnce(gw, attempt, req, requested.body, target),
  );
}

async function embedOnce(
  gw: GatewayServices,
  ctx: CallContext,
  req: OpenAIEmbeddingRequest,
  body: Record<string, unknown>,
  target: Deployment,
): Promise<void> {
  const { provider, model } = target;
  const encode = (res: CanonicalEmbeddingResponse) =>
    JSON.stringify(openaiEmbeddings.encodeEmbeddingResponse(res, req.model, req.encodingFormat));

  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    const res = await simulateEmbeddings(req, model);
    ctx.outcome.usage = inputUsage(res);
    writeJsonAnswer(ctx, target, encode(res), 0);
    return;
  }
  if (provider.protocol === 'anthropic' || provider.protocol === 'vertex-anthropic')
    throw new GatewayError('invalid_request', `provider ${provider.id} has no embeddings API`, {
      param: 'model',
    });
  if (provider.protocol === 'bedrock' || provider.protocol === 'vertex')
    throw new GatewayError(
      'invalid_request',
      `Switchyard does not call the embeddings API of provider ${provider.id} (${provider.protocol}) yet`,
      { param: 'model' },
    );

  const translated = provider.protocol === 'gemini';
  ctx.outcome.mode = translated ? 'translated' : 'passthrough';
  const started = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: embeddingsUrl(provider, model.model),
    headers: upstreamHeaders(provider),
    body: JSON.stringify(
      translated
        ? geminiEmbeddings.encodeEmbeddingRequest(req, model.model)
        : { ...(body as Record<string, unknown>), model: model.model },
    ),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, false),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);

  if (!translated) {
    // the provider's bytes go back as they are; only usage is read
    const raw = await readUpstreamText(provider, resp);
    const upstreamMs = msSince(started);
    const usage = (parseUpstreamJson(provider, raw) as { usage?: unknown } | null)?.usage;
    ctx.outcome.usage = mapOpenAIUsage(usage ?? {});
    writeJsonAnswer(ctx, target, raw, upstreamMs, { upstreamHeaders: resp.headers });
    return;
  }

  const parsed = await readUpstreamJson(provider, resp);
  const upstreamMs = msSince(started);
  let res: CanonicalEmbeddingResponse;
  try {
    res = geminiEmbeddings.decodeEmbeddingResponse(parsed, model.model);
  } catch (e) {
    throw malformedUpstream(provider, `a response that could not be read: ${(e as Error).message}`);
  }
  if (!res.usage.inputTokens) res.usage = { inputTokens: await countEmbeddingInput(req), estimated: true };
  ctx.outcome.usage = inputUsage(res);
  writeJsonAnswer(ctx, target, encode(res), upstreamMs, { upstreamHeaders: resp.headers });
}
