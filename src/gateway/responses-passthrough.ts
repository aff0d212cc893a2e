// A Responses client to a provider that speaks the Responses API: the client's body goes with
// only `model` changed and the provider's answer comes back as the provider wrote it (streams
// frame by frame). Usage and the finished response object are read on the way, for metering and
// for keeping the answer where retention allows.
import { invalidRequest } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { decodeResponsesResponse, mapResponsesUsage } from '../protocols/openai-responses/index.js';
import { responsesUrl, upstreamHeaders } from '../providers/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { estimateUsage, generatedText } from './estimate-usage.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { relayPassthroughStream } from './passthrough-stream.js';
import { createResponsesStreamTap } from './responses-stream-tap.js';
import { parseUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

export interface ResponsesPassthroughOptions {
  /** counts the prompt when the provider reports no usage */
  countPrompt: () => Promise<number>;
  /** called with the finished response object the provider sent */
  onComplete: (response: Json) => void;
}

export async function responsesPassthrough(
  gw: GatewayServices,
  ctx: CallContext,
  body: Json,
  target: ResolvedModel,
  opts: ResponsesPassthroughOptions,
): Promise<void> {
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
    throw invalidRequest("Invalid type for 'stream': expected a boolean.", 'stream');
  const { provider, model } = target;
  const stream = body.stream === true;
  ctx.outcome.mode = 'passthrough';
  ctx.outcome.stream = stream;
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: responsesUrl(provider),
    headers: upstreamHeaders(provider),
    body: JSON.stringify({ ...body, model: model.model }),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, stream),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const contentType = String(resp.headers['content-type'] ?? '');

  if (stream && contentType.includes('text/event-stream')) {
    const tap = createResponsesStreamTap(opts.countPrompt);
    await relayPassthroughStream(gw, ctx, target, resp, tap, sentAt, (info) => tap.renderError(info));
    if (tap.final && !ctx.outcome.error) opts.onComplete(tap.final);
    return;
  }
  const raw = await readUpstreamText(provider, resp);
  const upstreamMs = msSince(sentAt);
  const answer = (parseUpstreamJson(provider, raw) ?? {}) as Json;
  if (answer.usage) ctx.outcome.usage = mapResponsesUsage(answer.usage);
  else {
    let generated = '';
    try {
      generated = generatedText(decodeResponsesResponse(answer).content);
    } catch {
      // an answer our decoder cannot read is still the provider's: it passes through
    }
    ctx.outcome.usage = await estimateUsage(opts.countPrompt, generated);
  }
  writeJsonAnswer(ctx, target, raw, upstreamMs, {
    status: resp.statusCode,
    contentType,
    upstreamHeaders: resp.headers,
  });
  if (answer.object === 'response' && Array.isArray(answer.output)) opts.onComplete(answer);
}
