// Same protocol in and out: the client's body goes to the provider with only the model name
// changed, and the provider's answer comes back as the provider wrote it (streams frame by
// frame, unchanged). The gateway only reads usage on the way through. For OpenAI streams it
// always asks for usage; if the client did not, the extra usage-only chunk is held back.
import type { Usage } from '../canonical/index.js';
import { emptyUsage, GatewayError, invalidRequest, mergeUsage } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { createAnthropicUsageTracker } from '../protocols/anthropic/index.js';
import { mapOpenAIUsage } from '../protocols/openai-chat/index.js';
import { chatUrl, transportError, upstreamHeaders } from '../providers/index.js';
import { countRequestTokens, countTextTokens } from '../tokenizer/index.js';
import { type CallContext, msSince } from './call-context.js';
import { SSE_HEADERS } from './canonical-stream.js';
import type { GatewayServices } from './gateway-services.js';
import { clientCodecs, renderStreamError, upstreamCodecFor } from './protocol-registry.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { createFrameSplitter, frameData } from './sse-frames.js';
import { createStreamWriter } from './stream-writer.js';
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

function forwardedClientHeaders(ctx: CallContext): Record<string, string> {
  if (ctx.client !== 'anthropic') return {};
  const out: Record<string, string> = {};
  for (const name of ['anthropic-version', 'anthropic-beta']) {
    const v = ctx.headers[name];
    if (v !== undefined) out[name] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

/** usage read from a whole (non-stream) response body */
async function usageOfBody(
  ctx: CallContext,
  target: ResolvedModel,
  body: Json,
  response: Json,
): Promise<Usage> {
  if (response.usage) {
    return ctx.client === 'anthropic'
      ? mergeUsage(emptyUsage(), createAnthropicUsageTracker().update(response.usage))
      : mapOpenAIUsage(response.usage);
  }
  let generated = '';
  try {
    generated = upstreamCodecFor(target.provider).decodeResponse(response).content.map(partText).join('');
  } catch {
    // an answer our decoder cannot read (no choices, say) is still the provider's: it passes through
  }
  return estimate(ctx, body, generated);
}

const partText = (p: { type: string; text?: string; arguments?: string; name?: string }) =>
  p.text ?? (p.arguments !== undefined ? `${p.name}${p.arguments}` : '');

async function estimate(ctx: CallContext, body: Json, generated: string): Promise<Usage> {
  let input = 0;
  try {
    input = await countRequestTokens(clientCodecs[ctx.client].decodeRequest(body));
  } catch {
    // a body the provider accepted but our decoder does not fully understand: count its JSON
    input = await countTextTokens(JSON.stringify(body.messages ?? ''));
  }
  return {
    ...emptyUsage(),
    inputTokens: input,
    outputTokens: await countTextTokens(generated),
    estimated: true,
  };
}

export async function passthroughCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: Json,
  target: ResolvedModel,
): Promise<void> {
  checkShape(ctx, body);
  const { provider, model } = target;
  const stream = body.stream === true;
  const out: Json = { ...body, model: model.model };
  const clientWantsUsage =
    ctx.client === 'anthropic' || (body.stream_options as Json | undefined)?.include_usage === true;
  if (stream && ctx.client === 'openai')
    out.stream_options = { ...(body.stream_options as Json), include_usage: true };
  ctx.outcome.mode = 'passthrough';
  ctx.outcome.stream = stream;

  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url: chatUrl(provider, model.model, stream, ctx.client === 'anthropic' ? ctx.query : ''),
    headers: upstreamHeaders(provider, forwardedClientHeaders(ctx)),
    body: JSON.stringify(out),
    signal: ctx.signal,
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const contentType = String(resp.headers['content-type'] ?? '');

  if (!stream || !contentType.includes('text/event-stream')) {
    let raw: Buffer;
    try {
      raw = Buffer.from(await resp.body.arrayBuffer());
    } catch (e) {
      throw transportError(provider, e);
    }
    const upstreamMs = msSince(sentAt);
    let parsed: Json;
    try {
      parsed = JSON.parse(raw.toString('utf8')) as Json;
    } catch {
      throw new GatewayError(
        'upstream_error',
        `provider ${provider.id} returned a malformed response (not JSON)`,
        {
          provider: provider.id,
        },
      );
    }
    ctx.outcome.usage = await usageOfBody(ctx, target, body, parsed);
    ctx.outcome.upstreamMs = upstreamMs;
    ctx.outcome.status = resp.statusCode;
    ctx.res.writeHead(resp.statusCode, {
      'content-type': contentType || 'application/json',
      'content-length': String(raw.length),
      ...servedByHeaders(ctx, provider, model, resp.headers),
      'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - upstreamMs),
    });
    ctx.res.end(raw);
    return;
  }

  // streaming: forward frame by frame
  const waitMs = msSince(sentAt);
  ctx.outcome.status = resp.statusCode;
  ctx.res.writeHead(resp.statusCode, {
    ...SSE_HEADERS,
    ...servedByHeaders(ctx, provider, model, resp.headers),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - waitMs),
  });
  const writer = createStreamWriter(
    ctx.res,
    () => (ctx.client === 'anthropic' ? 'event: ping\ndata: {"type": "ping"}\n\n' : ': keep-alive\n\n'),
    gw.keepAliveMs,
  );
  const splitter = createFrameSplitter();
  const decoder = new TextDecoder();
  const usage = emptyUsage();
  let sawUsage = false;
  const anthropicUsage = createAnthropicUsageTracker();
  /** content frames, kept only until usage shows up, to estimate it if it never does */
  let contentFrames: string[] | undefined = [];

  const relay = (frames: string[]): string => {
    let text = '';
    for (const frame of frames) {
      if (ctx.client === 'openai') {
        if (frame.includes('"usage"')) {
          const data = frameData(frame);
          if (data && data !== '[DONE]') {
            try {
              const j = JSON.parse(data) as Json;
              if (j.usage) {
                mergeUsage(usage, mapOpenAIUsage(j.usage));
                sawUsage = true;
                contentFrames = undefined;
                if (!clientWantsUsage && Array.isArray(j.choices) && j.choices.length === 0) continue;
              }
            } catch {
              // not JSON: forward it as it is; the client sees what the provider sent
            }
          }
        } else if (contentFrames && frame.includes('"delta"')) contentFrames.push(frame);
      } else if (frame.includes('message_start') || frame.includes('message_delta')) {
        const data = frameData(frame);
        if (data) {
          try {
            const j = JSON.parse(data) as Json;
            const u = j.type === 'message_start' ? (j.message as Json | undefined)?.usage : j.usage;
            if (u) {
              mergeUsage(usage, anthropicUsage.update(u));
              if (j.type === 'message_delta') sawUsage = true;
            }
          } catch {
            // forwarded as is
          }
        }
      } else if (contentFrames && frame.includes('_delta')) contentFrames.push(frame);
      text += frame;
    }
    return text;
  };

  try {
    for await (const chunk of resp.body) {
      await writer.write(relay(splitter.push(decoder.decode(chunk as Buffer, { stream: true }))));
    }
    const tail = relay(splitter.push(decoder.decode())) + splitter.rest();
    if (!sawUsage) {
      const generated = (contentFrames ?? []).map((f) => generatedText(f)).join('');
      const est = await estimate(ctx, body, generated);
      Object.assign(usage, est, { inputTokens: usage.inputTokens || est.inputTokens });
    }
    ctx.outcome.usage = usage;
    writer.end(tail);
  } catch (e) {
    writer.close();
    ctx.outcome.usage = usage;
    if (ctx.signal.aborted) {
      ctx.outcome.clientAborted = true;
      ctx.res.destroy();
      return;
    }
    const err = transportError(provider, e);
    ctx.outcome.error = err.message;
    if (!ctx.res.destroyed)
      ctx.res.end(
        renderStreamError(ctx.client, {
          status: err.status,
          kind: err.kind,
          message: `${err.message} (the answer was cut off after it had started)`,
        }),
      );
  }
}

/** the generated text carried by one content frame of either protocol */
function generatedText(frame: string): string {
  const data = frameData(frame);
  if (!data) return '';
  try {
    const j = JSON.parse(data) as Json;
    const delta = (j.delta ?? (j.choices as Json[] | undefined)?.[0]?.delta) as Json | undefined;
    if (!delta) return '';
    let s = '';
    for (const k of ['content', 'text', 'thinking', 'partial_json', 'reasoning_content', 'reasoning']) {
      if (typeof delta[k] === 'string') s += delta[k];
    }
    for (const tc of (delta.tool_calls as Json[] | undefined) ?? []) {
      const f = tc.function as Json | undefined;
      if (f && typeof f.arguments === 'string') s += f.arguments;
      if (f && typeof f.name === 'string') s += f.name;
    }
    return s;
  } catch {
    return '';
  }
}
