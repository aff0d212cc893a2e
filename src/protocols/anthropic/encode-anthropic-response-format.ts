// Canonical responseFormat into Anthropic's structured outputs.
//
// - json_schema → `output_config.format: {type: 'json_schema', schema}` (Anthropic's
//   structured outputs, GA on Claude 4.5 models and later; the schema is sent as given).
// - json_object → Anthropic has no "any JSON object" mode, and a schema-constrained
//   `{type: 'object'}` would have to forbid every property; instead an instruction to
//   answer with one JSON object is added to the system prompt.
// - text → nothing.
import type { ResponseFormat } from '../../canonical/index.js';
import type { AnthropicOutputConfig, AnthropicTextBlock } from './anthropic-wire-types.js';

export const JSON_OBJECT_INSTRUCTION =
  'Respond with a single valid JSON object only: no prose, no code fences, nothing before or after it.';

export interface EncodedResponseFormat {
  output_config?: AnthropicOutputConfig;
  /** appended to the system prompt */
  systemInstruction?: AnthropicTextBlock;
}

export function encodeAnthropicResponseFormat(format: ResponseFormat | undefined): EncodedResponseFormat {
  if (format?.type === 'json_schema') {
    return { output_config: { format: { type: 'json_schema', schema: format.schema } } };
  }
  if (format?.type === 'json_object')
    return { systemInstruction: { type: 'text', text: JSON_OBJECT_INSTRUCTION } };
  return {};
}
