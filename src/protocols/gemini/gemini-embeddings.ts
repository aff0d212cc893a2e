import {
  type CanonicalEmbeddingRequest,
  type CanonicalEmbeddingResponse,
  type EmbeddingUpstreamCodec,
  GatewayError,
  invalidRequest,
} from '../../canonical/index.js';
import type { GeminiBatchEmbedContentsRequest } from './gemini-types.js';

/** Embedding inputs as a batchEmbedContents body: one request per input text. */
export function encodeGeminiEmbeddingRequest(
  req: CanonicalEmbeddingRequest,
  model: string,
): GeminiBatchEmbedContentsRequest {
  if (req.input.length === 0) throw invalidRequest('input must hold at least one text to embed', 'input');
  const name = model.startsWith('models/') ? model : `models/${model}`;
  return {
    requests: req.input.map((text) =>
      req.dimensions !== undefined
        ? { model: name, content: { parts: [{ text }] }, outputDimensionality: req.dimensions }
        : { model: name, content: { parts: [{ text }] } },
    ),
  };
}

/**
 * A batchEmbedContents answer: `embeddings[].values` in input order. Gemini reports no token
 * count, so usage is `inputTokens: 0, estimated: false`: the caller counts the input itself.
 */
export function decodeGeminiEmbeddingResponse(body: unknown, model: string): CanonicalEmbeddingResponse {
  const embeddings = (body as { embeddings?: unknown } | null)?.embeddings;
  if (!Array.isArray(embeddings)) {
    throw new GatewayError(
      'upstream_error',
      'Gemini returned an embedding response without an embeddings array',
    );
  }
  return {
    model,
    embeddings: embeddings.map((e, i) => {
      const values = (e as { values?: unknown } | null)?.values;
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) {
        throw new GatewayError('upstream_error', `Gemini returned embeddings[${i}] without numeric values`);
      }
      return values as number[];
    }),
    usage: { inputTokens: 0, estimated: false },
  };
}

export const geminiEmbeddings: EmbeddingUpstreamCodec = {
  encodeEmbeddingRequest: encodeGeminiEmbeddingRequest,
  decodeEmbeddingResponse: decodeGeminiEmbeddingResponse,
};
