// Errors are typed where they arise (GatewayError) and turned into the client's protocol
// shape in one place at the edge (each protocol's `render-error.ts`).

export type GatewayErrorKind =
  | 'invalid_request' // 400
  | 'authentication' // 401
  | 'payment_required' // 402 (credits exhausted, budget reached)
  | 'permission' // 403
  | 'not_found' // 404
  | 'request_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'rate_limit' // 429
  | 'upstream_error' // 502
  | 'overloaded' // 503 (or 529 from Anthropic)
  | 'timeout' // 504
  | 'internal'; // 500

const STATUS: Record<GatewayErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  payment_required: 402,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  unsupported_media_type: 415,
  rate_limit: 429,
  upstream_error: 502,
  overloaded: 503,
  timeout: 504,
  internal: 500,
};

/** how an upstream attempt failed, for the retry decision (see reliability/retry-policy.ts) */
export type UpstreamFailureKind =
  | 'connect'
  | 'timeout'
  | 'status'
  | 'malformed'
  | 'aborted'
  | 'stream_broken';

export interface GatewayErrorOptions {
  status?: number;
  /** the offending request field, e.g. `messages[2].content` */
  param?: string;
  /** a machine-readable code, e.g. `model_not_found` */
  code?: string;
  /** seconds, from the upstream's retry-after */
  retryAfter?: string;
  /** provider id when the error came from (or concerns) an upstream */
  provider?: string;
  /** the provider's own error body, passed through when the client speaks the same protocol */
  upstreamBody?: Buffer;
  upstreamProtocol?: string;
  /** the provider's own error type string (e.g. `invalid_request_error`) */
  upstreamType?: string;
  /** set when an upstream attempt failed */
  failure?: UpstreamFailureKind;
  /** the provider's own HTTP status, when it answered with an error */
  upstreamStatus?: number;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly status: number;
  readonly param?: string;
  readonly code?: string;
  readonly retryAfter?: string;
  readonly provider?: string;
  readonly upstreamBody?: Buffer;
  readonly upstreamProtocol?: string;
  readonly upstreamType?: string;
  readonly failure?: UpstreamFailureKind;
  readonly upstreamStatus?: number;

  constructor(kind: GatewayErrorKind, message: string, opts: GatewayErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GatewayError';
    this.kind = kind;
    this.status = opts.status ?? STATUS[kind];
    this.param = opts.param;
    this.code = opts.code;
    this.retryAfter = opts.retryAfter;
    this.provider = opts.provider;
    this.upstreamBody = opts.upstreamBody;
    this.upstreamProtocol = opts.upstreamProtocol;
    this.upstreamType = opts.upstreamType;
    this.failure = opts.failure;
    this.upstreamStatus = opts.upstreamStatus;
  }
}

/** A request the client got wrong: 400 with the field named. */
export const invalidRequest = (message: string, param?: string) =>
  new GatewayError('invalid_request', message, { param });

/** Maps an HTTP status to the closest kind (for upstream errors). */
export function kindForStatus(status: number): GatewayErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 402) return 'payment_required';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 413) return 'request_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 504 || status === 408) return 'timeout';
  if (status >= 500) return 'upstream_error';
  return 'invalid_request';
}
