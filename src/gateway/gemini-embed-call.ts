// embedContent / batchEmbedContents for a Gemini client, planned and admitted as any embedding
// call: a Gemini provider gets the client's body (model names set to the upstream model; task
// types and titles kept), an OpenAI-compatible one the texts as an embeddings request, the
// simulator answers offline; the answer comes back in Gemini's shape. Gemini reports no token
// count, so the input is counted with the real tokenizer then.
import {
  type CanonicalEmbeddingRequest,
  type CanonicalEmbeddingResponse,
  emptyUsage,
  GatewayError,
  invalidRequest,
} from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import {
  decodeGeminiEmbeddingResponse,
  decodeGeminiEmbedRequest,
  encodeGeminiEmbedResponse,
} from '../protocols/gemini/index.js';
import { mapOpenAIUsage, openaiEmbeddings } from '../protocols/openai-chat/index.js';
import { embeddingsUrl, geminiModelUrl, simulateEmbeddings, upstreamHeaders } from '../providers/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { countEmbeddingInput, inputUsage, runEmbeddingAttempts } from './embeddings-call.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { requestedModels } from './requested-models.js';
import { malformedUpstream, parseUpstreamJson, readUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

/** `body` carries the URL's model as `model`; `batch`: batchEmbedContents, else embedContent */
export function geminiEmbedCall(batch: boolean) {
  return async (gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> => {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw invalidRequest('The request body must be a JSON object');
    const requested = requestedModels(ctx, body as Json);
    const { model: _model, ...clientBody } = requested.body;
    const req = decodeGeminiEmbedRequest(clientBody, requested.names[0]!, batch);
    await runEmbeddingAttempts(gw, ctx, requested, (attempt, target) =>
      embedOnce(gw, attempt, req, clientBody, batch, target),
    );
  };
}

/** the client's body for a Gemini provider: every model name the upstream's */
function forGemini(body: Json, model: string, batch: boolean): Json {
  const name = `models/${model}`;
  if (!batch) return { ...body, model: name };
  return { ...body, requests: (body.requests as Json[]).map((r) => ({ ...r, model: name })) };
}

async function embedOnce(
  gw: GatewayServices,
  ctx: CallContext,
  req: CanonicalEmbeddingRequest,
  body: Json,
  batch: boolean,
  target: Deployment,
): Promise<void> {
  const { provider, model } = target;
  const answer = (res: CanonicalEmbeddingResponse, upstreamMs: number, headers?: Json) => {
    ctx.outcome.usage = inputUsage(res);
    writeJsonAnswer(
      ctx,
      target,
      JSON.stringify(encodeGeminiEmbedResponse(res.embeddings, batch)),
      upstreamMs,
      {
        upstreamHeaders: headers as Record<string, string>,
      },
    );
  };
  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    answer(await simulateEmbeddings(req, model), 0);
    return;
  }
  const gemini = provider.protocol === 'gemini';
  if (!gemini && provider.protocol !== 'openai' && provider.protocol !== 'azure-openai')
    throw new GatewayError(
      'invalid_request',
      `provider ${provider.id} has no embeddings API this client can use`,
      {
        param: 'model',
      },
    );
  ctx.outcome.mode = gemini ? 'passthrough' : 'translated';
  const url =
    gemini && !batch
      ? geminiModelUrl(provider, model.model, 'embedContent')
      : embeddingsUrl(provider, model.model);
  const started = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url,
    headers: upstreamHeaders(provider),
    body: JSON.stringify(
      gemini
        ? forGemini(body, model.model, batch)
        : openaiEmbeddings.encodeEmbeddingRequest(req, model.model),
    ),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, false),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  if (gemini) {
    // the provider's own answer, as it wrote it; Gemini reports no tokens: the input is counted
    const raw = await readUpstreamText(provider, resp);
    const upstreamMs = msSince(started);
    const parsed = parseUpstreamJson(provider, raw) as Json;
    try {
      decodeGeminiEmbeddingResponse(batch ? parsed : { embeddings: [parsed?.embedding] }, model.model);
    } catch (e) {
      throw malformedUpstream(provider, `a response that could not be read: ${(e as Error).message}`);
    }
    ctx.outcome.usage = { ...emptyUsage(), inputTokens: await countEmbeddingInput(req), estimated: true };
    writeJsonAnswer(ctx, target, raw, upstreamMs, { upstreamHeaders: resp.headers });
    return;
  }
  const parsed = (await readUpstreamJson(provider, resp)) as Json;
  const upstreamMs = msSince(started);
  let res: CanonicalEmbeddingResponse;
  try {
    res = openaiEmbeddings.decodeEmbeddingResponse(parsed, model.model);
  } catch (e) {
    throw malformedUpstream(provider, `a response that could not be read: ${(e as Error).message}`);
  }
  if (parsed?.usage) res.usage = { inputTokens: mapOpenAIUsage(parsed.usage).inputTokens };
  if (!res.usage.inputTokens) res.usage = { inputTokens: await countEmbeddingInput(req), estimated: true };
  answer(res, upstreamMs, resp.headers as Json);
}
