// CanonicalEmbeddingResponse -> OpenAI's embeddings list, floats or base64 as the client asked.
import type { CanonicalEmbeddingResponse } from '../../canonical/index.js';
import type { OpenAIEmbeddingEncoding } from './decode-openai-embedding-request.js';
import { encodeFloat32Base64 } from './float32-base64.js';

export interface OpenAIEmbeddingList {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export function encodeOpenAIEmbeddingResponse(
  res: CanonicalEmbeddingResponse,
  model: string,
  encodingFormat: OpenAIEmbeddingEncoding,
): OpenAIEmbeddingList {
  return {
    object: 'list',
    data: res.embeddings.map((e, index) => ({
      object: 'embedding',
      index,
      embedding: encodingFormat === 'base64' ? encodeFloat32Base64(e) : e,
    })),
    model,
    usage: { prompt_tokens: res.usage.inputTokens, total_tokens: res.usage.inputTokens },
  };
}
