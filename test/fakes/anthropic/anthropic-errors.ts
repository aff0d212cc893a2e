// Anthropic's error bodies: `{type: "error", error: {type, message}, request_id}`, with the error type that
// goes with each HTTP status, and the `event: error` SSE event.
import type { Reply } from '../fake-upstream-types.js';

const errorTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const defaultMessageByType: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error:
    'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

export function anthropicError(
  status: number,
  message?: string,
  options: { requestId?: string; headers?: Record<string, string> } = {},
): Reply {
  const type = errorTypeByStatus[status] ?? 'api_error';
  const requestId = options.requestId ?? 'req_011CFakeAnthropicRequest';
  return {
    type: 'json',
    status,
    headers: { 'request-id': requestId, ...options.headers },
    body: {
      type: 'error',
      error: { type, message: message ?? defaultMessageByType[type] },
      request_id: requestId,
    },
  };
}

export function anthropicInvalidRequest(message: string, requestId?: string): Reply {
  return anthropicError(400, message, { requestId });
}

/** The error a status fault sends: the type that goes with the status, or the fault's own body. */
export function anthropicStatusError(
  status: number,
  options: { retryAfter?: number; body?: unknown; requestId?: string },
): Reply {
  const headers: Record<string, string> = {};
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.body !== undefined) return { type: 'json', status, headers, body: options.body };
  return anthropicError(status, undefined, { requestId: options.requestId, headers });
}

export function anthropicStreamErrorFrame(): string {
  const data = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
  return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
}

export function anthropicMalformedFrame(): string {
  return 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n\n';
}
