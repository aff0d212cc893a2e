// Relays a same-protocol stream to the client frame by frame, exactly as the provider wrote it,
// reading usage on the way. Nothing is sent to the client until the provider's first real event
// has arrived: a provider that fails before that (drops, stays silent, or opens with an error
// event) is still a failed attempt that another deployment can take over. After that, a failure
// ends the stream with an error event in the client's protocol.
import { GatewayError, kindForStatus, type StreamErrorInfo } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { createSseReader } from '../protocols/sse/index.js';
import { transportError, type UpstreamResponse } from '../providers/index.js';
import { endBrokenStream } from './broken-stream.js';
import { type CallContext, msSince } from './call-context.js';
import { SSE_HEADERS } from './canonical-stream.js';
import type { GatewayServices } from './gateway-services.js';
import type { StreamUsageTap } from './passthrough-usage.js';
import { renderStreamError, upstreamCodecFor } from './protocol-registry.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { createFrameSplitter } from './sse-frames.js';
import { createStreamWriter } from './stream-writer.js';

const KEEP_ALIVE = {
  openai: ': keep-alive\n\n',
  anthropic: 'event: ping\ndata: {"type": "ping"}\n\n',
  gemini: ': keep-alive\r\n\r\n',
  responses: ': keep-alive\n\n',
};

/** an error event that opens the provider's stream (before any of the answer), as a failed attempt */
function openingError(target: ResolvedModel, frames: Buffer[]): GatewayError | undefined {
  const reader = createSseReader();
  const decoder = upstreamCodecFor(target.provider).createStreamDecoder();
  for (const frame of frames) {
    for (const ev of reader.push(frame.toString())) {
      for (const c of decoder.decode(ev)) {
        // the answer has begun: whatever follows is an error in the middle of the stream
        if (c.type !== 'start' && c.type !== 'usage' && c.type !== 'error') return undefined;
        if (c.type === 'error')
          return new GatewayError(
            kindForStatus(c.error.status),
            `provider ${target.provider.id}: ${c.error.message}`,
            {
              provider: target.provider.id,
              failure: 'status',
              upstreamStatus: c.error.status,
            },
          );
      }
    }
  }
  return undefined;
}

export async function relayPassthroughStream(
  gw: GatewayServices,
  ctx: CallContext,
  target: ResolvedModel,
  resp: UpstreamResponse,
  tap: StreamUsageTap,
  sentAt: bigint,
  /** the error event that ends a broken stream, when the protocol's needs the stream's state (Responses: its sequence numbers) */
  renderError: (info: StreamErrorInfo) => string = (info) => renderStreamError(ctx.client, info),
): Promise<void> {
  const splitter = createFrameSplitter();
  const body = resp.body[Symbol.asyncIterator]();

  // wait for the first whole frame before committing to this provider
  const opening: Buffer[] = [];
  while (opening.length === 0) {
    let r: IteratorResult<unknown>;
    try {
      r = await body.next();
    } catch (e) {
      throw transportError(target.provider, e);
    }
    if (r.done) {
      const rest = splitter.rest();
      if (rest.length === 0)
        throw new GatewayError(
          'upstream_error',
          `provider ${target.provider.id} ended its stream before sending anything`,
          {
            provider: target.provider.id,
            failure: 'stream_broken',
          },
        );
      opening.push(rest);
      break;
    }
    opening.push(...splitter.push(r.value as Buffer));
  }
  const failed = openingError(target, opening);
  if (failed) {
    resp.body.destroy();
    throw failed;
  }

  ctx.onFirstByte?.();
  ctx.outcome.status = resp.statusCode;
  ctx.res.writeHead(resp.statusCode, {
    ...SSE_HEADERS,
    ...servedByHeaders(ctx, target.provider, target.model, resp.headers),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - msSince(sentAt)),
  });
  const writer = createStreamWriter(ctx.res, () => KEEP_ALIVE[ctx.client], gw.keepAliveMs);
  const relay = (frames: Buffer[]): Buffer | undefined => {
    const kept = frames.filter((frame) => tap.frame(frame));
    if (kept.length === 0) return undefined;
    return kept.length === 1 ? kept[0] : Buffer.concat(kept);
  };
  try {
    const first = relay(opening);
    if (first) await writer.write(first);
    for (let r = await body.next(); !r.done; r = await body.next()) {
      const out = relay(splitter.push(r.value as Buffer));
      if (out) await writer.write(out);
    }
    const rest = splitter.rest();
    ctx.outcome.usage = await tap.result();
    writer.end(rest.length ? rest : undefined);
  } catch (e) {
    writer.close();
    // a stream cut short (the client left, the provider broke off) is paid for what was generated
    ctx.outcome.usage = await tap.result().catch(() => tap.partial);
    endBrokenStream(ctx, target, e, renderError);
  }
}
