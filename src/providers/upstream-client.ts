// The one way the gateway talks to providers: undici with keep-alive connection pools per
// origin, connect / headers / idle timeouts, and transport failures turned into GatewayErrors
// that name the provider.

import type { Dispatcher } from 'undici';
import { Agent, request, errors as undiciErrors } from 'undici';
import { GatewayError } from '../canonical/errors.js';
import type { ProviderRuntime } from './provider-runtime.js';

export interface UpstreamClientOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  connections: number;
}

export interface UpstreamRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

export type UpstreamResponse = Dispatcher.ResponseData;

export class UpstreamClient {
  readonly dispatcher: Agent;
  private readonly opts: UpstreamClientOptions;

  constructor(opts: UpstreamClientOptions) {
    this.opts = opts;
    this.dispatcher = new Agent({
      connections: opts.connections,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: opts.headersTimeoutMs,
      bodyTimeout: opts.idleTimeoutMs,
      connect: { timeout: opts.connectTimeoutMs },
    });
  }

  async send(provider: ProviderRuntime, req: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      return await request(req.url, {
        method: req.method ?? 'POST',
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        dispatcher: this.dispatcher,
      });
    } catch (e) {
      throw transportError(provider, e, this.opts);
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

const duration = (ms = 0) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** Describes a failure to reach a provider, naming it, with the status a client should see. */
export function transportError(
  provider: ProviderRuntime,
  e: unknown,
  opts?: UpstreamClientOptions,
): GatewayError {
  if (e instanceof GatewayError) return e;
  const err = e as Error & { code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? err.name;
  const who = `provider ${provider.id}`;
  if (err.name === 'AbortError' || code === 'ABORT_ERR' || err instanceof undiciErrors.RequestAbortedError)
    return new GatewayError('upstream_error', `The request to ${who} was aborted`, {
      provider: provider.id,
      status: 499,
      cause: e,
    });
  if (err instanceof undiciErrors.HeadersTimeoutError)
    return new GatewayError(
      'timeout',
      `${who} did not start answering within ${duration(opts?.headersTimeoutMs)}`,
      { provider: provider.id, cause: e },
    );
  if (err instanceof undiciErrors.BodyTimeoutError)
    return new GatewayError(
      'timeout',
      `${who} went silent for ${duration(opts?.idleTimeoutMs)} in the middle of its answer`,
      { provider: provider.id, cause: e },
    );
  if (err instanceof undiciErrors.ConnectTimeoutError)
    return new GatewayError('timeout', `Could not connect to ${who} in time (connect timeout)`, {
      provider: provider.id,
      cause: e,
    });
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH')
    return new GatewayError('upstream_error', `Could not connect to ${who} (${code})`, {
      provider: provider.id,
      cause: e,
    });
  return new GatewayError('upstream_error', `The connection to ${who} failed: ${err.message} (${code})`, {
    provider: provider.id,
    cause: e,
  });
}
