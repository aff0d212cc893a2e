// Where each kind of call goes on each provider, and the headers it needs.
import type { ProviderRuntime } from './provider-runtime.js';
import { anthropicPublisherUrl, isVertexClaudeModel, vertexPublisherModel } from './vertex-publisher.js';

const enc = encodeURIComponent;

function azure(p: ProviderRuntime, model: string, op: 'chat/completions' | 'embeddings'): string {
  if (p.apiVersion) return `${p.baseUrl}/deployments/${enc(model)}/${op}?api-version=${enc(p.apiVersion)}`;
  return `${p.baseUrl}/v1/${op}`;
}

export function chatUrl(p: ProviderRuntime, model: string, stream: boolean, query = ''): string {
  switch (p.protocol) {
    case 'anthropic':
      return `${p.baseUrl}/messages${query}`;
    case 'gemini':
      return geminiModelUrl(p, model, stream ? 'streamGenerateContent?alt=sse' : 'generateContent');
    case 'azure-openai':
      return p.responsesApi === 'only' ? responsesUrl(p) : azure(p, model, 'chat/completions');
    case 'vertex':
      if (isVertexClaudeModel(model)) return vertexClaudeUrl(anthropicPublisherUrl(p.baseUrl), model, stream);
      return vertexGenerateUrl(p.baseUrl, model, stream);
    case 'vertex-anthropic':
      return vertexClaudeUrl(p.baseUrl, model, stream);
    case 'bedrock':
      // the model id path-encoded (`:` → %3A), as the AWS SDKs send it and SigV4 signs it
      return `${p.baseUrl}/model/${enc(model)}/${stream ? 'converse-stream' : 'converse'}`;
    default:
      // a Responses-only server: every client's request is translated to the Responses API
      return p.responsesApi === 'only' ? responsesUrl(p) : `${p.baseUrl}/chat/completions`;
  }
}

/** the Responses API (providers with `responsesApi`): OpenAI-style …/v1/responses, Azure's v1 API */
export function responsesUrl(p: ProviderRuntime): string {
  return p.protocol === 'azure-openai' ? `${p.baseUrl}/v1/responses` : `${p.baseUrl}/responses`;
}

const vertexGenerateUrl = (baseUrl: string, model: string, stream: boolean) => {
  const { base, name } = vertexPublisherModel(baseUrl, model);
  return `${base}/models/${enc(name)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
};

// Vertex's Claude ids carry their version after '@', which a path segment may hold as is
const vertexClaudeUrl = (base: string, model: string, stream: boolean) =>
  `${base}/models/${enc(model).replace(/%40/g, '@')}:${stream ? 'streamRawPredict' : 'rawPredict'}`;

/** a Gemini provider's per-model method: generateContent, countTokens, embedContent, … */
export function geminiModelUrl(p: ProviderRuntime, model: string, method: string): string {
  return `${p.baseUrl}/models/${enc(model)}:${method}`;
}

export function embeddingsUrl(p: ProviderRuntime, model: string): string {
  switch (p.protocol) {
    case 'gemini':
      return geminiModelUrl(p, model, 'batchEmbedContents');
    case 'azure-openai':
      return azure(p, model, 'embeddings');
    default:
      return `${p.baseUrl}/embeddings`;
  }
}

/** the OpenAI-compatible media and legacy endpoints: images, audio, completions */
export type OpenAIMediaOp = 'images/generations' | 'audio/transcriptions' | 'audio/speech' | 'completions';

export function openaiMediaUrl(p: ProviderRuntime, model: string, op: OpenAIMediaOp): string {
  if (p.protocol === 'azure-openai' && p.apiVersion)
    return `${p.baseUrl}/deployments/${enc(model)}/${op}?api-version=${enc(p.apiVersion)}`;
  if (p.protocol === 'azure-openai') return `${p.baseUrl}/v1/${op}`;
  return `${p.baseUrl}/${op}`;
}

/** POST …/rerank on every rerank provider (Cohere's base URL already ends in /v2) */
export function rerankUrl(p: ProviderRuntime): string {
  return `${p.baseUrl}/rerank`;
}

/** which request and answer shape a provider's rerank endpoint speaks */
export function rerankFlavour(p: ProviderRuntime): 'cohere' | 'voyage' | 'jina' {
  const preset = p.catalogProvider ?? p.id;
  if (p.protocol === 'cohere') return 'cohere';
  return preset === 'voyage' ? 'voyage' : 'jina';
}

export function countTokensUrl(p: ProviderRuntime, query = ''): string {
  return `${p.baseUrl}/messages/count_tokens${query}`;
}

/** headers for a JSON POST to the provider: auth, configured extras, then per-request ones */
export function upstreamHeaders(p: ProviderRuntime, extra?: Record<string, string>): Record<string, string> {
  return { 'content-type': 'application/json', ...p.extraHeaders, ...extra, ...p.authHeaders };
}
