// Reading a provider's whole (non-streamed) answer. Reading can fail on the connection and
// parsing on the content; the two are different errors, both naming the provider.
import { GatewayError } from '../canonical/index.js';
import { type ProviderRuntime, transportError, type UpstreamResponse } from '../providers/index.js';

/** the body as raw text */
export async function readUpstreamText(provider: ProviderRuntime, resp: UpstreamResponse): Promise<string> {
  try {
    return await resp.body.text();
  } catch (e) {
    throw transportError(provider, e);
  }
}

export const malformedUpstream = (provider: ProviderRuntime, what = 'a malformed response (not JSON)') =>
  new GatewayError('upstream_error', `provider ${provider.id} returned ${what}`, {
    provider: provider.id,
    failure: 'malformed',
  });

/** raw text parsed as JSON */
export function parseUpstreamJson(provider: ProviderRuntime, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw malformedUpstream(provider);
  }
}

/** the body read and parsed as JSON */
export async function readUpstreamJson(provider: ProviderRuntime, resp: UpstreamResponse): Promise<unknown> {
  return parseUpstreamJson(provider, await readUpstreamText(provider, resp));
}
