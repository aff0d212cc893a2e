// A Gemini client on a Gemini provider: the client's body goes to
// models/{upstream model}:generateContent (or :streamGenerateContent, with ?alt=sse when the
// client asked for SSE, else the JSON-array stream) untouched but for the gateway's own `model`
// and `stream` fields (and any other provider's wrapped signatures), and the provider's bytes
// come back as they are. Usage is read from usageMetadata on the way. The client's own `?key=`
// never goes upstream: the provider's credentials do.
import type { ResolvedModel } from '../catalog/index.js';
import {
  geminiClientBody,
  geminiStreamErrorBody,
  stripForeignGeminiSignatures,
} from '../protocols/gemini/index.js';
import { chatUrl, transportError, type UpstreamResponse, upstreamHeaders } from '../providers/index.js';
import { endBrokenStream } from './broken-stream.js';
import { type CallContext, msSince, upstreamTimeouts } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { createGeminiStreamUsageTap, createGeminiUsageReader } from './gemini-passthrough-usage.js';
import { writeJsonAnswer } from './json-answer.js';
import { relayPassthroughStream } from './passthrough-stream.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';
import { createStreamWriter } from './stream-writer.js';
import { mayHoldForeignSignatures } from './strip-foreign-signatures.js';
import { parseUpstreamJson, readUpstreamText } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Json = Record<string, unknown>;

/** the body for a Gemini provider: without the signatures other providers made, when it holds any */
function serializeForGemini(body: Json): string {
  const json = JSON.stringify(body);
  return mayHoldForeignSignatures(json) ? JSON.stringify(stripForeignGeminiSignatures(body)) : json;
}

/** the client asked for SSE (`?alt=sse`), not Gemini's default JSON-array stream */
export const wantsSse = (query: string) => new URLSearchParams(query).get('alt') === 'sse';

export async function geminiPassthroughCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: Json,
  target: ResolvedModel,
): Promise<void> {
  const { provider, model } = target;
  const stream = body.stream === true;
  const sse = wantsSse(ctx.query);
  ctx.outcome.mode = 'passthrough';
  ctx.outcome.stream = stream;
  let url = chatUrl(provider, model.model, stream);
  if (stream && !sse) url = url.replace(/[?&]alt=sse$/, '');
  const sentAt = process.hrtime.bigint();
  const resp = await gw.upstream.send(provider, {
    url,
    headers: upstreamHeaders(provider),
    body: serializeForGemini(geminiClientBody(body)),
    signal: ctx.signal,
    ...upstreamTimeouts(ctx, stream),
  });
  if (resp.statusCode >= 400) throw await upstreamFailure(provider, resp);
  const contentType = String(resp.headers['content-type'] ?? '');

  if (stream && contentType.includes('text/event-stream')) {
    await relayPassthroughStream(gw, ctx, target, resp, createGeminiStreamUsageTap(body), sentAt);
    return;
  }
  if (stream) {
    await relayJsonArrayStream(ctx, target, resp, body, sentAt);
    return;
  }
  const raw = await readUpstreamText(provider, resp);
  const upstreamMs = msSince(sentAt);
  const reader = createGeminiUsageReader(body);
  reader.chunk(parseUpstreamJson(provider, raw));
  ctx.outcome.usage = await reader.result();
  writeJsonAnswer(ctx, target, raw, upstreamMs, {
    status: resp.statusCode,
    contentType,
    upstreamHeaders: resp.headers,
  });
}

/**
 * Gemini's stream without `alt=sse`: one JSON array written piece by piece. The bytes are
 * relayed as they come (after the first piece has arrived); usage is read from the whole array
 * at the end.
 */
async function relayJsonArrayStream(
  ctx: CallContext,
  target: ResolvedModel,
  resp: UpstreamResponse,
  body: Json,
  sentAt: bigint,
): Promise<void> {
  const it = resp.body[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await it.next();
  } catch (e) {
    throw transportError(target.provider, e);
  }
  ctx.onFirstByte?.();
  ctx.outcome.status = resp.statusCode;
  ctx.res.writeHead(resp.statusCode, {
    'content-type': String(resp.headers['content-type'] ?? 'application/json'),
    ...servedByHeaders(ctx, target.provider, target.model, resp.headers),
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - msSince(sentAt)),
  });
  const writer = createStreamWriter(ctx.res, undefined, 0);
  const seen: Buffer[] = [];
  const reader = createGeminiUsageReader(body);
  const readUsage = () => {
    try {
      const chunks: unknown = JSON.parse(Buffer.concat(seen).toString('utf8'));
      for (const c of Array.isArray(chunks) ? chunks : [chunks]) reader.chunk(c);
    } catch {
      // cut short: whatever was complete is not worth a partial parse; estimated below
    }
  };
  try {
    for (let r = first; !r.done; r = await it.next()) {
      seen.push(r.value);
      await writer.write(r.value);
    }
    readUsage();
    ctx.outcome.usage = await reader.result();
    writer.end();
  } catch (e) {
    writer.close();
    readUsage();
    ctx.outcome.usage = await reader.result().catch(() => reader.usage);
    // the array closes with Google's error object as its last element
    endBrokenStream(ctx, target, e, (info) => `,\r\n${JSON.stringify(geminiStreamErrorBody(info))}]`);
  }
}
