// Gemini (Generative Language API) as an upstream: generateContent / streamGenerateContent,
// batchEmbedContents, and its error bodies.
export { SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './convert-assistant-to-gemini-parts.js';
export { createGeminiStreamDecoder } from './create-gemini-stream-decoder.js';
export { decodeGeminiResponse } from './decode-gemini-response.js';
export { encodeGeminiRequest } from './encode-gemini-request.js';
export {
  decodeGeminiEmbeddingResponse,
  encodeGeminiEmbeddingRequest,
  geminiEmbeddings,
} from './gemini-embeddings.js';
export { geminiEmbedPath, geminiPath } from './gemini-path.js';
export type * from './gemini-types.js';
export { geminiUpstream } from './gemini-upstream.js';
export { type GeminiUpstreamError, parseGeminiUpstreamError } from './parse-gemini-upstream-error.js';
