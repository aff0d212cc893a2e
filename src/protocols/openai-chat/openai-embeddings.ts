// The OpenAI embeddings endpoint, both sides: the client side (decode the caller's request,
// encode our answer) and the upstream side (an EmbeddingUpstreamCodec for OpenAI-compatible
// providers).
import type { CanonicalEmbeddingResponse, EmbeddingUpstreamCodec } from '../../canonical/index.js';
import {
  decodeOpenAIEmbeddingRequest,
  type OpenAIEmbeddingEncoding,
} from './decode-openai-embedding-request.js';
import { decodeOpenAIEmbeddingResponse } from './decode-openai-embedding-response.js';
import { encodeOpenAIEmbeddingRequest } from './encode-openai-embedding-request.js';
import {
  encodeOpenAIEmbeddingResponse,
  type OpenAIEmbeddingList,
} from './encode-openai-embedding-response.js';

export interface OpenAIEmbeddingsCodec extends EmbeddingUpstreamCodec {
  decodeEmbeddingRequest: typeof decodeOpenAIEmbeddingRequest;
  encodeEmbeddingResponse(
    res: CanonicalEmbeddingResponse,
    model: string,
    encodingFormat: OpenAIEmbeddingEncoding,
  ): OpenAIEmbeddingList;
}

export const openaiEmbeddings: OpenAIEmbeddingsCodec = {
  decodeEmbeddingRequest: decodeOpenAIEmbeddingRequest,
  encodeEmbeddingResponse: encodeOpenAIEmbeddingResponse,
  encodeEmbeddingRequest: encodeOpenAIEmbeddingRequest,
  decodeEmbeddingResponse: decodeOpenAIEmbeddingResponse,
};
