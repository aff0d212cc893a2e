// A canonical response as the GenerateContentResponse a Gemini client reads.
import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeGeminiClientParts } from './encode-gemini-client-parts.js';
import { encodeGeminiFinishReason } from './encode-gemini-finish-reason.js';
import { encodeGeminiUsage } from './encode-gemini-usage.js';
import type { GeminiGenerateContentResponse } from './gemini-types.js';

/** `model`: the name the client asked for (Gemini's modelVersion) */
export function encodeGeminiResponse(res: CanonicalResponse, model: string): GeminiGenerateContentResponse {
  const parts = encodeGeminiClientParts(res.content);
  return {
    candidates: [
      {
        // Gemini always sends at least one part; an empty answer is one empty text
        content: { role: 'model', parts: parts.length > 0 ? parts : [{ text: '' }] },
        finishReason: encodeGeminiFinishReason(res.stopReason),
        index: 0,
      },
    ],
    usageMetadata: encodeGeminiUsage(res.usage),
    modelVersion: model,
    responseId: res.id,
  };
}
