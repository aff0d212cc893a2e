// POST /v1/audio/speech (OpenAI shape): JSON in, the provider's audio bytes streamed through to
// the client as they arrive. Metered per character of `input` (the catalog's price per million
// characters), or by tokens for token-priced models: the input's tokens counted by the gateway
// (the provider reports none for a plain audio answer), marked estimated.
import { emptyUsage, GatewayError } from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import {
  decodeSpeechRequest,
  SPEECH_CONTENT_TYPES,
  type SpeechRequest,
  silentWav,
} from '../protocols/openai-media/index.js';
import {
  openaiMediaUrl,
  simulatedSpeechSeconds,
  transportError,
  upstreamHeaders,
} from '../providers/index.js';
import { countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import { bodySize } from './chat-call.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { runMediaCall } from './media-attempts.js';
import { requestedModels } from './requested-models.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { upstreamFailure } from './upstream-failure.js';

export async function speechCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  const req = decodeSpeechRequest(body);
  const requested = requestedModels(ctx, body as Record<string, unknown>);
  await runMediaCall(
    gw,
    ctx,
    requested,
    {
      want: 'audio_speech',
      promptBound: bodySize(ctx),
      unit: { kind: 'character', bound: req.characters },
    },
    (attempt, d) => speechOnce(gw, attempt, req, requested.body, d),
  );
}

async function meter(ctx: CallContext, req: SpeechRequest) {
  ctx.outcome.usage = { ...emptyUsage(), inputTokens: await countTextTokens(req.input), estimated: true };
  ctx.outcome.units = { kind: 'character', count: req.characters };
}

async function speechOnce(
  gw: GatewayServices,
  ctx: CallContext,
  req: SpeechRequest,
  body: Record<string, unknown>,
  target: Deployment,
) {
  const { provider, model } = target;
  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    if (req.responseFormat !== 'wav' && req.responseFormat !== 'pcm')
      throw new GatewayError('invalid_request', 'The simulator speaks wav or pcm only; set response_format', {
        param: 'response_format',
      });
    await meter(ctx, req);
    const wav = silentWav(simulatedSpeechSeconds(req.characters));
    const audio = req.responseFormat === 'pcm' ? wav.subarray(44) : wav;
    writeJsonAnswer(ctx, target, audio, 0, { contentType: SPEECH_CONTENT_TYPES[req.responseFormat] });
    return;
  }
  if (provider.protocol !== 'openai' && provider.protocol !== 'azure-openai')
    throw new GatewayError('invalid_request', `provider ${provider.id} has no OpenAI-compatible speech API`, {
      param: 'model',
    });
  ctx.outcome.mode = 'passthrough';
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: openaiMediaUrl(provider, model.model, 'audio/speech'),
    headers: upstreamHeaders(provider),
    body: JSON.stringify({ ...body, model: model.model }),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, true),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const iter = resp.body[Symbol.asyncIterator]();
  // nothing goes to the client before the provider's first bytes: until then it is a failed attempt
  let first: IteratorResult<Buffer>;
  try {
    first = await iter.next();
  } catch (e) {
    throw transportError(provider, e);
  }
  await meter(ctx, req);
  ctx.onFirstByte?.();
  ctx.outcome.status = resp.statusCode;
  const headers: Record<string, string> = {
    'content-type': String(resp.headers['content-type'] ?? SPEECH_CONTENT_TYPES[req.responseFormat]),
    ...servedByHeaders(ctx, provider, model, resp.headers),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - msSince(sentAt)),
  };
  const length = resp.headers['content-length'];
  if (typeof length === 'string') headers['content-length'] = length;
  ctx.res.writeHead(resp.statusCode, headers);
  try {
    for (let r = first; !r.done; r = await iter.next()) {
      if (!ctx.res.write(r.value)) await new Promise((ok) => ctx.res.once('drain', ok));
      if (ctx.res.destroyed) throw new Error('the client went away');
    }
    ctx.outcome.upstreamMs = msSince(sentAt);
    ctx.res.end();
  } catch (e) {
    resp.body.destroy();
    if (ctx.res.destroyed) {
      // the client left: the provider made the audio, so it is paid for
      ctx.outcome.clientAborted = true;
      return;
    }
    // audio has no error event: the transfer is cut (the client sees an incomplete body), and
    // an answer the provider broke off is not charged
    ctx.outcome.error = `${transportError(provider, e).message} (the audio was cut off after it had started)`;
    ctx.outcome.usage = undefined;
    ctx.outcome.units = undefined;
    ctx.res.destroy();
  }
}
