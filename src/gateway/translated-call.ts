// Different protocols: decode the client's request into the canonical model, encode it for the
// provider, and translate the answer back (streams event by event).
import type { CanonicalRequest, CanonicalResponse } from '../canonical/index.js';
import { GatewayError } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import {
  chatUrl,
  simulateResponse,
  simulateStream,
  transportError,
  upstreamHeaders,
} from '../providers/index.js';
import { countRequestTokens, countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince } from './call-context.js';
import { decodeUpstreamStream, writeCanonicalStream } from './canonical-stream.js';
import type { GatewayServices } from './gateway-services.js';
import { clientCodecs, upstreamCodecFor } from './protocol-registry.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { upstreamFailure } from './upstream-failure.js';

async function ensureUsage(req: CanonicalRequest, res: CanonicalResponse): Promise<void> {
  const u = res.usage;
  if (u.inputTokens > 0 || u.outputTokens > 0) return;
  let generated = '';
  for (const p of res.content) {
    if (p.type === 'text' || p.type === 'reasoning') generated += p.text;
    else if (p.type === 'tool_call') generated += p.name + p.arguments;
  }
  res.usage = {
    ...u,
    inputTokens: await countRequestTokens(req),
    outputTokens: await countTextTokens(generated),
    estimated: true,
  };
}

function writeJson(
  ctx: CallContext,
  target: ResolvedModel,
  payload: unknown,
  upstreamMs: number,
  upstreamHeaders?: Record<string, string | string[] | undefined>,
) {
  const json = JSON.stringify(payload);
  ctx.outcome.status = 200;
  ctx.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(json)),
    ...servedByHeaders(ctx, target.provider, target.model, upstreamHeaders),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - upstreamMs),
  });
  ctx.res.end(json);
}

/** the client's request answered by the built-in simulator */
export async function simulatedCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
  target: ResolvedModel,
) {
  const req = clientCodecs[ctx.client].decodeRequest(body);
  const client = clientCodecs[ctx.client];
  ctx.outcome.mode = 'simulated';
  ctx.outcome.stream = req.stream;
  if (!req.stream) {
    const started = process.hrtime.bigint();
    const res = await simulateResponse(req, target.model, gw.simulator, ctx.signal);
    ctx.outcome.usage = res.usage;
    writeJson(ctx, target, client.encodeResponse(res, req.model), msSince(started));
    return;
  }
  const encoder = client.createStreamEncoder({ model: req.model, includeUsage: req.streamUsage ?? false });
  await writeCanonicalStream(
    gw,
    ctx,
    req,
    encoder,
    { ...target, upstreamWaitMs: 0 },
    simulateStream(req, target.model, gw.simulator, ctx.signal),
  );
}

/** the client's request translated for a provider of another protocol */
export async function translatedCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
  target: ResolvedModel,
) {
  const client = clientCodecs[ctx.client];
  const req = client.decodeRequest(body);
  const { provider, model } = target;
  const codec = upstreamCodecFor(provider);
  const upstreamBody = codec.encodeRequest(req, { model: model.model, stream: req.stream });
  ctx.outcome.mode = 'translated';
  ctx.outcome.stream = req.stream;

  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: chatUrl(provider, model.model, req.stream),
    headers: upstreamHeaders(provider),
    body: JSON.stringify(upstreamBody),
    signal: ctx.signal,
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const contentType = String(resp.headers['content-type'] ?? '');

  if (req.stream && contentType.includes('text/event-stream')) {
    const encoder = client.createStreamEncoder({ model: req.model, includeUsage: req.streamUsage ?? false });
    await writeCanonicalStream(
      gw,
      ctx,
      req,
      encoder,
      { provider, model, upstreamHeaders: resp.headers, upstreamWaitMs: msSince(sentAt) },
      decodeUpstreamStream(resp.body, codec),
    );
    return;
  }

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
      {
        provider: provider.id,
      },
    );
  }
  const upstreamMs = msSince(sentAt);
  let res: CanonicalResponse;
  try {
    res = codec.decodeResponse(parsed);
  } catch (e) {
    throw new GatewayError(
      'upstream_error',
      `provider ${provider.id} returned a response that could not be read: ${(e as Error).message}`,
      {
        provider: provider.id,
      },
    );
  }
  await ensureUsage(req, res);
  ctx.outcome.usage = res.usage;
  ctx.outcome.upstreamMs = upstreamMs;
  if (req.stream) {
    // asked for a stream, got a whole answer: stream it
    const encoder = client.createStreamEncoder({ model: req.model, includeUsage: req.streamUsage ?? false });
    await writeCanonicalStream(
      gw,
      ctx,
      req,
      encoder,
      { provider, model, upstreamHeaders: resp.headers, upstreamWaitMs: upstreamMs },
      responseAsEvents(res),
    );
    return;
  }
  writeJson(ctx, target, client.encodeResponse(res, req.model), upstreamMs, resp.headers);
}

async function* responseAsEvents(res: CanonicalResponse) {
  yield { type: 'start' as const, id: res.id, model: res.model, created: res.created };
  let toolIndex = 0;
  for (const p of res.content) {
    if (p.type === 'text') yield { type: 'text_delta' as const, text: p.text };
    else if (p.type === 'reasoning') {
      yield { type: 'reasoning_delta' as const, text: p.text };
      if (p.signature) yield { type: 'reasoning_signature' as const, signature: p.signature };
    } else if (p.type === 'redacted_reasoning') yield { type: 'redacted_reasoning' as const, data: p.data };
    else {
      yield { type: 'tool_call_start' as const, toolIndex, id: p.id, name: p.name };
      yield { type: 'tool_call_delta' as const, toolIndex: toolIndex++, argumentsDelta: p.arguments };
    }
  }
  yield { type: 'finish' as const, stopReason: res.stopReason, stopSequence: res.stopSequence };
  yield { type: 'usage' as const, usage: res.usage };
}
