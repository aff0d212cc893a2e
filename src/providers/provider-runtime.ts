// A provider the gateway can call, as resolved from presets, the config file and the environment.
export type UpstreamProtocol =
  | 'openai'
  | 'anthropic'
  | 'gemini'
  | 'azure-openai'
  | 'bedrock'
  | 'vertex'
  | 'vertex-anthropic'
  /** Cohere's own API (v2): reachable for rerank only in this version */
  | 'cohere'
  /** a provider's own API (Jina, Voyage): reachable for rerank only in this version */
  | 'native'
  | 'simulated';

/** one request as it will go on the wire, for auth that depends on it */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface ProviderRuntime {
  id: string;
  name: string;
  protocol: UpstreamProtocol;
  /** base URL without a trailing slash (OpenAI: …/v1, Anthropic: …/v1, Gemini: …/v1beta, Azure: …/openai) */
  baseUrl: string;
  /** header name → value, with the key filled in; never logged */
  authHeaders: Record<string, string>;
  /**
   * auth computed per attempt (AWS SigV4 over the exact bytes sent, an OAuth access token that
   * the auth library caches and refreshes): headers merged over `headers` just before sending;
   * throws a GatewayError when no credential can be had
   */
  authorize?: (req: OutgoingRequest) => Promise<Record<string, string>>;
  /** the auth headers for another key of this provider (an org's own key, BYOK); absent = no BYOK */
  authWithKey?: (key: string) => Record<string, string>;
  /** non-secret headers sent on every request (anthropic-version default, configured extras) */
  extraHeaders: Record<string, string>;
  /** Azure deployments-style URLs when set */
  apiVersion?: string;
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /**
   * speaks the OpenAI Responses API too (POST …/responses): a Responses client's body passes through;
   * `only`: nothing else (Responses-only models), so every other client is translated to it
   */
  responsesApi?: boolean | 'only';
  /** accept `provider/<name>` for names the catalog does not list */
  allowUnlisted: boolean;
  /** configured by the user rather than a bundled preset */
  custom: boolean;
  /** only POST /v1/rerank reaches it (Cohere's and rerank hosts' own APIs) */
  rerankOnly?: boolean;
  /** a second deployment of a preset: the catalog models of that preset are this provider's too */
  catalogProvider?: string;
}
