import type { UpstreamCodec } from '../../canonical/index.js';
import { createGeminiStreamDecoder } from './create-gemini-stream-decoder.js';
import { decodeGeminiResponse } from './decode-gemini-response.js';
import { encodeGeminiRequest } from './encode-gemini-request.js';

/** The Gemini generateContent API as an upstream (the path comes from geminiPath). */
export const geminiUpstream: UpstreamCodec = {
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
};
