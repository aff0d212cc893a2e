// Writes a stream of canonical events to the client in its own protocol: used when the
// upstream speaks another protocol (events decoded from its SSE) and for the simulator.
// Event by event, never buffered whole; usage is always captured (estimated with the real
// tokenizer when the provider sends none); a failure after the first byte ends the stream
// with a proper error event in the client's protocol.
import type {
  CanonicalRequest,
  CanonicalStreamEvent,
  StreamEncoder,
  UpstreamCodec,
} from '../canonical/index.js';
import { emptyUsage, GatewayError, kindForStatus, mergeUsage } from '../canonical/index.js';
import type { CatalogModel } from '../catalog/index.js';
import { createSseReader } from '../protocols/sse/index.js';
import { type ProviderRuntime, transportError } from '../providers/index.js';
import { endBrokenStream } from './broken-stream.js';
import { type CallContext, msSince } from './call-context.js';
import { estimateUsage } from './estimate-usage.js';
import type { GatewayServices } from './gateway-services.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { createStreamWriter } from './stream-writer.js';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** canonical events decoded from a provider's SSE body, chunk by chunk */
export async function* decodeUpstreamStream(
  body: AsyncIterable<Buffer>,
  codec: UpstreamCodec,
): AsyncGenerator<CanonicalStreamEvent> {
  const decoder = codec.createStreamDecoder();
  if (codec.streamFraming) {
    for await (const ev of codec.streamFraming.read(body)) yield* decoder.decode(ev);
    yield* decoder.finish();
    return;
  }
  const reader = createSseReader();
  const text = new TextDecoder();
  for await (const chunk of body) {
    for (const ev of reader.push(text.decode(chunk, { stream: true }))) yield* decoder.decode(ev);
  }
  for (const ev of reader.push(text.decode())) yield* decoder.decode(ev);
  for (const ev of reader.end()) yield* decoder.decode(ev);
  yield* decoder.finish();
}

export interface CanonicalStreamTarget {
  provider: ProviderRuntime;
  model: CatalogModel;
  /** upstream response headers worth passing on */
  upstreamHeaders?: Record<string, string | string[] | undefined>;
  /** process.hrtime.bigint() when the upstream request went out */
  sentAt: bigint;
}

/** events that mean the answer has begun (not just the provider's preamble) */
const begins = (ev: CanonicalStreamEvent) => ev.type !== 'start' && ev.type !== 'usage';

export async function writeCanonicalStream(
  gw: GatewayServices,
  ctx: CallContext,
  req: CanonicalRequest,
  encoder: StreamEncoder,
  target: CanonicalStreamTarget,
  events: AsyncIterable<CanonicalStreamEvent>,
): Promise<void> {
  const res = ctx.res;
  const it = events[Symbol.asyncIterator]();
  // nothing goes to the client until the answer has begun: a provider that fails before that
  // (drops, stays silent, or opens with an error event) is a failed attempt another can take over
  const held: CanonicalStreamEvent[] = [];
  for (;;) {
    let r: IteratorResult<CanonicalStreamEvent>;
    try {
      r = await it.next();
    } catch (e) {
      throw e instanceof GatewayError ? e : transportError(target.provider, e);
    }
    if (r.done) {
      if (!held.some(begins))
        throw new GatewayError(
          'upstream_error',
          `provider ${target.provider.id} ended its stream before answering`,
          {
            provider: target.provider.id,
            failure: 'stream_broken',
          },
        );
      break;
    }
    const ev = r.value;
    if (ev.type === 'error')
      throw new GatewayError(
        kindForStatus(ev.error.status),
        `provider ${target.provider.id}: ${ev.error.message}`,
        {
          provider: target.provider.id,
          failure: 'status',
          upstreamStatus: ev.error.status,
        },
      );
    held.push(ev);
    if (begins(ev)) break;
  }

  ctx.onFirstByte?.();
  res.writeHead(200, {
    ...SSE_HEADERS,
    ...servedByHeaders(ctx, target.provider, target.model, target.upstreamHeaders),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - msSince(target.sentAt)),
  });
  ctx.outcome.status = 200;
  const writer = createStreamWriter(res, () => encoder.keepAlive(), gw.keepAliveMs);
  const usage = emptyUsage();
  let reportedOutput = false;
  let generated = '';
  /** the held events, then the rest of the stream */
  async function* all() {
    yield* held;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  try {
    for await (const ev of all()) {
      switch (ev.type) {
        case 'start':
          if (ev.usage) mergeUsage(usage, ev.usage);
          break;
        case 'usage':
          mergeUsage(usage, ev.usage);
          if (ev.usage.outputTokens !== undefined && ev.usage.outputTokens > 0) reportedOutput = true;
          break;
        case 'text_delta':
        case 'reasoning_delta':
          generated += ev.text;
          break;
        case 'tool_call_start':
          generated += ev.name;
          break;
        case 'tool_call_delta':
          generated += ev.argumentsDelta;
          break;
        case 'error':
          ctx.outcome.error = ev.error.message;
          await writer.write(encoder.encode(ev));
          writer.end();
          return;
        default:
          break;
      }
      await writer.write(encoder.encode(ev));
    }
    if (!reportedOutput) {
      const estimated = await estimateUsage(req, generated, usage);
      Object.assign(usage, estimated);
      await writer.write(encoder.encode({ type: 'usage', usage: estimated }));
    }
    ctx.outcome.usage = usage;
    writer.end(encoder.finish());
  } catch (e) {
    writer.close();
    // a stream cut short (the client left, the provider broke off) is paid for what was generated
    ctx.outcome.usage = reportedOutput
      ? usage
      : await estimateUsage(req, generated, usage).catch(() => usage);
    endBrokenStream(ctx, target, e, (info) => encoder.encode({ type: 'error', error: info }));
  }
}
