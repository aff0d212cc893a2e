// Different protocols: decode the client's request into the canonical model, encode it for the
// provider, and translate the answer back (streams event by event).
import type { CanonicalResponse, ClientCodec } from '../canonical/index.js';
import { responseToEvents } from '../canonical/index.js';
import { type ResolvedModel, targetLimitsOf } from '../catalog/index.js';
import { chatUrl, upstreamHeaders } from '../providers/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { decodeUpstreamStream, writeCanonicalStream } from './canonical-stream.js';
import { estimateUsage, generatedText } from './estimate-usage.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { clientCodecs, upstreamCodecFor } from './protocol-registry.js';
import { malformedUpstream, readUpstreamJson } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

async function* fromArray<T>(items: T[]) {
  yield* items;
}

export async function translatedCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
  target: ResolvedModel,
  /** the client's codec, when it is not the context's chat protocol (legacy completions) */
  client: ClientCodec = clientCodecs[ctx.client],
) {
  const req = client.decodeRequest(body);
  if (req.droppedTools) ctx.outcome.droppedTools = req.droppedTools;
  const { provider, model } = target;
  const codec = upstreamCodecFor(provider, model.model);
  // the target model's limits (output maximum, reasoning) from its catalog record: a translated
  // request is fitted to them, so the provider does not answer 400 to what the client's own vendor took
  const upstreamBody = codec.encodeRequest(req, {
    model: model.model,
    stream: req.stream,
    limits: targetLimitsOf(model),
  });
  ctx.outcome.mode = 'translated';
  ctx.outcome.stream = req.stream;

  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: chatUrl(provider, model.model, req.stream),
    headers: upstreamHeaders(provider),
    body: JSON.stringify(upstreamBody),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, req.stream),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const streamed = String(resp.headers['content-type'] ?? '').includes(
    codec.streamFraming?.contentType ?? 'text/event-stream',
  );
  const encoder = () =>
    client.createStreamEncoder({ model: req.model, includeUsage: req.streamUsage ?? false });

  if (req.stream && streamed) {
    await writeCanonicalStream(
      gw,
      ctx,
      req,
      encoder(),
      { provider, model, upstreamHeaders: resp.headers, sentAt },
      decodeUpstreamStream(resp.body, codec),
    );
    return;
  }

  const parsed = await readUpstreamJson(provider, resp);
  const upstreamMs = msSince(sentAt);
  let res: CanonicalResponse;
  try {
    res = codec.decodeResponse(parsed);
  } catch (e) {
    throw malformedUpstream(provider, `a response that could not be read: ${(e as Error).message}`);
  }
  if (res.usage.inputTokens === 0 && res.usage.outputTokens === 0)
    res.usage = await estimateUsage(req, generatedText(res.content), res.usage);
  ctx.outcome.usage = res.usage;
  if (req.stream) {
    // asked for a stream, got a whole answer: stream it
    await writeCanonicalStream(
      gw,
      ctx,
      req,
      encoder(),
      { provider, model, upstreamHeaders: resp.headers, sentAt },
      fromArray(responseToEvents(res)),
    );
    return;
  }
  writeJsonAnswer(ctx, target, JSON.stringify(client.encodeResponse(res, req.model)), upstreamMs, {
    upstreamHeaders: resp.headers,
  });
}
