// GatewayError / stream error -> OpenAI's error shape `{error: {message, type, param, code}}`.
//
// Types follow what api.openai.com sends where it is unambiguous: 5xx answers carry
// `server_error` (OpenAI's own 500/503 bodies do; `api_error` is Anthropic's word), 400/404/413/415
// carry `invalid_request_error` (a missing model is `invalid_request_error` + `model_not_found`).
// 401/403/429 use `authentication_error` / `permission_error` / `rate_limit_error`: OpenAI's
// SDKs pick the exception class from the HTTP status, not from `type`, so these only need
// to be descriptive.
import {
  type GatewayError,
  type GatewayErrorKind,
  kindForStatus,
  type StreamErrorInfo,
} from '../../canonical/index.js';
import type { OpenAIErrorBody } from './openai-chat-wire-types.js';

const TYPE: Record<GatewayErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  // OpenAI answers an exhausted quota with `insufficient_quota`
  payment_required: 'insufficient_quota',
  permission: 'permission_error',
  not_found: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  unsupported_media_type: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  upstream_error: 'server_error',
  overloaded: 'server_error',
  timeout: 'server_error',
  internal: 'server_error',
};

/** the `code` OpenAI clients expect when the error itself names none */
const DEFAULT_CODE: Partial<Record<GatewayErrorKind, string>> = {
  authentication: 'invalid_api_key',
  rate_limit: 'rate_limit_exceeded',
  payment_required: 'insufficient_quota',
};

const KINDS = new Set(Object.keys(TYPE));
const asKind = (kind: string | undefined, status: number): GatewayErrorKind =>
  kind && KINDS.has(kind) ? (kind as GatewayErrorKind) : kindForStatus(status);

export function renderOpenAIError(err: GatewayError): { status: number; body: OpenAIErrorBody } {
  return {
    status: err.status,
    body: {
      error: {
        message: err.message,
        type: TYPE[err.kind],
        param: err.param ?? null,
        code: err.code ?? DEFAULT_CODE[err.kind] ?? null,
      },
    },
  };
}

/** The SSE text for an error in the middle of a stream. */
export function renderOpenAIStreamError(info: StreamErrorInfo): string {
  const kind = asKind(info.kind, info.status);
  const body: OpenAIErrorBody = {
    error: { message: info.message, type: TYPE[kind], param: null, code: DEFAULT_CODE[kind] ?? null },
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
