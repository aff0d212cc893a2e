// POST /v1/audio/transcriptions (OpenAI shape): a multipart upload, re-encoded for the provider
// with only `model` changed; the provider's answer (JSON or text) returned as it is. Metered per
// second of audio (whole seconds, rounded to the nearest, as OpenAI bills), the length taken from
// the provider's answer (usage.seconds, verbose_json's duration, the last subtitle cue) or else
// the file's own header (WAV); or by the tokens the provider reports for token-priced models.
// When neither says how long the audio is, the length is estimated from the file's size at
// 16 kB/s (128 kbit/s) and the usage row is marked estimated.
import { emptyUsage, GatewayError } from '../canonical/index.js';
import type { Deployment } from '../deployments/index.js';
import {
  billedSeconds,
  encodeUpload,
  measureTranscription,
  readTranscriptionUpload,
  type TranscriptionUpload,
  wavDurationSeconds,
} from '../protocols/openai-media/index.js';
import { openaiMediaUrl, simulateTranscriptText, upstreamHeaders } from '../providers/index.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { runMediaCall } from './media-attempts.js';
import { FALLBACKS_HEADER } from './requested-models.js';
import { readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

/** the lowest bitrate of speech audio worth assuming (4 kbit/s): bounds the seconds a file can hold */
const MIN_BYTES_PER_SECOND = 500;
/** the bitrate assumed when nothing says how long the audio is (128 kbit/s) */
const TYPICAL_BYTES_PER_SECOND = 16_000;

interface Audio {
  upload: TranscriptionUpload;
  /** exact seconds from the file's header, when it has one the gateway can read */
  headerSeconds?: number;
}

export async function transcriptionCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  const upload = await readTranscriptionUpload(body, String(ctx.headers['content-type'] ?? ''));
  const bytes = new Uint8Array(await upload.file.arrayBuffer());
  const audio: Audio = { upload, headerSeconds: wavDurationSeconds(bytes) };
  const bound = audio.headerSeconds ?? bytes.length / MIN_BYTES_PER_SECOND;
  const header = ctx.headers[FALLBACKS_HEADER];
  const fallbacks = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== upload.model);
  await runMediaCall(
    gw,
    ctx,
    { names: [upload.model, ...fallbacks], own: fallbacks.length > 0 },
    {
      want: 'audio_transcription',
      promptBound: Buffer.isBuffer(body) ? body.length : bytes.length,
      unit: { kind: 'second', bound: billedSeconds(bound) },
    },
    (attempt, d) => transcribeOnce(gw, attempt, audio, bytes.length, d),
  );
}

function meterSeconds(ctx: CallContext, seconds: number, estimated: boolean) {
  ctx.outcome.usage = { ...emptyUsage(), ...(estimated ? { estimated: true } : {}) };
  ctx.outcome.units = { kind: 'second', count: billedSeconds(seconds) };
}

async function transcribeOnce(
  gw: GatewayServices,
  ctx: CallContext,
  audio: Audio,
  size: number,
  target: Deployment,
) {
  const { provider, model } = target;
  const { upload } = audio;
  if (provider.protocol === 'simulated') {
    ctx.outcome.mode = 'simulated';
    const seconds = audio.headerSeconds;
    meterSeconds(ctx, seconds ?? size / TYPICAL_BYTES_PER_SECOND, seconds === undefined);
    const text = simulateTranscriptText(seconds);
    const json = upload.responseFormat === 'json' || upload.responseFormat === 'verbose_json';
    const out = json
      ? JSON.stringify({
          text,
          ...(upload.responseFormat === 'verbose_json' ? { task: 'transcribe', duration: seconds ?? 0 } : {}),
          usage: { type: 'duration', seconds: ctx.outcome.units!.count },
        })
      : text;
    writeJsonAnswer(ctx, target, out, 0, {
      contentType: json ? 'application/json' : 'text/plain; charset=utf-8',
    });
    return;
  }
  if (provider.protocol !== 'openai' && provider.protocol !== 'azure-openai')
    throw new GatewayError(
      'invalid_request',
      `provider ${provider.id} has no OpenAI-compatible transcription API`,
      {
        param: 'model',
      },
    );
  ctx.outcome.mode = 'passthrough';
  // a plain-text answer carries no usage: the provider is asked for JSON and its text returned
  const asText = upload.responseFormat === 'text';
  const encoded = await encodeUpload(upload.form, {
    model: model.model,
    ...(asText ? { response_format: 'json' } : {}),
  });
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: openaiMediaUrl(provider, model.model, 'audio/transcriptions'),
    headers: upstreamHeaders(provider, { 'content-type': encoded.contentType }),
    body: encoded.body,
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, false),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const raw = await readUpstreamText(provider, resp);
  const upstreamMs = msSince(sentAt);
  const m = measureTranscription(raw, asText ? 'json' : upload.responseFormat);
  const seconds = m.seconds ?? audio.headerSeconds;
  meterSeconds(ctx, seconds ?? size / TYPICAL_BYTES_PER_SECOND, seconds === undefined);
  if (m.inputTokens !== undefined) {
    ctx.outcome.usage = { ...emptyUsage(), inputTokens: m.inputTokens, outputTokens: m.outputTokens ?? 0 };
  }
  if (asText) {
    const text = textOf(provider.id, raw);
    writeJsonAnswer(ctx, target, text, upstreamMs, {
      contentType: 'text/plain; charset=utf-8',
      upstreamHeaders: resp.headers,
    });
    return;
  }
  writeJsonAnswer(ctx, target, raw, upstreamMs, {
    contentType: String(resp.headers['content-type'] ?? 'application/json'),
    upstreamHeaders: resp.headers,
  });
}

/** the transcript of a JSON answer, as the plain-text format gives it */
function textOf(providerId: string, raw: string): string {
  try {
    const t = (JSON.parse(raw) as { text?: unknown }).text;
    if (typeof t === 'string') return `${t}\n`;
  } catch {
    // falls through
  }
  throw new GatewayError('upstream_error', `provider ${providerId} returned a transcription without text`, {
    provider: providerId,
    failure: 'malformed',
  });
}
