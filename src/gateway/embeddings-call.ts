// POST /v1/embeddings: OpenAI-compatible providers get the body as sent; Gemini gets it
// translated (batchEmbedContents); the simulator answers offline.
import { type CanonicalEmbeddingResponse, GatewayError } from '../canonical/index.js';
import { geminiEmbeddings } from '../protocols/gemini/index.js';
import { mapOpenAIUsage, openaiEmbeddings } from '../protocols/openai-chat/index.js';
import { embeddingsUrl, simulateEmbeddings, transportError, upstreamHeaders } from '../providers/index.js';
import { countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { resolveTarget } from './resolve-target.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { upstreamFailure } from './upstream-failure.js';

export async function embeddingsCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  const req = openaiEmbeddings.decodeEmbeddingRequest(body);
  const target = resolveTarget(gw, ctx, req.model, 'embedding');
  const { provider, model } = target;
  const started = process.hrtime.bigint();
  const send = (
    payload: string,
    upstreamMs: number,
    headers?: Record<string, string | string[] | undefined>,
  ) => {
    ctx.outcome.status = 200;
    ctx.res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      ...servedByHeaders(ctx, provider, model, headers),
      'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - upstreamMs),
    });
    ctx.res.end(payload);
  };

  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    const res = await simulateEmbeddings(req, model);
    ctx.outcome.usage = {
      inputTokens: res.usage.inputTokens,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    };
    send(JSON.stringify(openaiEmbeddings.encodeEmbeddingResponse(res, req.model, req.encodingFormat)), 0);
    return;
  }
  if (provider.protocol === 'anthropic')
    throw new GatewayError('invalid_request', `provider ${provider.id} has no embeddings API`, {
      param: 'model',
    });

  if (provider.protocol === 'gemini') {
    ctx.outcome.mode = 'translated';
    const resp = await gw.upstream.send(provider, {
      url: embeddingsUrl(provider, model.model),
      headers: upstreamHeaders(provider),
      body: JSON.stringify(geminiEmbeddings.encodeEmbeddingRequest(req, model.model)),
      signal: ctx.signal,
    });
    if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
    // reading (the connection may fail) and parsing (the body may not be JSON) fail differently
    let raw: string;
    try {
      raw = await resp.body.text();
    } catch (e) {
      throw transportError(provider, e);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new GatewayError(
        'upstream_error',
        `provider ${provider.id} returned a malformed response (not JSON)`,
        { provider: provider.id },
      );
    }
    const upstreamMs = msSince(started);
    let res: CanonicalEmbeddingResponse;
    try {
      res = geminiEmbeddings.decodeEmbeddingResponse(parsed, model.model);
    } catch (e) {
      throw new GatewayError(
        'upstream_error',
        `provider ${provider.id} returned a response that could not be read: ${(e as Error).message}`,
        { provider: provider.id },
      );
    }
    if (!res.usage.inputTokens) {
      let n = 0;
      for (const t of req.input) n += await countTextTokens(t);
      res.usage = { inputTokens: n, estimated: true };
    }
    ctx.outcome.usage = {
      inputTokens: res.usage.inputTokens,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      estimated: res.usage.estimated,
    };
    send(
      JSON.stringify(openaiEmbeddings.encodeEmbeddingResponse(res, req.model, req.encodingFormat)),
      upstreamMs,
      resp.headers,
    );
    return;
  }

  ctx.outcome.mode = 'passthrough';
  const resp = await gw.upstream.send(provider, {
    url: embeddingsUrl(provider, model.model),
    headers: upstreamHeaders(provider),
    body: JSON.stringify({ ...(body as Record<string, unknown>), model: model.model }),
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
  let usage: unknown;
  try {
    usage = (JSON.parse(raw) as { usage?: unknown }).usage;
  } catch {
    throw new GatewayError(
      'upstream_error',
      `provider ${provider.id} returned a malformed response (not JSON)`,
      { provider: provider.id },
    );
  }
  ctx.outcome.usage = mapOpenAIUsage(usage ?? {});
  send(raw, upstreamMs, resp.headers);
}
