// POST /v1/images/generations (OpenAI): the checks worth making before an upstream call, and
// what metering needs: how many images the request can produce.
import { invalidRequest } from '../../canonical/errors.js';
import { emptyUsage, type Usage } from '../../canonical/types.js';

export interface ImagesRequest {
  model: string;
  /** images asked for (1–10) */
  n: number;
  responseFormat?: 'url' | 'b64_json';
  prompt: string;
}

export const MAX_IMAGES = 10;

export function decodeImagesRequest(body: unknown): ImagesRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') throw invalidRequest('`model` is required', 'model');
  if (typeof b.prompt !== 'string' || b.prompt.trim() === '')
    throw invalidRequest('`prompt` must be a non-empty string', 'prompt');
  const n = b.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_IMAGES)
    throw invalidRequest(`\`n\` must be a whole number from 1 to ${MAX_IMAGES}`, 'n');
  const rf = b.response_format;
  if (rf !== undefined && rf !== null && rf !== 'url' && rf !== 'b64_json')
    throw invalidRequest('`response_format` must be "url" or "b64_json"', 'response_format');
  if (b.stream === true)
    throw invalidRequest('Streamed image generation is not supported by the gateway', 'stream');
  return { model: b.model, n, prompt: b.prompt, responseFormat: rf ?? undefined };
}

/** the images an answer carries (its `data` list) */
export function imagesIn(answer: unknown): number {
  const data = (answer as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data.length : 0;
}

/**
 * gpt-image usage ({input_tokens, output_tokens, input_tokens_details}) as canonical usage;
 * undefined when the answer has none
 */
export function imagesUsage(answer: unknown): Usage | undefined {
  const u = (answer as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u !== 'object') return undefined;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
  return { ...emptyUsage(), inputTokens: n(u.input_tokens), outputTokens: n(u.output_tokens) };
}
