// Gemini's `Schema` (an OpenAPI 3.0 subset: upper-case `type`, `nullable`, integer limits as
// strings) as plain JSON Schema, the form canonical tools and response formats carry.
// Reference: https://ai.google.dev/api/caching#Schema
import { invalidRequest } from '../../canonical/index.js';
import { describeJsonType, isRecord, type JsonObject } from '../anthropic/read-request-fields.js';

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
/** kept as they are */
const PLAIN = [
  'format',
  'description',
  'title',
  'enum',
  'required',
  'pattern',
  'default',
  'minimum',
  'maximum',
];
/** int64 fields, sent as strings by the SDK */
const COUNTS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'];

function count(v: unknown, path: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw invalidRequest(`${path}: expected a non-negative integer, got ${JSON.stringify(v)}`, path);
  return n;
}

/**
 * One Schema object as JSON Schema: `type` lower-cased (TYPE_UNSPECIFIED left out), `nullable`
 * → the type plus `"null"`, `properties` / `items` / `anyOf` converted recursively, `example` →
 * `examples`, count limits as numbers; `propertyOrdering` (an ordering hint) is dropped.
 */
export function decodeGeminiSchema(value: unknown, path: string): JsonObject {
  if (!isRecord(value))
    throw invalidRequest(`${path}: expected a Schema object, got ${describeJsonType(value)}`, path);
  const out: JsonObject = {};
  if (value.type !== undefined && value.type !== null) {
    if (typeof value.type !== 'string')
      throw invalidRequest(
        `${path}.type: expected a string, got ${describeJsonType(value.type)}`,
        `${path}.type`,
      );
    const t = value.type.toLowerCase();
    if (t !== 'type_unspecified') {
      if (!TYPES.has(t))
        throw invalidRequest(`${path}.type: unknown Schema type '${value.type}'`, `${path}.type`);
      out.type = value.nullable === true && t !== 'null' ? [t, 'null'] : t;
    }
  }
  for (const k of PLAIN) if (value[k] !== undefined) out[k] = value[k];
  for (const k of COUNTS) if (value[k] !== undefined) out[k] = count(value[k], `${path}.${k}`);
  if (value.example !== undefined) out.examples = [value.example];
  if (value.properties !== undefined) {
    if (!isRecord(value.properties))
      throw invalidRequest(`${path}.properties: expected an object`, `${path}.properties`);
    const props: JsonObject = {};
    for (const [k, v] of Object.entries(value.properties))
      props[k] = decodeGeminiSchema(v, `${path}.properties.${k}`);
    out.properties = props;
  }
  if (value.items !== undefined) out.items = decodeGeminiSchema(value.items, `${path}.items`);
  if (value.anyOf !== undefined) {
    if (!Array.isArray(value.anyOf))
      throw invalidRequest(`${path}.anyOf: expected an array`, `${path}.anyOf`);
    out.anyOf = value.anyOf.map((s, i) => decodeGeminiSchema(s, `${path}.anyOf[${i}]`));
    if (value.nullable === true && out.type === undefined) (out.anyOf as unknown[]).push({ type: 'null' });
  }
  return out;
}
