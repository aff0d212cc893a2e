// The edge where every error becomes the caller's protocol's error shape. A provider's own
// 4xx body goes back unchanged to a client of the same protocol.
import type { ServerResponse } from 'node:http';
import { GatewayError } from '../canonical/index.js';
import { type ClientProtocol, renderError } from '../gateway/index.js';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
}

/** Any thrown value as a GatewayError (framework errors included). */
export function toGatewayError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  const err = e as FastifyLikeError;
  switch (err?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError(
        'request_too_large',
        'The request body is larger than the gateway accepts (server.body_limit_mb)',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'unsupported_media_type',
        'The request body must be JSON (Content-Type: application/json)',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_request', 'The request body is empty; a JSON object is required');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('invalid_request', 'The Content-Length header does not match the body');
    default:
      break;
  }
  if (err?.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new GatewayError('invalid_request', err.message, { status: err.statusCode });
  return new GatewayError('internal', 'The gateway failed to handle this request', { cause: e });
}

const sameFamily = (client: ClientProtocol, upstream: string | undefined) =>
  client === 'openai' || client === 'responses'
    ? upstream === 'openai' || upstream === 'azure-openai'
    : upstream === client;

export interface ErrorPayload {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function errorPayload(client: ClientProtocol, err: GatewayError, requestId: string): ErrorPayload {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId };
  if (err.retryAfter) headers['retry-after'] = err.retryAfter;
  if (err.provider) headers['x-switchyard-provider'] = err.provider;
  if (err.upstreamBody && err.status < 500 && sameFamily(client, err.upstreamProtocol)) {
    return { status: err.status, headers, body: err.upstreamBody.toString('utf8') };
  }
  const r = renderError(client, err);
  return { status: r.status, headers, body: JSON.stringify(r.body) };
}

/** writes an error on a raw response if nothing has been sent yet */
export function writeError(
  res: ServerResponse,
  client: ClientProtocol,
  err: GatewayError,
  requestId: string,
): void {
  if (res.headersSent || res.destroyed) {
    if (!res.writableEnded) res.end();
    return;
  }
  const p = errorPayload(client, err, requestId);
  res.writeHead(p.status, { ...p.headers, 'content-length': String(Buffer.byteLength(p.body)) });
  res.end(p.body);
}
