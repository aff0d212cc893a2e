// Gemini (Generative Language API): as an upstream (generateContent / streamGenerateContent,
// batchEmbedContents, its error bodies) and as a client protocol (callers using @google/genai).
export { SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './convert-assistant-to-gemini-parts.js';
export { createGeminiStreamDecoder } from './create-gemini-stream-decoder.js';
export { decodeGeminiRequest, geminiClientBody } from './decode-gemini-request.js';
export { decodeGeminiResponse } from './decode-gemini-response.js';
export { encodeGeminiRequest } from './encode-gemini-request.js';
export { geminiClient } from './gemini-client-codec.js';
export {
  decodeGeminiCountTokensRequest,
  decodeGeminiEmbedRequest,
  encodeGeminiCountTokensResponse,
  encodeGeminiEmbedResponse,
} from './gemini-client-extras.js';
export {
  decodeGeminiEmbeddingResponse,
  encodeGeminiEmbeddingRequest,
  geminiEmbeddings,
} from './gemini-embeddings.js';
export { geminiEmbedPath, geminiPath } from './gemini-path.js';
export type * from './gemini-types.js';
export { geminiUpstream } from './gemini-upstream.js';
export { mapGeminiUsage } from './map-gemini-usage.js';
export { type GeminiUpstreamError, parseGeminiUpstreamError } from './parse-gemini-upstream-error.js';
export {
  type GoogleErrorBody,
  geminiStreamErrorBody,
  renderGeminiError,
  renderGeminiStreamError,
} from './render-gemini-error.js';
export { stripForeignGeminiSignatures } from './strip-foreign-gemini-signatures.js';
