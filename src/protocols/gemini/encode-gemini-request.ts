import {
  type CanonicalRequest,
  clampOutputTokens,
  invalidRequest,
  type UpstreamEncodeOptions,
} from '../../canonical/index.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from './gemini-types.js';
import { mapReasoningToGeminiThinking } from './map-reasoning-to-gemini-thinking.js';
import { prepareGeminiTools } from './prepare-gemini-tools.js';
import { sanitizeGeminiJsonSchema } from './sanitize-gemini-json-schema.js';

const MAX_STOP_SEQUENCES = 5;

function generationConfig(req: CanonicalRequest, opts: UpstreamEncodeOptions): GeminiGenerationConfig {
  const gc: GeminiGenerationConfig = {};
  if (req.maxTokens !== undefined) gc.maxOutputTokens = clampOutputTokens(req.maxTokens, opts.limits);
  if (req.temperature !== undefined) gc.temperature = req.temperature;
  if (req.topP !== undefined) gc.topP = req.topP;
  if (req.topK !== undefined) gc.topK = req.topK;
  if (req.stop && req.stop.length > 0) {
    if (req.stop.length > MAX_STOP_SEQUENCES) {
      throw invalidRequest(
        `Gemini accepts at most ${MAX_STOP_SEQUENCES} stop sequences; got ${req.stop.length}`,
        'stop',
      );
    }
    gc.stopSequences = req.stop;
  }
  if (req.seed !== undefined) gc.seed = req.seed;
  if (req.responseFormat?.type === 'json_object') {
    gc.responseMimeType = 'application/json';
  } else if (req.responseFormat?.type === 'json_schema') {
    gc.responseMimeType = 'application/json';
    gc.responseJsonSchema = sanitizeGeminiJsonSchema(req.responseFormat.schema);
  }
  const thinking =
    opts.limits?.reasoning === false ? undefined : mapReasoningToGeminiThinking(req.reasoning, opts.model);
  if (thinking) gc.thinkingConfig = thinking;
  return gc;
}

/**
 * A canonical request as a Gemini GenerateContentRequest body. The model and streaming go in
 * the URL (see geminiPath), not the body. The target model's limits (opts.limits, from its catalog
 * record): maxOutputTokens within its maximum, no thinkingConfig for a model that does not reason. Not carried (Gemini has no field for them):
 * parallelToolCalls, user, metadata, cache-control hints, document titles, response-format
 * name/description/strict (responseJsonSchema is always enforced).
 */
export function encodeGeminiRequest(
  req: CanonicalRequest,
  opts: UpstreamEncodeOptions,
): GeminiGenerateContentRequest {
  const body: GeminiGenerateContentRequest = { ...convertToGeminiContents(req.messages, opts.model) };
  Object.assign(body, prepareGeminiTools(req.tools, req.toolChoice));
  const gc = generationConfig(req, opts);
  if (Object.keys(gc).length > 0) body.generationConfig = gc;
  return body;
}
