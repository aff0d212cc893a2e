// Anthropic error `type` strings <-> HTTP status and gateway error kinds
// (https://platform.claude.com/docs/en/api/errors; `timeout_error` and `billing_error` are
// in the SDK's ErrorType list).
import type { GatewayErrorKind } from '../../canonical/index.js';
import type { AnthropicErrorType } from './anthropic-wire-types.js';

const TYPE_FOR_KIND: Record<GatewayErrorKind, AnthropicErrorType> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  payment_required: 'billing_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  // Anthropic uses invalid_request_error for 4xx statuses it has no own type for
  unsupported_media_type: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  upstream_error: 'api_error',
  overloaded: 'overloaded_error',
  timeout: 'timeout_error',
  internal: 'api_error',
};

const STATUS_FOR_TYPE: Record<AnthropicErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export const isAnthropicErrorType = (t: unknown): t is AnthropicErrorType =>
  typeof t === 'string' && Object.hasOwn(STATUS_FOR_TYPE, t);

/** The Anthropic type for a gateway error kind (undefined for a string that is no kind). */
export const errorTypeForKind = (kind: GatewayErrorKind | string): AnthropicErrorType | undefined =>
  Object.hasOwn(TYPE_FOR_KIND, kind) ? TYPE_FOR_KIND[kind as GatewayErrorKind] : undefined;

/** The Anthropic type for a bare HTTP status (a stream error without a kind). */
export function errorTypeForStatus(status: number): AnthropicErrorType {
  if (status === 529 || status === 503) return 'overloaded_error';
  if (status === 504 || status === 408) return 'timeout_error';
  if (status >= 500) return 'api_error';
  for (const [type, s] of Object.entries(STATUS_FOR_TYPE))
    if (s === status) return type as AnthropicErrorType;
  return 'invalid_request_error';
}

/** The HTTP status an Anthropic error type stands for (unknown types: 500). */
export const statusForErrorType = (type: unknown): number =>
  isAnthropicErrorType(type) ? STATUS_FOR_TYPE[type] : 500;
