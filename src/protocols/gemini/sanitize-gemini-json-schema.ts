// Gemini takes real JSON Schema in `parametersJsonSchema` and `responseJsonSchema` (so no
// OpenAPI rewrite, `additionalProperties` and `$ref`/`$defs` are fine), but only a subset of it:
// `$schema` is refused and `const` is unsupported, so `const: x` becomes `enum: [x]`.
// https://ai.google.dev/api/caching#FunctionDeclaration

type Schema = Record<string, unknown>;

const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SCHEMA_KEYWORDS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function sanitize(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'const') {
      if (!('enum' in schema)) out.enum = [value];
    } else if (SCHEMA_MAP_KEYWORDS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitize(v)]));
    } else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
      out[key] = value.map(sanitize);
    } else if (SCHEMA_KEYWORDS.includes(key)) {
      out[key] = Array.isArray(value) ? value.map(sanitize) : sanitize(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A copy of a JSON Schema that Gemini accepts; the input is not modified. */
export function sanitizeGeminiJsonSchema(schema: Record<string, unknown>): Record<string, unknown> {
  return sanitize(schema) as Record<string, unknown>;
}
