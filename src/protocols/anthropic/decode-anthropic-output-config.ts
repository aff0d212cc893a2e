// `output_config` of a client's request: `format` (structured outputs, a JSON schema the
// text answer must match) and `effort`. The deprecated beta spelling `output_format` is
// accepted too; sending both is an error, as in Anthropic's SDK.
import { invalidRequest, type ReasoningEffort, type ResponseFormat } from '../../canonical/index.js';
import { type JsonObject, requireOneOf, requireRecord } from './read-request-fields.js';

export interface DecodedOutputConfig {
  responseFormat?: ResponseFormat;
  effort?: ReasoningEffort;
}

/** Anthropic has no name for the schema; canonical (and OpenAI) need one. */
export const STRUCTURED_OUTPUT_NAME = 'response';

function decodeFormat(value: unknown, path: string): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  const format = requireRecord(value, path);
  requireOneOf(format, 'type', path, ['json_schema']);
  if (format.schema === undefined) throw invalidRequest(`${path}.schema: field required`, `${path}.schema`);
  return {
    type: 'json_schema',
    name: STRUCTURED_OUTPUT_NAME,
    schema: requireRecord(format.schema, `${path}.schema`),
  };
}

export function decodeAnthropicOutputConfig(body: JsonObject): DecodedOutputConfig {
  const out: DecodedOutputConfig = {};
  let config: JsonObject | undefined;
  if (body.output_config !== undefined && body.output_config !== null) {
    config = requireRecord(body.output_config, 'output_config');
  }
  const fromConfig = config ? decodeFormat(config.format, 'output_config.format') : undefined;
  const legacy = decodeFormat(body.output_format, 'output_format');
  if (fromConfig && legacy) {
    throw invalidRequest(
      'output_format: both output_format and output_config.format were given; use only output_config.format (output_format is deprecated)',
      'output_format',
    );
  }
  const responseFormat = fromConfig ?? legacy;
  if (responseFormat) out.responseFormat = responseFormat;
  if (config && config.effort !== undefined && config.effort !== null) {
    const effort = requireOneOf(config, 'effort', 'output_config', ['low', 'medium', 'high', 'xhigh', 'max']);
    // canonical efforts stop at xhigh
    out.effort = effort === 'max' ? 'xhigh' : effort;
  }
  return out;
}
