// Same protocol in and out: the client's body goes to the provider with only the model name
// changed, and the provider's answer comes back as the provider wrote it (streams frame by
// frame, unchanged). The gateway only reads usage on the way through. One exception: reasoning
// blocks another provider signed (wrapped by the gateway for an Anthropic client) are dropped
// from an Anthropic client's body, as Anthropic would reject them.
import { invalidRequest } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { chatUrl, upstreamHeaders } from '../providers/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { forwardedClientHeaders } from './forwarded-headers.js';
import type { GatewayServices } from './gateway-services.js';
import { geminiPassthroughCall } from './gemini-passthrough-call.js';
import { writeJsonAnswer } from './json-answer.js';
import { relayPassthroughStream } from './passthrough-stream.js';
import { createStreamUsageTap, usageOfBody } from './passthrough-usage.js';
import { serializeForAnthropic } from './strip-foreign-signatures.js';
import { parseUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

const isPositiveInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** the few checks worth making before spending an upstream call; the provider validates the rest */
function checkShape(ctx: CallContext, body: Json): void {
  if (!Array.isArray(body.messages))
    throw invalidRequest('`messages` is required and must be an array', 'messages');
  if (body.messages.length === 0)
    throw invalidRequest('`messages` must contain at least one message', 'messages');
  if (body.stream !== undefined && typeof body.stream !== 'boolean')
    throw invalidRequest('`stream` must be a boolean', 'stream');
  if (ctx.client === 'anthropic' && !isPositiveInt(body.max_tokens))
    throw invalidRequest('`max_tokens` is required and must be a positive integer', 'max_tokens');
}

export async function passthroughCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: Json,
  target: ResolvedModel,
) {
  if (ctx.client === 'gemini') return geminiPassthroughCall(gw, ctx, body, target);
  checkShape(ctx, body);
  const { provider, model } = target;
  const stream = body.stream === true;
  const out: Json = { ...body, model: model.model };
  const streamOptions = body.stream_options as Json | undefined;
  const clientWantsUsage = ctx.client === 'anthropic' || streamOptions?.include_usage === true;
  // OpenAI-compatible streams report usage only when asked: always ask
  if (stream && ctx.client === 'openai') out.stream_options = { ...streamOptions, include_usage: true };
  ctx.outcome.mode = 'passthrough';
  ctx.outcome.stream = stream;
  const payload = ctx.client === 'anthropic' ? serializeForAnthropic(out) : JSON.stringify(out);

  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: chatUrl(provider, model.model, stream, ctx.client === 'anthropic' ? ctx.query : ''),
    headers: upstreamHeaders(provider, forwardedClientHeaders(ctx)),
    body: payload,
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, stream),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const contentType = String(resp.headers['content-type'] ?? '');

  if (stream && contentType.includes('text/event-stream')) {
    const tap = createStreamUsageTap(ctx.client, body, clientWantsUsage);
    await relayPassthroughStream(gw, ctx, target, resp, tap, sentAt);
    return;
  }
  const raw = await readUpstreamText(provider, resp);
  const upstreamMs = msSince(sentAt);
  const answer = parseUpstreamJson(provider, raw) as Json;
  ctx.outcome.usage = await usageOfBody(ctx.client, target, body, answer ?? {});
  writeJsonAnswer(ctx, target, raw, upstreamMs, {
    status: resp.statusCode,
    contentType,
    upstreamHeaders: resp.headers,
  });
}
