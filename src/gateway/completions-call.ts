// Legacy POST /v1/completions. A model of the `completion` kind on an OpenAI-compatible
// provider gets the body as sent (only `model` changed) and its answer back as it wrote it
// (streams frame by frame; usage always asked for, the usage-only chunk held back from clients
// that did not ask). Any other model gets the prompt as one user turn of a chat request,
// translated like any chat call, and its answer as a `text_completion` — only where that is
// faithful (protocols/openai-media/completions-request.ts refuses the rest). Metered by tokens.
import { GatewayError } from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import { mapOpenAIUsage } from '../protocols/openai-chat/index.js';
import {
  COMPLETIONS_DEFAULT_MAX_TOKENS,
  checkCompletionsRequest,
  completionsClient,
} from '../protocols/openai-media/index.js';
import { openaiMediaUrl, upstreamHeaders } from '../providers/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { bodySize } from './chat-call.js';
import { createCompletionsUsageTap, usageOfCompletion } from './completions-usage.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { runMediaCall } from './media-attempts.js';
import { relayPassthroughStream } from './passthrough-stream.js';
import { requestedModels } from './requested-models.js';
import { simulatedCall } from './simulated-call.js';
import { translatedCall } from './translated-call.js';
import { parseUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

export async function completionsCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  checkCompletionsRequest(body);
  const requested = requestedModels(ctx, body as Json);
  const clean = requested.body;
  const perChoice = typeof clean.max_tokens === 'number' ? clean.max_tokens : COMPLETIONS_DEFAULT_MAX_TOKENS;
  const choices = Math.max(1, Number(clean.n) || 1, Number(clean.best_of) || 1);
  const prompts =
    Array.isArray(clean.prompt) && typeof clean.prompt[0] !== 'number' ? clean.prompt.length : 1;
  await runMediaCall(
    gw,
    ctx,
    requested,
    { want: 'completion', promptBound: bodySize(ctx), maxOutputTokens: perChoice * choices * prompts },
    (attempt, d) => {
      if (d.provider.protocol === 'simulated') return simulatedCall(gw, attempt, clean, d, completionsClient);
      if (d.model.mode === 'completion') return completionsPassthrough(gw, attempt, clean, d);
      return translatedCall(gw, attempt, clean, d, completionsClient);
    },
  );
}

async function completionsPassthrough(gw: GatewayServices, ctx: CallContext, body: Json, target: Deployment) {
  const { provider, model } = target;
  if (provider.protocol !== 'openai' && provider.protocol !== 'azure-openai')
    throw new GatewayError(
      'invalid_request',
      `provider ${provider.id} has no OpenAI-compatible completions API`,
      {
        param: 'model',
      },
    );
  const stream = body.stream === true;
  const out: Json = { ...body, model: model.model };
  const streamOptions = body.stream_options as Json | undefined;
  const clientWantsUsage = streamOptions?.include_usage === true;
  if (stream) out.stream_options = { ...streamOptions, include_usage: true };
  ctx.outcome.mode = 'passthrough';
  ctx.outcome.stream = stream;
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: openaiMediaUrl(provider, model.model, 'completions'),
    headers: upstreamHeaders(provider),
    body: JSON.stringify(out),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, stream),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const contentType = String(resp.headers['content-type'] ?? '');
  if (stream && contentType.includes('text/event-stream')) {
    await relayPassthroughStream(
      gw,
      ctx,
      target,
      resp,
      createCompletionsUsageTap(body, clientWantsUsage),
      sentAt,
    );
    return;
  }
  const raw = await readUpstreamText(provider, resp);
  const upstreamMs = msSince(sentAt);
  const answer = (parseUpstreamJson(provider, raw) ?? {}) as Json;
  ctx.outcome.usage = answer.usage ? mapOpenAIUsage(answer.usage) : await usageOfCompletion(body, answer);
  writeJsonAnswer(ctx, target, raw, upstreamMs, { contentType, upstreamHeaders: resp.headers });
}
