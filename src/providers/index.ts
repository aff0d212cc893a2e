export { baseUrlEnvNames, buildProviders, keyEnvNames, normaliseBaseUrl } from './build-providers.js';
export {
  chatUrl,
  countTokensUrl,
  embeddingsUrl,
  geminiModelUrl,
  type OpenAIMediaOp,
  openaiMediaUrl,
  rerankFlavour,
  rerankUrl,
  responsesUrl,
  upstreamHeaders,
} from './provider-endpoints.js';
export type { OutgoingRequest, ProviderRuntime, UpstreamProtocol } from './provider-runtime.js';
export * from './simulated/index.js';
export { transportError, UpstreamClient, type UpstreamResponse } from './upstream-client.js';
