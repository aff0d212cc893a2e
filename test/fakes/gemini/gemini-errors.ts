// Google API error bodies: `{error: {code, message, status, details?}}` with the canonical gRPC status name
// that goes with each HTTP status.
import type { Reply } from '../fake-upstream-types.js';

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const defaultMessages: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  429: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  502: 'Bad Gateway',
  503: 'The model is overloaded. Please try again later.',
  504: 'The request timed out. Please try again.',
};

export function googleError(status: number, message?: string, details?: unknown[]): Reply {
  const error: Record<string, unknown> = {
    code: status,
    message: message ?? defaultMessages[status] ?? 'Unknown error.',
    status: statusNames[status] ?? 'UNKNOWN',
  };
  if (details) error.details = details;
  return {
    type: 'json',
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: { error },
  };
}

export function missingApiKeyError(): Reply {
  return googleError(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

export function invalidApiKeyError(): Reply {
  const message = 'API key not valid. Please pass a valid API key.';
  return googleError(400, message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
  ]);
}

/** A status fault: Google tells the retry delay in a RetryInfo detail, not in a retry-after header. */
export function googleStatusError(status: number, options: { retryAfter?: number; body?: unknown }): Reply {
  if (options.body !== undefined) return { type: 'json', status, body: options.body };
  const details =
    status === 429 && options.retryAfter !== undefined
      ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${options.retryAfter}s` }]
      : undefined;
  return googleError(status, undefined, details);
}

export function geminiStreamErrorFrame(): string {
  const error = { code: 503, message: defaultMessages[503], status: 'UNAVAILABLE' };
  return `data: ${JSON.stringify({ error })}\r\n\r\n`;
}

export function geminiMalformedFrame(): string {
  return 'data: {"candidates":[{"content":{"parts":[{"text":"\r\n\r\n';
}
