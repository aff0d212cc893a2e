// Gateway errors in Anthropic's error shape: `{type: 'error', error: {type, message}}`, as an
// HTTP body or as an `event: error` in a stream.
import type { GatewayError, StreamErrorInfo } from '../../canonical/index.js';
import { formatSse } from '../sse/index.js';
import type { AnthropicErrorBody, AnthropicErrorType } from './anthropic-wire-types.js';
import { errorTypeForKind, errorTypeForStatus, isAnthropicErrorType } from './map-anthropic-error-type.js';
import { isRecord } from './read-request-fields.js';

/** An Anthropic upstream's own error body, when it is a well-formed one. */
function anthropicBodyOf(err: GatewayError): AnthropicErrorBody | undefined {
  if (err.upstreamProtocol !== 'anthropic' || !err.upstreamBody) return undefined;
  try {
    const body: unknown = JSON.parse(err.upstreamBody.toString('utf8'));
    if (
      isRecord(body) &&
      body.type === 'error' &&
      isRecord(body.error) &&
      typeof body.error.message === 'string' &&
      isAnthropicErrorType(body.error.type)
    ) {
      return { type: 'error', error: { type: body.error.type, message: body.error.message } };
    }
  } catch {
    // not JSON: compose our own body below
  }
  return undefined;
}

function typeFor(err: GatewayError): AnthropicErrorType {
  if (isAnthropicErrorType(err.upstreamType)) return err.upstreamType;
  return errorTypeForKind(err.kind) ?? errorTypeForStatus(err.status);
}

export function renderAnthropicError(err: GatewayError): { status: number; body: AnthropicErrorBody } {
  const passthrough = anthropicBodyOf(err);
  if (passthrough) return { status: err.status, body: passthrough };
  return { status: err.status, body: { type: 'error', error: { type: typeFor(err), message: err.message } } };
}

/** A mid-stream error as the SSE event Anthropic sends (`event: error`). */
export function renderAnthropicStreamError(info: StreamErrorInfo): string {
  const type = (info.kind && errorTypeForKind(info.kind)) || errorTypeForStatus(info.status);
  const body: AnthropicErrorBody = { type: 'error', error: { type, message: info.message } };
  return formatSse(JSON.stringify(body), 'error');
}
