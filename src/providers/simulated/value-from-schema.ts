// Builds a plausible value that satisfies a JSON Schema, for simulated tool arguments and
// simulated structured output.
type Schema = Record<string, unknown>;

function stringFor(name: string): string {
  const n = name.toLowerCase();
  if (/(city|location|place|town)/.test(n)) return 'Paris';
  if (/(country)/.test(n)) return 'France';
  if (/(unit)/.test(n)) return 'celsius';
  if (/(date)/.test(n)) return '2026-11-21';
  if (/(url|link)/.test(n)) return 'https://example.com';
  if (/(email)/.test(n)) return 'user@example.com';
  if (/(query|search|question|prompt)/.test(n)) return 'simulated query';
  if (/(path|file)/.test(n)) return 'README.md';
  if (/(command|cmd)/.test(n)) return 'ls';
  return `simulated ${name || 'value'}`;
}

export function valueFromSchema(schema: unknown, name = '', depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 6) return null;
  const s = schema as Schema;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ('default' in s) return s.default;
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const alts = s[key];
    if (Array.isArray(alts) && alts.length > 0) {
      const firstNonNull = alts.find((a) => (a as Schema)?.type !== 'null') ?? alts[0];
      return valueFromSchema(firstNonNull, name, depth + 1);
    }
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'string':
      return stringFor(name);
    case 'integer':
    case 'number': {
      const min =
        typeof s.minimum === 'number'
          ? s.minimum
          : typeof s.exclusiveMinimum === 'number'
            ? s.exclusiveMinimum + 1
            : 1;
      return type === 'integer' ? Math.ceil(min) : min;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 1;
      return Array.from({ length: Math.min(n, 3) }, () => valueFromSchema(s.items, name, depth + 1));
    }
    default: {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(props);
      const out: Record<string, unknown> = {};
      for (const key of required)
        out[key] = valueFromSchema(props[key] ?? { type: 'string' }, key, depth + 1);
      return out;
    }
  }
}
