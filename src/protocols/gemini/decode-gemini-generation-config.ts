// A Gemini client's `generationConfig` as the canonical request's sampling, limits, response
// format and reasoning.
import {
  type CanonicalRequest,
  invalidRequest,
  type ReasoningConfig,
  type ReasoningEffort,
  type ResponseFormat,
} from '../../canonical/index.js';
import {
  type JsonObject,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requireArray,
  requireRecord,
} from '../anthropic/read-request-fields.js';
import { decodeGeminiSchema } from './decode-gemini-schema.js';

type Generation = Pick<
  CanonicalRequest,
  'maxTokens' | 'temperature' | 'topP' | 'topK' | 'stop' | 'seed' | 'responseFormat' | 'reasoning'
>;

const PATH = 'generationConfig';
const LEVELS: Record<string, ReasoningEffort> = {
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
};

function responseFormat(gc: JsonObject): ResponseFormat | undefined {
  const mime = optionalString(gc, 'responseMimeType', PATH);
  const schema =
    gc.responseJsonSchema !== undefined && gc.responseJsonSchema !== null
      ? requireRecord(gc.responseJsonSchema, `${PATH}.responseJsonSchema`)
      : gc.responseSchema !== undefined && gc.responseSchema !== null
        ? decodeGeminiSchema(gc.responseSchema, `${PATH}.responseSchema`)
        : undefined;
  if (schema && mime !== 'application/json')
    throw invalidRequest(
      `${PATH}.responseMimeType: a response schema needs responseMimeType 'application/json'`,
      `${PATH}.responseMimeType`,
    );
  if (mime === undefined || mime === 'text/plain') return undefined;
  if (mime !== 'application/json')
    throw invalidRequest(
      `${PATH}.responseMimeType: only 'text/plain' and 'application/json' can be sent to this model; got '${mime}'`,
      `${PATH}.responseMimeType`,
    );
  return schema ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
}

/**
 * thinkingConfig: thinkingBudget 0 → no reasoning, -1 → reasoning at the model's discretion, n →
 * a budget of n tokens; thinkingLevel (any case) → the effort of that name. `includeThoughts`
 * has no canonical counterpart: thought summaries come back whenever the model sends them.
 */
function reasoning(gc: JsonObject): ReasoningConfig | undefined {
  if (gc.thinkingConfig === undefined || gc.thinkingConfig === null) return undefined;
  const path = `${PATH}.thinkingConfig`;
  const tc = requireRecord(gc.thinkingConfig, path);
  optionalBoolean(tc, 'includeThoughts', path);
  const budget = optionalNumber(tc, 'thinkingBudget', path, { integer: true, min: -1 });
  const level = optionalString(tc, 'thinkingLevel', path);
  if (budget !== undefined && level !== undefined)
    throw invalidRequest(`${path}: thinkingBudget and thinkingLevel cannot both be set`, path);
  if (level !== undefined && level.toUpperCase() !== 'THINKING_LEVEL_UNSPECIFIED') {
    const effort = LEVELS[level.toLowerCase()];
    if (!effort)
      throw invalidRequest(
        `${path}.thinkingLevel: expected MINIMAL, LOW, MEDIUM or HIGH; got '${level}'`,
        `${path}.thinkingLevel`,
      );
    return { enabled: true, effort };
  }
  if (budget === undefined) return undefined;
  if (budget === 0) return { enabled: false };
  return budget === -1 ? { enabled: true } : { enabled: true, budgetTokens: budget };
}

export function decodeGeminiGenerationConfig(value: unknown): Generation {
  if (value === undefined || value === null) return {};
  const gc = requireRecord(value, PATH);
  const out: Generation = {};
  const count = optionalNumber(gc, 'candidateCount', PATH, { integer: true, min: 1 });
  if (count !== undefined && count !== 1)
    throw invalidRequest(
      `${PATH}.candidateCount: the gateway returns one candidate; got ${count}`,
      `${PATH}.candidateCount`,
    );
  const maxTokens = optionalNumber(gc, 'maxOutputTokens', PATH, { integer: true, min: 1 });
  if (maxTokens !== undefined) out.maxTokens = maxTokens;
  const temperature = optionalNumber(gc, 'temperature', PATH, { min: 0, max: 2 });
  if (temperature !== undefined) out.temperature = temperature;
  const topP = optionalNumber(gc, 'topP', PATH, { min: 0, max: 1 });
  if (topP !== undefined) out.topP = topP;
  const topK = optionalNumber(gc, 'topK', PATH, { min: 1 });
  if (topK !== undefined) out.topK = Math.round(topK);
  const seed = optionalNumber(gc, 'seed', PATH, { integer: true });
  if (seed !== undefined) out.seed = seed;
  if (gc.stopSequences !== undefined && gc.stopSequences !== null) {
    const stop = requireArray(gc.stopSequences, `${PATH}.stopSequences`).map((s, i) => {
      if (typeof s !== 'string')
        throw invalidRequest(`${PATH}.stopSequences[${i}]: expected a string`, `${PATH}.stopSequences[${i}]`);
      return s;
    });
    if (stop.length > 0) out.stop = stop;
  }
  const format = responseFormat(gc);
  if (format) out.responseFormat = format;
  const r = reasoning(gc);
  if (r) out.reasoning = r;
  if (gc.responseModalities !== undefined && gc.responseModalities !== null) {
    const modalities = requireArray(gc.responseModalities, `${PATH}.responseModalities`);
    if (modalities.some((m) => typeof m !== 'string' || m.toUpperCase() !== 'TEXT'))
      throw invalidRequest(
        `${PATH}.responseModalities: only TEXT answers can come from this model`,
        `${PATH}.responseModalities`,
      );
  }
  return out;
}
