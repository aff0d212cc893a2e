// Google's Gemini API as a client protocol: what a caller using @google/genai sends to
// POST /v1beta/models/{model}:generateContent (or :streamGenerateContent?alt=sse), and the
// answers it expects.
import type { ClientCodec } from '../../canonical/index.js';
import { createGeminiStreamEncoder } from './create-gemini-stream-encoder.js';
import { decodeGeminiRequest } from './decode-gemini-request.js';
import { encodeGeminiResponse } from './encode-gemini-response.js';

export const geminiClient: ClientCodec = {
  decodeRequest: decodeGeminiRequest,
  encodeResponse: encodeGeminiResponse,
  createStreamEncoder: createGeminiStreamEncoder,
};
