// POST /v1/rerank (Cohere v2 / Jina shape) to Cohere, Voyage, Jina and OpenAI-compatible hosts
// that serve rerank models; the simulator scores by word overlap. Metered per search unit where
// the catalog prices queries (Cohere), else by the tokens the provider reports (estimated with
// the tokenizer when it reports none).
import { emptyUsage, GatewayError } from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import {
  decodeRerankRequest,
  decodeRerankResponse,
  encodeRerankRequest,
  encodeRerankResponse,
  type RerankAnswer,
  type RerankRequest,
  searchUnitsBound,
  searchUnitsOf,
} from '../protocols/rerank/index.js';
import { rerankFlavour, rerankUrl, simulateRerankScores, upstreamHeaders } from '../providers/index.js';
import { countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { bodySize } from './chat-call.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { runMediaCall } from './media-attempts.js';
import { requestedModels } from './requested-models.js';
import { malformedUpstream, readUpstreamJson } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

export async function rerankCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  const req = decodeRerankRequest(body);
  const requested = requestedModels(ctx, body as Record<string, unknown>);
  await runMediaCall(
    gw,
    ctx,
    requested,
    {
      want: 'rerank',
      promptBound: bodySize(ctx),
      maxOutputTokens: 0,
      unit: { kind: 'query', bound: searchUnitsBound(req) },
    },
    (attempt, d) => rerankOnce(gw, attempt, req, d),
  );
}

async function estimatedTokens(req: RerankRequest): Promise<number> {
  let n = 0;
  // each document is read with the query
  const q = await countTextTokens(req.query);
  for (const d of req.documents) n += q + (await countTextTokens(d));
  return n;
}

async function rerankOnce(gw: GatewayServices, ctx: CallContext, req: RerankRequest, target: Deployment) {
  const { provider, model } = target;
  let answer: RerankAnswer;
  let upstreamMs = 0;
  let upstreamHeadersSeen: Record<string, string | string[] | undefined> | undefined;
  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    answer = {
      results: simulateRerankScores(req.query, req.documents).map((s, index) => ({
        index,
        relevanceScore: s,
      })),
    };
  } else {
    if (provider.protocol === 'anthropic' || provider.protocol === 'gemini')
      throw new GatewayError('invalid_request', `provider ${provider.id} has no rerank API`, {
        param: 'model',
      });
    const flavour = rerankFlavour(provider);
    ctx.outcome.mode = 'translated';
    const sentAt = process.hrtime.bigint();
    const resp = await gw.upstream.send(provider, {
      url: rerankUrl(provider),
      headers: upstreamHeaders(provider),
      body: JSON.stringify(encodeRerankRequest(flavour, req, model.model)),
      signal: ctx.signal,
      ...upstreamTimeouts(ctx, false),
    });
    if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
    const parsed = await readUpstreamJson(provider, resp);
    upstreamMs = msSince(sentAt);
    upstreamHeadersSeen = resp.headers;
    try {
      answer = decodeRerankResponse(flavour, parsed, req.documents.length);
    } catch (e) {
      throw malformedUpstream(provider, `a rerank answer that could not be read: ${(e as Error).message}`);
    }
  }
  const usage = emptyUsage();
  if (answer.totalTokens !== undefined) usage.inputTokens = answer.totalTokens;
  else if (answer.searchUnits === undefined && provider.protocol !== 'simulated') {
    usage.inputTokens = await estimatedTokens(req);
    usage.estimated = true;
  }
  const searchUnits = answer.searchUnits ?? searchUnitsOf(req);
  ctx.outcome.usage = usage;
  ctx.outcome.units = { kind: 'query', count: searchUnits };
  const billed = {
    searchUnits,
    ...(usage.inputTokens > 0 ? { totalTokens: usage.inputTokens } : {}),
  };
  writeJsonAnswer(
    ctx,
    target,
    JSON.stringify(encodeRerankResponse(answer, req, ctx.requestId, billed)),
    upstreamMs,
    {
      upstreamHeaders: upstreamHeadersSeen,
    },
  );
}
