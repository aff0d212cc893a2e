// Where each kind of call goes on each provider, and the headers it needs.
import type { ProviderRuntime } from './provider-runtime.js';

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
      return `${p.baseUrl}/models/${enc(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
    case 'azure-openai':
      return azure(p, model, 'chat/completions');
    case 'bedrock':
      // the model id path-encoded (`:` → %3A), as the AWS SDKs send it and SigV4 signs it
      return `${p.baseUrl}/model/${enc(model)}/${stream ? 'converse-stream' : 'converse'}`;
    default:
      return `${p.baseUrl}/chat/completions`;
  }
}

export function embeddingsUrl(p: ProviderRuntime, model: string): string {
  switch (p.protocol) {
    case 'gemini':
      return `${p.baseUrl}/models/${enc(model)}:batchEmbedContents`;
    case 'azure-openai':
      return azure(p, model, 'embeddings');
    default:
      return `${p.baseUrl}/embeddings`;
  }
}

export function countTokensUrl(p: ProviderRuntime, query = ''): string {
  return `${p.baseUrl}/messages/count_tokens${query}`;
}

/** headers for a JSON POST to the provider: auth, configured extras, then per-request ones */
export function upstreamHeaders(p: ProviderRuntime, extra?: Record<string, string>): Record<string, string> {
  return { 'content-type': 'application/json', ...p.extraHeaders, ...extra, ...p.authHeaders };
}
