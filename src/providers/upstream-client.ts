// The one way the gateway talks to providers: undici with keep-alive connection pools per
// provider (each with its connect timeout), per-request first-byte and idle timeouts, and
// transport failures turned into GatewayErrors that name the provider and say how it failed.
import type { Dispatcher } from 'undici';
import { Agent, request, errors as undiciErrors } from 'undici';
import { GatewayError } from '../canonical/errors.js';
import type { ProviderRuntime } from './provider-runtime.js';

export interface UpstreamClientOptions {
  /** keep-alive connections per provider origin */
  connections: number;
}

export interface UpstreamRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  connectTimeoutMs: number;
  /** until the response headers arrive */
  headersTimeoutMs: number;
  /** the longest silence between two body chunks */
  idleTimeoutMs: number;
}

export type UpstreamResponse = Dispatcher.ResponseData;

export class UpstreamClient {
  private readonly agents = new Map<string, Agent>();
  private readonly opts: UpstreamClientOptions;

  constructor(opts: UpstreamClientOptions) {
    this.opts = opts;
  }

  /** one pool per provider and connect timeout */
  private agent(provider: ProviderRuntime, connectTimeoutMs: number): Agent {
    const key = `${provider.id}\u0000${connectTimeoutMs}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new Agent({
        connections: this.opts.connections,
        keepAliveTimeout: 60_000,
        keepAliveMaxTimeout: 600_000,
        connect: { timeout: connectTimeoutMs },
      });
      this.agents.set(key, agent);
    }
    return agent;
  }

  async send(provider: ProviderRuntime, req: UpstreamRequest): Promise<UpstreamResponse> {
    const method = req.method ?? 'POST';
    const headers = provider.authorize
      ? {
          ...req.headers,
          ...(await provider.authorize({ method, url: req.url, headers: req.headers, body: req.body })),
        }
      : req.headers;
    try {
      return await request(req.url, {
        method,
        headers,
        body: req.body,
        signal: req.signal,
        headersTimeout: req.headersTimeoutMs,
        bodyTimeout: req.idleTimeoutMs,
        dispatcher: this.agent(provider, req.connectTimeoutMs),
      });
    } catch (e) {
      throw transportError(provider, e, req);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.close()));
    this.agents.clear();
  }
}

const duration = (ms = 0) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** Describes a failure to reach a provider, naming it, with the status a client should see. */
export function transportError(
  provider: ProviderRuntime,
  e: unknown,
  timeouts?: Pick<UpstreamRequest, 'headersTimeoutMs' | 'idleTimeoutMs' | 'connectTimeoutMs'>,
): GatewayError {
  if (e instanceof GatewayError) return e;
  const err = e as Error & { code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? err.name;
  const who = `provider ${provider.id}`;
  const base = { provider: provider.id, cause: e };
  if (err.name === 'AbortError' || code === 'ABORT_ERR' || err instanceof undiciErrors.RequestAbortedError)
    return new GatewayError('upstream_error', `The request to ${who} was aborted`, {
      ...base,
      status: 499,
      failure: 'aborted',
    });
  if (err instanceof undiciErrors.HeadersTimeoutError)
    return new GatewayError(
      'timeout',
      `${who} did not start answering within ${duration(timeouts?.headersTimeoutMs)}`,
      {
        ...base,
        failure: 'timeout',
      },
    );
  if (err instanceof undiciErrors.BodyTimeoutError)
    return new GatewayError(
      'timeout',
      `${who} went silent for ${duration(timeouts?.idleTimeoutMs)} in the middle of its answer`,
      { ...base, failure: 'timeout' },
    );
  if (err instanceof undiciErrors.ConnectTimeoutError)
    return new GatewayError(
      'timeout',
      `Could not connect to ${who} within ${duration(timeouts?.connectTimeoutMs)}`,
      {
        ...base,
        failure: 'connect',
      },
    );
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH')
    return new GatewayError('upstream_error', `Could not connect to ${who} (${code})`, {
      ...base,
      failure: 'connect',
    });
  return new GatewayError('upstream_error', `The connection to ${who} failed: ${err.message} (${code})`, {
    ...base,
    failure: 'stream_broken',
  });
}
