import {
  type CanonicalResponse,
  emptyUsage,
  GatewayError,
  mergeUsage,
  randomId,
} from '../../canonical/index.js';
import { convertGeminiPartsToCanonical } from './convert-gemini-parts-to-canonical.js';
import type { GeminiGenerateContentResponse } from './gemini-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

/** Vertex's createTime as unix seconds; the Gemini API sends none, so: now. */
export function geminiCreatedSeconds(createTime: unknown): number {
  const ms = typeof createTime === 'string' ? Date.parse(createTime) : Number.NaN;
  return Math.floor((Number.isNaN(ms) ? Date.now() : ms) / 1000);
}

/**
 * A GenerateContentResponse as a canonical response (first candidate only: we never ask for
 * more). A prompt blocked before generation (promptFeedback.blockReason, no candidates) is an
 * empty `content_filter` answer.
 */
export function decodeGeminiResponse(body: unknown): CanonicalResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('upstream_error', 'Gemini returned a response body that is not a JSON object');
  }
  const error = (body as { error?: { message?: unknown } }).error;
  if (error) {
    const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
    throw new GatewayError('upstream_error', `Gemini returned an error: ${message}`);
  }
  const res = body as GeminiGenerateContentResponse;
  const candidate = Array.isArray(res.candidates) ? res.candidates[0] : undefined;
  const parts = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
  const content = convertGeminiPartsToCanonical(parts);
  const blocked = !candidate && Boolean(res.promptFeedback?.blockReason);
  return {
    id: typeof res.responseId === 'string' && res.responseId ? res.responseId : randomId(),
    model: typeof res.modelVersion === 'string' ? res.modelVersion : '',
    created: geminiCreatedSeconds(res.createTime),
    content,
    stopReason: blocked
      ? 'content_filter'
      : mapGeminiFinishReason(
          candidate?.finishReason,
          content.some((p) => p.type === 'tool_call'),
        ),
    usage: mergeUsage(emptyUsage(), mapGeminiUsage(res.usageMetadata)),
  };
}
