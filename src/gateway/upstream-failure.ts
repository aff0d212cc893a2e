// An upstream answered with an error status: say so faithfully in a GatewayError. A 429 stays
// a 429 with its retry-after; a provider's 4xx keeps the provider's message (and its body, for
// clients of the same protocol); 5xx becomes 502/503/504 naming the provider; a provider that
// rejects the gateway's own credentials is the operator's problem, so 502, not 401.
import { GatewayError, kindForStatus } from '../canonical/errors.js';
import type { ProviderRuntime, UpstreamResponse } from '../providers/index.js';
import { parseUpstreamError } from './protocol-registry.js';

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function upstreamFailure(
  provider: ProviderRuntime,
  resp: UpstreamResponse,
): Promise<GatewayError> {
  const body = Buffer.from(await resp.body.arrayBuffer());
  const status = resp.statusCode;
  const info = parseUpstreamError(provider.protocol, status, body);
  const common = {
    provider: provider.id,
    upstreamBody: body,
    upstreamProtocol: provider.protocol,
    upstreamType: info.type,
    retryAfter: header(resp.headers['retry-after']),
    param: info.param,
    code: info.code,
    failure: 'status' as const,
    upstreamStatus: status,
  };
  const who = `provider ${provider.id}`;
  if (status === 429)
    return new GatewayError('rate_limit', `${who} is rate limiting requests: ${info.message}`, common);
  if (status === 401 || status === 403)
    return new GatewayError(
      'upstream_error',
      `${who} rejected the gateway's credentials for it (HTTP ${status}): ${info.message}`,
      { ...common, upstreamBody: undefined },
    );
  if (status === 503 || status === 529)
    return new GatewayError('overloaded', `${who} is overloaded (HTTP ${status}): ${info.message}`, {
      ...common,
      upstreamBody: undefined,
    });
  if (status === 504 || status === 408)
    return new GatewayError('timeout', `${who} timed out (HTTP ${status}): ${info.message}`, {
      ...common,
      upstreamBody: undefined,
    });
  if (status >= 500)
    return new GatewayError('upstream_error', `${who} failed (HTTP ${status}): ${info.message}`, {
      ...common,
      upstreamBody: undefined,
    });
  return new GatewayError(kindForStatus(status), info.message, { ...common, status });
}
