// Deterministic tool-call arguments from a JSON schema: every required property gets a plain sample value
// (string "Paris", number 1, boolean true, ...). Accepts OpenAPI-style upper-case types as Gemini sends them.

type Schema = Record<string, unknown>;

export function buildArgumentsFromSchema(schema: unknown): Record<string, unknown> {
  const value = sampleValue(schema, asSchema(schema), 0);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function sampleValue(input: unknown, root: Schema, depth: number): unknown {
  const schema = resolveRef(asSchema(input), root);
  if (depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const choice = options.find((option) => typeOf(asSchema(option)) !== 'null') ?? options[0];
      return sampleValue(choice, root, depth + 1);
    }
  }
  switch (typeOf(schema)) {
    case 'string':
      return sampleString(schema.format);
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' && schema.minimum > 1 ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return schema.items === undefined ? [] : [sampleValue(schema.items, root, depth + 1)];
    case 'object': {
      const properties = asSchema(schema.properties);
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const result: Record<string, unknown> = {};
      for (const name of required) result[name] = sampleValue(properties[name], root, depth + 1);
      return result;
    }
    default:
      return 'Paris';
  }
}

function typeOf(schema: Schema): string | undefined {
  const type = Array.isArray(schema.type)
    ? (schema.type as unknown[]).find((t) => String(t).toLowerCase() !== 'null')
    : schema.type;
  if (typeof type === 'string') return type.toLowerCase();
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function sampleString(format: unknown): string {
  switch (format) {
    case 'date':
      return '2024-01-01';
    case 'date-time':
      return '2024-01-01T00:00:00Z';
    case 'email':
      return 'user@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com';
    default:
      return 'Paris';
  }
}

function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = asSchema(target)[part];
  return asSchema(target);
}

function asSchema(value: unknown): Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {};
}
