// OpenAI's error bodies: `{error: {message, type, param, code}}`, and Azure OpenAI's `{error: {code, message}}`
// for the Azure-only failures (key, route, rate limit).
import type { Reply } from '../fake-upstream-types.js';

export function openAIError(
  status: number,
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
  headers?: Record<string, string>,
): Reply {
  return { type: 'json', status, headers, body: { error: { message, type, param, code } } };
}

export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): Reply {
  return openAIError(400, message, 'invalid_request_error', param, code);
}

export function missingKeyError(): Reply {
  return openAIError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
  );
}

export function incorrectKeyError(key: string): Reply {
  const masked =
    key.length > 8
      ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`
      : '*'.repeat(key.length);
  return openAIError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

export function invalidUrlError(method: string, path: string): Reply {
  return openAIError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');
}

export function azureError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { type: 'json', status, headers, body: { error: { code: String(status), message } } };
}

export function azureAccessDenied(): Reply {
  return azureError(
    401,
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  );
}

/** The error OpenAI (or Azure, for its routes) sends with this status. */
export function openAIStatusError(
  status: number,
  options: { retryAfter?: number; body?: unknown; model?: string; azure?: boolean },
): Reply {
  const headers: Record<string, string> = {};
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.body !== undefined) return { type: 'json', status, headers, body: options.body };
  const wait = options.retryAfter ?? 20;
  if (options.azure && status === 429) {
    return azureError(
      429,
      `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${wait} seconds.`,
      headers,
    );
  }
  switch (status) {
    case 429: {
      headers['x-ratelimit-remaining-requests'] = '0';
      headers['x-ratelimit-reset-requests'] = `${wait}s`;
      const message = `Rate limit reached for ${options.model ?? 'gpt-4o-mini'} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${wait}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
      return openAIError(429, message, 'requests', null, 'rate_limit_exceeded', headers);
    }
    case 502:
      return {
        type: 'json',
        status,
        headers,
        body: { error: { code: 502, message: 'Bad gateway.', param: null, type: 'cf_bad_gateway' } },
      };
    case 503:
      return openAIError(
        503,
        'The server is overloaded or not ready yet.',
        'server_error',
        null,
        null,
        headers,
      );
    case 400:
      return openAIError(400, 'Bad request.', 'invalid_request_error', null, null, headers);
    case 401:
      return incorrectKeyError('sk-revoked-key-0000');
    case 403:
      return openAIError(
        403,
        'You are not allowed to sample from this model',
        'invalid_request_error',
        null,
        null,
        headers,
      );
    case 404:
      return openAIError(
        404,
        'The model does not exist or you do not have access to it.',
        'invalid_request_error',
        null,
        'model_not_found',
        headers,
      );
    default:
      return openAIError(
        status,
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
        null,
        null,
        headers,
      );
  }
}

/** The in-stream error OpenAI sends as a data-only event (the SDK throws on `data.error`). */
export function openAIStreamErrorFrame(): string {
  const error = {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  };
  return `data: ${JSON.stringify({ error })}\n\n`;
}

export function openAIMalformedFrame(): string {
  return 'data: {"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n';
}
