// POST /v1/audio/speech (OpenAI shape): JSON in, the provider's audio streamed through to the
// client as it arrives. Metered per character of `input` (the catalog's price per million
// characters). Token-priced models (gpt-4o-mini-tts) report their tokens only in OpenAI's speech
// event stream, so OpenAI and Azure are asked for `stream_format: "sse"` and the audio is decoded
// back to bytes for a client that asked for plain audio; a client that asked for events gets them
// as they are. Where no usage arrives, the input's tokens are counted (marked estimated).
import { emptyUsage, GatewayError, type Usage } from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import {
  decodeSpeechRequest,
  readSpeechEvent,
  SPEECH_CONTENT_TYPES,
  type SpeechRequest,
  silentWav,
} from '../protocols/openai-media/index.js';
import { createSseReader } from '../protocols/sse/index.js';
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

/** presets whose speech API has the event stream with usage */
const SSE_PRESETS = new Set(['openai', 'azure']);

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

async function meter(ctx: CallContext, req: SpeechRequest, usage?: Usage) {
  ctx.outcome.usage = usage ?? {
    ...emptyUsage(),
    inputTokens: await countTextTokens(req.input),
    estimated: true,
  };
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
  const clientEvents = body.stream_format === 'sse';
  const askEvents =
    clientEvents ||
    (model.prices.units?.perMchar === undefined && SSE_PRESETS.has(provider.catalogProvider ?? provider.id));
  ctx.outcome.mode = 'passthrough';
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: openaiMediaUrl(provider, model.model, 'audio/speech'),
    headers: upstreamHeaders(provider),
    body: JSON.stringify({ ...body, model: model.model, ...(askEvents ? { stream_format: 'sse' } : {}) }),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, true),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const upstreamType = String(resp.headers['content-type'] ?? '');
  const events = upstreamType.includes('text/event-stream');
  const iter = resp.body[Symbol.asyncIterator]();
  // nothing goes to the client before the provider's first bytes: until then it is a failed attempt
  let first: IteratorResult<Buffer>;
  try {
    first = await iter.next();
  } catch (e) {
    throw transportError(provider, e);
  }
  ctx.onFirstByte?.();
  ctx.outcome.status = resp.statusCode;
  const passThrough = !events || clientEvents;
  const headers: Record<string, string> = {
    'content-type': passThrough
      ? upstreamType || SPEECH_CONTENT_TYPES[req.responseFormat]!
      : SPEECH_CONTENT_TYPES[req.responseFormat]!,
    ...servedByHeaders(ctx, provider, model, resp.headers),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - msSince(sentAt)),
  };
  const length = resp.headers['content-length'];
  if (passThrough && typeof length === 'string') headers['content-length'] = length;
  ctx.res.writeHead(resp.statusCode, headers);
  const reader = createSseReader();
  const text = new TextDecoder();
  let usage: Usage | undefined;
  const write = async (b: Buffer) => {
    if (b.length > 0 && !ctx.res.write(b)) await new Promise((ok) => ctx.res.once('drain', ok));
    if (ctx.res.destroyed) throw new Error('the client went away');
  };
  try {
    for (let r = first; !r.done; r = await iter.next()) {
      if (events)
        for (const ev of reader.push(text.decode(r.value, { stream: true }))) {
          const e = readSpeechEvent(ev.data);
          if (e.usage) usage = e.usage;
          if (e.audio && !passThrough) await write(e.audio);
        }
      if (passThrough) await write(r.value);
    }
    ctx.outcome.upstreamMs = msSince(sentAt);
    await meter(ctx, req, usage);
    ctx.res.end();
  } catch (e) {
    resp.body.destroy();
    if (ctx.res.destroyed) {
      // the client left: the provider made the audio, so it is paid for
      ctx.outcome.clientAborted = true;
      await meter(ctx, req, usage);
      return;
    }
    // audio has no error event: the transfer is cut (the client sees an incomplete body), and
    // an answer the provider broke off is not charged
    ctx.outcome.error = `${transportError(provider, e).message} (the audio was cut off after it had started)`;
    ctx.res.destroy();
  }
}
