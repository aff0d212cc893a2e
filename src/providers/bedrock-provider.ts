// Amazon Bedrock's settings: region, credentials and auth, from the provider's config
// (`bedrock: {region, access_key_id, secret_access_key, session_token}`, `api_key`) and the
// AWS SDKs' standard environment variables (AWS_REGION / AWS_DEFAULT_REGION,
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_BEARER_TOKEN_BEDROCK,
// AWS_ENDPOINT_URL_BEDROCK_RUNTIME). A Bedrock API key wins over access keys, as in the AWS SDKs.
import { ConfigError, type ProviderConfig } from '../config/index.js';
import { createBedrockSigner } from './bedrock-auth.js';
import type { OutgoingRequest } from './provider-runtime.js';

type Env = Record<string, string | undefined>;

/** what a cloud provider with its own auth (Bedrock, Vertex AI) adds to the generic build */
export interface CloudProviderSettings {
  /** base URL when no preset gives one */
  defaultBaseUrl: string;
  /** the base URL the cloud's own settings give (wins over the preset's; an explicit one wins over it) */
  baseUrl?: string;
  /** a base URL from the cloud's own environment variable, when set */
  baseUrlFromEnv?: string;
  /** values for the base URL's ${…} placeholders */
  placeholders: Record<string, string>;
  authHeaders: Record<string, string>;
  authorize?: (req: OutgoingRequest) => Promise<Record<string, string>>;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a ${…} placeholder of a base URL, filled by build-providers
export const BEDROCK_DEFAULT_BASE_URL = 'https://bedrock-runtime.${AWS_REGION}.amazonaws.com';

/**
 * undefined: not switched on; a string: a start-up note (credentials without a region, from
 * the environment only); otherwise the settings. Missing pieces of a configured provider are
 * config errors.
 */
export function bedrockSettings(
  id: string,
  cfg: ProviderConfig | undefined,
  env: Env,
  fromEnv: boolean,
): CloudProviderSettings | string | undefined {
  const s = cfg?.bedrock ?? {};
  const region = s.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const bearer = cfg?.api_key ?? env.AWS_BEARER_TOKEN_BEDROCK;
  const accessKeyId = s.access_key_id ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = s.secret_access_key ?? (s.access_key_id ? undefined : env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = s.session_token ?? (s.access_key_id ? undefined : env.AWS_SESSION_TOKEN);
  const hasKeys = accessKeyId !== undefined && secretAccessKey !== undefined;
  const wanted = cfg?.enabled ?? (fromEnv ? Boolean(bearer) || hasKeys : true);
  if (!wanted) return undefined;
  if (!region) {
    if (cfg === undefined)
      return `provider ${id}: AWS credentials are set but no region; set AWS_REGION to use Amazon Bedrock. It stays off`;
    throw new ConfigError(`providers.${id}: Amazon Bedrock needs a region (bedrock.region or AWS_REGION)`);
  }
  if (!bearer && !hasKeys)
    throw new ConfigError(
      `providers.${id}: Amazon Bedrock needs credentials: bedrock.access_key_id + bedrock.secret_access_key ` +
        '(or AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY), or a Bedrock API key (api_key or AWS_BEARER_TOKEN_BEDROCK)',
    );
  const common = {
    defaultBaseUrl: BEDROCK_DEFAULT_BASE_URL,
    baseUrlFromEnv: fromEnv ? env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME : undefined,
    placeholders: { AWS_REGION: region },
  };
  if (bearer) return { ...common, authHeaders: { authorization: `Bearer ${bearer}` } };
  return {
    ...common,
    authHeaders: {},
    authorize: createBedrockSigner(region, {
      accessKeyId: accessKeyId!,
      secretAccessKey: secretAccessKey!,
      sessionToken,
    }),
  };
}
