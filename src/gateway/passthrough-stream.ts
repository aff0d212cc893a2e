// Relays a same-protocol stream to the client frame by frame, exactly as the provider wrote it,
// reading usage on the way; a failure after the first byte ends the stream with an error event
// in the client's protocol.
import type { ResolvedModel } from '../catalog/index.js';
import { transportError, type UpstreamResponse } from '../providers/index.js';
import { type CallContext, msSince } from './call-context.js';
import { SSE_HEADERS } from './canonical-stream.js';
import type { GatewayServices } from './gateway-services.js';
import type { StreamUsageTap } from './passthrough-usage.js';
import { renderStreamError } from './protocol-registry.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { createFrameSplitter } from './sse-frames.js';
import { createStreamWriter } from './stream-writer.js';

const KEEP_ALIVE = {
  openai: ': keep-alive\n\n',
  anthropic: 'event: ping\ndata: {"type": "ping"}\n\n',
};

export async function relayPassthroughStream(
  gw: GatewayServices,
  ctx: CallContext,
  target: ResolvedModel,
  resp: UpstreamResponse,
  tap: StreamUsageTap,
  waitMs: number,
): Promise<void> {
  ctx.outcome.status = resp.statusCode;
  ctx.res.writeHead(resp.statusCode, {
    ...SSE_HEADERS,
    ...servedByHeaders(ctx, target.provider, target.model, resp.headers),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - waitMs),
  });
  const keepAlive = KEEP_ALIVE[ctx.client];
  const writer = createStreamWriter(ctx.res, () => keepAlive, gw.keepAliveMs);
  const splitter = createFrameSplitter();
  const relay = (frames: Buffer[]): Buffer | undefined => {
    const kept = frames.filter((frame) => tap.frame(frame));
    if (kept.length === 0) return undefined;
    return kept.length === 1 ? kept[0] : Buffer.concat(kept);
  };
  try {
    for await (const chunk of resp.body) {
      const out = relay(splitter.push(chunk as Buffer));
      if (out) await writer.write(out);
    }
    const rest = splitter.rest();
    ctx.outcome.usage = await tap.result();
    writer.end(rest.length ? rest : undefined);
  } catch (e) {
    writer.close();
    ctx.outcome.usage = tap.partial;
    if (ctx.signal.aborted) {
      ctx.outcome.clientAborted = true;
      ctx.res.destroy();
      return;
    }
    const err = transportError(target.provider, e);
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
