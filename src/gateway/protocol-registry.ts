// Which codec speaks to which side: client protocols (what the caller speaks) and upstream
// protocols (what a provider speaks), plus each one's error shapes.

import type { GatewayError } from '../canonical/errors.js';
import type { ClientCodec, StreamErrorInfo, UpstreamCodec } from '../canonical/index.js';
import {
  anthropicClient,
  createAnthropicUpstream,
  parseAnthropicUpstreamError,
  renderAnthropicError,
  renderAnthropicStreamError,
} from '../protocols/anthropic/index.js';
import { bedrockUpstream, parseBedrockUpstreamError } from '../protocols/bedrock/index.js';
import {
  geminiClient,
  geminiUpstream,
  parseGeminiUpstreamError,
  renderGeminiError,
  renderGeminiStreamError,
} from '../protocols/gemini/index.js';
import {
  createOpenAIChatUpstream,
  openaiChatClient,
  parseOpenAIUpstreamError,
  renderOpenAIError,
  renderOpenAIStreamError,
} from '../protocols/openai-chat/index.js';
import {
  renderResponsesStreamError,
  responsesClient,
  responsesUpstream,
} from '../protocols/openai-responses/index.js';
import type { ProviderRuntime, UpstreamProtocol } from '../providers/index.js';
import { toVertexAnthropicBody } from '../providers/vertex-anthropic-body.js';
import { isVertexClaudeModel } from '../providers/vertex-publisher.js';
import type { ClientProtocol } from './call-context.js';

export const clientCodecs: Record<ClientProtocol, ClientCodec> = {
  openai: openaiChatClient,
  anthropic: anthropicClient,
  gemini: geminiClient,
  responses: responsesClient,
};

/** true when a provider speaks the client's own protocol, so the body can pass through */
export function sameProtocol(client: ClientProtocol, upstream: UpstreamProtocol): boolean {
  return client === 'openai' ? upstream === 'openai' || upstream === 'azure-openai' : upstream === client;
}

const anthropicUpstream = createAnthropicUpstream({ defaultMaxTokens: 4096 });
/** Claude on Vertex AI: Anthropic's codec, the body adjusted (no model, anthropic_version) */
const vertexAnthropicUpstream: UpstreamCodec = {
  ...anthropicUpstream,
  encodeRequest: (req, opts) => toVertexAnthropicBody(anthropicUpstream.encodeRequest(req, opts)),
};
const openaiUpstreams = {
  max_tokens: createOpenAIChatUpstream({ maxTokensField: 'max_tokens' }),
  max_completion_tokens: createOpenAIChatUpstream({ maxTokensField: 'max_completion_tokens' }),
};

/** `model`: the provider's model id, for providers whose models speak different protocols (Vertex) */
export function upstreamCodecFor(p: ProviderRuntime, model?: string): UpstreamCodec {
  switch (p.protocol) {
    case 'anthropic':
      return anthropicUpstream;
    case 'gemini':
      return geminiUpstream;
    case 'bedrock':
      return bedrockUpstream;
    case 'vertex':
      return model !== undefined && isVertexClaudeModel(model) ? vertexAnthropicUpstream : geminiUpstream;
    case 'vertex-anthropic':
      return vertexAnthropicUpstream;
    default:
      return p.responsesApi === 'only' ? responsesUpstream : openaiUpstreams[p.maxTokensField];
  }
}

export interface RenderedError {
  status: number;
  body: unknown;
}

export function renderError(client: ClientProtocol, err: GatewayError): RenderedError {
  if (client === 'gemini') return renderGeminiError(err);
  return client === 'anthropic' ? renderAnthropicError(err) : renderOpenAIError(err);
}

export function renderStreamError(client: ClientProtocol, info: StreamErrorInfo): string {
  if (client === 'gemini') return renderGeminiStreamError(info);
  if (client === 'responses') return renderResponsesStreamError(info);
  return client === 'anthropic' ? renderAnthropicStreamError(info) : renderOpenAIStreamError(info);
}

export interface UpstreamErrorInfo {
  message: string;
  type?: string;
  code?: string;
  param?: string;
}

export function parseUpstreamError(
  protocol: UpstreamProtocol,
  status: number,
  body: Buffer,
): UpstreamErrorInfo {
  switch (protocol) {
    case 'anthropic':
      return parseAnthropicUpstreamError(status, body);
    case 'gemini':
      return parseGeminiUpstreamError(status, body);
    case 'bedrock':
      return parseBedrockUpstreamError(status, body);
    case 'vertex':
      return parseGeminiUpstreamError(status, body);
    case 'vertex-anthropic':
      return parseAnthropicUpstreamError(status, body);
    default:
      return parseOpenAIUpstreamError(status, body);
  }
}
