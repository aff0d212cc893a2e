// Writes a whole JSON answer to the client with the served-by headers and the gateway's own
// added latency (everything but the time spent waiting on the provider).
import type { ResolvedModel } from '../catalog/index.js';
import { type CallContext, msSince } from './call-context.js';
import { overheadHeader, servedByHeaders } from './response-headers.js';

export function writeJsonAnswer(
  ctx: CallContext,
  target: ResolvedModel,
  body: string | Buffer,
  upstreamMs: number,
  opts: {
    status?: number;
    contentType?: string;
    upstreamHeaders?: Record<string, string | string[] | undefined>;
    extraHeaders?: Record<string, string>;
  } = {},
): void {
  const status = opts.status ?? 200;
  ctx.onFirstByte?.();
  ctx.outcome.status = status;
  if (upstreamMs > 0) ctx.outcome.upstreamMs = upstreamMs;
  ctx.res.writeHead(status, {
    'content-type': opts.contentType || 'application/json',
    'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    ...servedByHeaders(ctx, target.provider, target.model, opts.upstreamHeaders),
    ...opts.extraHeaders,
    'x-switchyard-overhead-ms': overheadHeader(msSince(ctx.startedAt) - upstreamMs),
  });
  ctx.res.end(body);
}
