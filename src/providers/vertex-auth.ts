// How the gateway authenticates to Google Vertex AI: an OAuth 2.0 access token for a service
// account (scope cloud-platform), obtained with google-auth-library's JWT client from the
// service-account key file, cached and refreshed by the library before it expires. The token
// endpoint is the key file's `token_uri` (Google's own for real keys). Neither the key nor the
// token is ever logged; a failure to get a token is a 502 naming the provider, without secrets.
import { readFileSync } from 'node:fs';
import { JWT } from 'google-auth-library';
import { GatewayError } from '../canonical/errors.js';
import { ConfigError } from '../config/index.js';
import type { OutgoingRequest } from './provider-runtime.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** where google-auth-library sends its JWT grant */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface ServiceAccountKey {
  type: 'service_account';
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  token_uri?: string;
}

/** reads and checks a service-account key file (a config error names the file, not its content) */
export function readServiceAccountKey(path: string, provider: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(
      `provider ${provider}: cannot read the service-account key file ${path}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const k = parsed as Partial<ServiceAccountKey>;
  if (
    k?.type !== 'service_account' ||
    typeof k.client_email !== 'string' ||
    typeof k.private_key !== 'string'
  )
    throw new ConfigError(
      `provider ${provider}: ${path} is not a service-account key file (type service_account with client_email and private_key)`,
    );
  return k as ServiceAccountKey;
}

export function createVertexTokenAuth(
  key: ServiceAccountKey,
  provider: string,
): (req: OutgoingRequest) => Promise<Record<string, string>> {
  const client = new JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: [CLOUD_PLATFORM_SCOPE],
  });
  const tokenUri = key.token_uri;
  if (tokenUri && tokenUri !== GOOGLE_TOKEN_URL)
    client.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
        return config;
      },
    });
  return async () => {
    let token: string | null | undefined;
    try {
      token = (await client.getAccessToken()).token;
    } catch (e) {
      const reason = (e as Error).message?.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
      throw new GatewayError(
        'upstream_error',
        `Could not get a Google access token for provider ${provider}: ${reason}`,
        {
          provider,
          failure: 'connect',
        },
      );
    }
    if (!token)
      throw new GatewayError('upstream_error', `Google returned no access token for provider ${provider}`, {
        provider,
        failure: 'connect',
      });
    return { authorization: `Bearer ${token}` };
  };
}
