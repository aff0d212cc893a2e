// CanonicalEmbeddingRequest -> an OpenAI-compatible /v1/embeddings body. Floats are always
// requested (every compatible server supports them); the client's base64 is produced here.
import type { CanonicalEmbeddingRequest } from '../../canonical/index.js';

export interface OpenAIEmbeddingRequestOut {
  model: string;
  input: string[];
  dimensions?: number;
  encoding_format: 'float';
  user?: string;
}

export function encodeOpenAIEmbeddingRequest(
  req: CanonicalEmbeddingRequest,
  model: string,
): OpenAIEmbeddingRequestOut {
  const body: OpenAIEmbeddingRequestOut = { model, input: req.input, encoding_format: 'float' };
  if (req.dimensions !== undefined) body.dimensions = req.dimensions;
  if (req.user !== undefined) body.user = req.user;
  return body;
}
