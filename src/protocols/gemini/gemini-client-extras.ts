// The rest of the Gemini API a client may call: countTokens and the embedding methods, read
// into canonical requests, and their answers in Gemini's shape.
import {
  type CanonicalEmbeddingRequest,
  type CanonicalRequest,
  invalidRequest,
} from '../../canonical/index.js';
import {
  describeJsonType,
  isRecord,
  type JsonObject,
  optionalNumber,
  requireArray,
  requireRecord,
} from '../anthropic/read-request-fields.js';
import { decodeGeminiContents } from './decode-gemini-contents.js';
import { decodeGeminiRequest } from './decode-gemini-request.js';

/**
 * countTokens: `{contents}` or `{generateContentRequest: {…}}` (which may hold tools and a
 * system instruction too), `model` from the URL as for generateContent.
 */
export function decodeGeminiCountTokensRequest(value: unknown): CanonicalRequest {
  if (!isRecord(value))
    throw invalidRequest(`Request body must be a JSON object, got ${describeJsonType(value)}`);
  const inner = value.generateContentRequest;
  if (inner !== undefined && inner !== null)
    return {
      ...decodeGeminiRequest({ ...requireRecord(inner, 'generateContentRequest'), model: value.model }),
      stream: false,
    };
  return { model: String(value.model ?? ''), messages: decodeGeminiContents(value.contents), stream: false };
}

export const encodeGeminiCountTokensResponse = (totalTokens: number) => ({ totalTokens });

/** the text of one embedding Content (text parts only: the embedding path embeds text) */
function contentText(value: unknown, path: string): string {
  const parts = requireArray(requireRecord(value, path).parts, `${path}.parts`);
  return parts
    .map((p, i) => {
      const part = requireRecord(p, `${path}.parts[${i}]`);
      if (typeof part.text !== 'string')
        throw invalidRequest(
          `${path}.parts[${i}]: only text parts can be embedded here`,
          `${path}.parts[${i}]`,
        );
      return part.text;
    })
    .join('');
}

function dimensions(r: JsonObject, path: string): number | undefined {
  return optionalNumber(r, 'outputDimensionality', path, { integer: true, min: 1 });
}

/** embedContent `{content, outputDimensionality?}` or batchEmbedContents `{requests: [...]}` */
export function decodeGeminiEmbedRequest(
  value: unknown,
  model: string,
  batch: boolean,
): CanonicalEmbeddingRequest {
  if (!isRecord(value))
    throw invalidRequest(`Request body must be a JSON object, got ${describeJsonType(value)}`);
  if (!batch) {
    const req: CanonicalEmbeddingRequest = { model, input: [contentText(value.content, 'content')] };
    const d = dimensions(value, '');
    if (d !== undefined) req.dimensions = d;
    return req;
  }
  const requests = requireArray(value.requests, 'requests');
  if (requests.length === 0) throw invalidRequest('requests: at least one request is required', 'requests');
  let dims: number | undefined;
  const input = requests.map((r, i) => {
    const path = `requests[${i}]`;
    const req = requireRecord(r, path);
    const d = dimensions(req, path);
    if (i > 0 && d !== dims)
      throw invalidRequest(
        `${path}.outputDimensionality: every request of a batch must ask for the same size`,
        path,
      );
    dims = d;
    return contentText(req.content, `${path}.content`);
  });
  return dims !== undefined ? { model, input, dimensions: dims } : { model, input };
}

export function encodeGeminiEmbedResponse(embeddings: number[][], batch: boolean) {
  return batch
    ? { embeddings: embeddings.map((values) => ({ values })) }
    : { embedding: { values: embeddings[0] ?? [] } };
}
