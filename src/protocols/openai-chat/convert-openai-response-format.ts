// `response_format` -> canonical ResponseFormat.
import type { ResponseFormat } from '../../canonical/index.js';
import {
  invalidValue,
  type JsonObject,
  missingParam,
  optionalBoolean,
  optionalObject,
  optionalString,
  requiredString,
} from './read-openai-request-fields.js';

const TYPES = ['text', 'json_object', 'json_schema'] as const;

export function convertOpenAIResponseFormat(body: JsonObject): ResponseFormat | undefined {
  const rf = optionalObject(body, 'response_format', 'response_format');
  if (!rf) return undefined;
  const type = requiredString(rf, 'type', 'response_format.type');
  if (type === 'text' || type === 'json_object') return { type };
  if (type !== 'json_schema') throw invalidValue('response_format.type', type, TYPES);

  const js = optionalObject(rf, 'json_schema', 'response_format.json_schema');
  if (!js) throw missingParam('response_format.json_schema');
  const format: ResponseFormat = {
    type: 'json_schema',
    name: requiredString(js, 'name', 'response_format.json_schema.name'),
    schema: optionalObject(js, 'schema', 'response_format.json_schema.schema') ?? {},
  };
  const strict = optionalBoolean(js, 'strict', 'response_format.json_schema.strict');
  if (strict !== undefined) format.strict = strict;
  const description = optionalString(js, 'description', 'response_format.json_schema.description');
  if (description !== undefined) format.description = description;
  return format;
}
