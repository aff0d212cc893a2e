// A PostgreSQL URL may name the schema Switchyard works in: `postgres://…/db?schema=tenant_a`
// (Switchyard's own parameter: removed from the URL, created when missing, and made the
// search_path of every pooled connection). Several gateways, or tests, can then share one
// database with separate schemas. The standard `options=-c search_path=…` works as well (the
// schema must exist then). Without either, the server's default search_path applies (`public`).

/** lower-case letters, digits and underscores, not starting with a digit: safe unquoted */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isValidSchemaName(name: string): boolean {
  return SCHEMA_NAME.test(name);
}

export interface PostgresTarget {
  /** the URL without Switchyard's own parameters */
  connectionString: string;
  schema?: string;
  /** the URL's own `options` parameter, taken out when a schema is given (merged by searchPathOptions) */
  options?: string;
}

/** libpq `options` that make `schema` the search_path, after any options the URL already had */
export function searchPathOptions(schema: string, existing?: string): string {
  return [existing, `-c search_path=${schema}`].filter(Boolean).join(' ');
}

export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('database url: not a valid URL (expected postgres://user:password@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error(`database url: expected a postgres:// URL, got ${parsed.protocol}`);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { connectionString: url };
  if (!isValidSchemaName(schema))
    throw new Error(
      `database url: schema "${schema}" must be lower-case letters, digits and underscores (at most 63)`,
    );
  const options = parsed.searchParams.get('options') ?? undefined;
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), schema, ...(options ? { options } : {}) };
}
