// Gateway errors in Google's error shape: `{error: {code, message, status}}` with the canonical
// gRPC status name of the HTTP status, as an HTTP body or as a stream's last `data:` event.
import type { GatewayError, StreamErrorInfo } from '../../canonical/index.js';

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  402: 'RESOURCE_EXHAUSTED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  415: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleStatusName(status: number): string {
  return STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

/** A Gemini upstream's own well-formed error body, for a Gemini client. */
function googleBodyOf(err: GatewayError): GoogleErrorBody | undefined {
  if (err.upstreamProtocol !== 'gemini' || !err.upstreamBody) return undefined;
  try {
    const parsed: unknown = JSON.parse(err.upstreamBody.toString('utf8'));
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    const e = (first as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
    if (e && typeof e.message === 'string' && typeof e.code === 'number' && typeof e.status === 'string')
      return first as GoogleErrorBody;
  } catch {
    // not JSON: compose our own body below
  }
  return undefined;
}

export function renderGeminiError(err: GatewayError): { status: number; body: GoogleErrorBody } {
  const own = googleBodyOf(err);
  if (own) return { status: err.status, body: own };
  const status =
    err.upstreamProtocol === 'gemini' && err.upstreamType && err.status < 500
      ? err.upstreamType
      : googleStatusName(err.status);
  return { status: err.status, body: { error: { code: err.status, message: err.message, status } } };
}

/** A mid-stream error as the body Google sends. */
export function geminiStreamErrorBody(info: StreamErrorInfo): GoogleErrorBody {
  return { error: { code: info.status, message: info.message, status: googleStatusName(info.status) } };
}

/** A mid-stream error as the `data:` event Google ends a broken stream with. */
export function renderGeminiStreamError(info: StreamErrorInfo): string {
  return `data: ${JSON.stringify(geminiStreamErrorBody(info))}\r\n\r\n`;
}
