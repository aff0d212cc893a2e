// Opens the governance database and brings its schema up to date: the embedded SQLite file
// `<dataDir>/switchyard.db` by default, PostgreSQL when a URL is given. Both run the same
// migrations (store/migrations) at open; two processes opening at once migrate once
// (PostgreSQL: Kysely's advisory lock; SQLite: one BEGIN IMMEDIATE transaction).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import { isValidSchemaName, parsePostgresUrl, searchPathOptions } from './postgres-url.js';
import { EmbeddedSqliteDialect } from './sqlite-dialect.js';
import type { Database } from './tables.js';

export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** postgres://… (optionally `?schema=name`); absent = the embedded SQLite file */
  databaseUrl?: string;
  /** where the SQLite file lives (created when missing) */
  dataDir: string;
  /** PostgreSQL pool size (default 10) */
  poolSize?: number;
  /** PostgreSQL schema to work in (created when missing); overrides the URL's `?schema=` */
  pgSchema?: string;
  /** errors of idle pooled PostgreSQL connections (server restart, network); default: ignored, the pool reconnects */
  onPoolError?: (err: Error) => void;
}

/** the embedded database file's name inside the data directory */
export const SQLITE_FILE = 'switchyard.db';
/** how long a SQLite statement waits for another process's write lock before failing */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.databaseUrl) {
    const db = await migrated(await openPostgres(opts, opts.databaseUrl));
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  return openSharedSqlite(opts.dataDir);
}

// One SQLite connection per file per process, shared by every openStore on it. better-sqlite3
// waits for a lock synchronously: a second connection in this process waiting on the first's
// open transaction would block the event loop the first needs to finish, until busy_timeout.
// Across processes (the CLI next to the gateway) waiting is harmless, and that is what the
// busy timeout is for.
const sqliteFiles = new Map<string, { db: Promise<Kysely<Database>>; refs: number }>();

async function openSharedSqlite(dataDir: string): Promise<Store> {
  const path = resolve(dataDir, SQLITE_FILE);
  let entry = sqliteFiles.get(path);
  if (!entry) {
    const opening = migrated(openSqlite(dataDir));
    entry = { db: opening, refs: 0 };
    sqliteFiles.set(path, entry);
    opening.catch(() => sqliteFiles.delete(path));
  }
  entry.refs++;
  const shared = entry;
  let db: Kysely<Database>;
  try {
    db = await shared.db;
  } catch (e) {
    shared.refs--;
    throw e;
  }
  let closed = false;
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      if (closed) return;
      closed = true;
      if (--shared.refs > 0) return;
      if (sqliteFiles.get(path) === shared) sqliteFiles.delete(path);
      await db.destroy();
    },
  };
}

async function migrated(opened: OpenedDb): Promise<Kysely<Database>> {
  try {
    await migrate(opened.db, opened.migrationSchema);
  } catch (e) {
    await opened.db.destroy();
    throw e;
  }
  return opened.db;
}

interface OpenedDb {
  db: Kysely<Database>;
  dialect: Store['dialect'];
  /** where Kysely keeps its migration bookkeeping (PostgreSQL: the working schema) */
  migrationSchema?: string;
}

function openSqlite(dataDir: string): OpenedDb {
  mkdirSync(dataDir, { recursive: true });
  const file = new BetterSqlite3(join(dataDir, SQLITE_FILE));
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold
    file.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    file.pragma('journal_mode = WAL');
    // in WAL mode, NORMAL survives a process crash (kill -9); only an OS crash can lose the last commits
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
  } catch (e) {
    file.close();
    throw e;
  }
  return {
    db: new Kysely<Database>({ dialect: new EmbeddedSqliteDialect({ database: file }) }),
    dialect: 'sqlite',
  };
}

async function openPostgres(opts: OpenStoreOptions, url: string): Promise<OpenedDb> {
  const target = parsePostgresUrl(url);
  const schema = opts.pgSchema ?? target.schema;
  if (schema !== undefined && !isValidSchemaName(schema))
    throw new Error(`pgSchema "${schema}": lower-case letters, digits and underscores only`);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: searchPathOptions(schema, target.options) } : {}),
  });
  pool.on('error', (err) => opts.onPoolError?.(err));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await createSchema(db, schema);
    const current = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
    const migrationSchema = current.rows[0]?.s ?? undefined;
    if (!migrationSchema)
      throw new Error('PostgreSQL: no schema of the search_path exists (create it, or use ?schema=<name>)');
    return { db, dialect: 'postgres', migrationSchema };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}

async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (e) {
    // two openers at once: `if not exists` can still lose the race on the catalog's unique index
    const exists = await sql<{
      n: number;
    }>`select 1 as n from pg_namespace where nspname = ${schema}`.execute(db);
    if (exists.rows.length === 0) throw e;
  }
}

async function migrate(db: Kysely<Database>, migrationSchema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // migrations are independent of each other: one merged with a lower number than migrations a
    // database already ran (0002 after 0003) is still applied
    allowUnorderedMigrations: true,
    // PostgreSQL: keep the bookkeeping in the working schema (Kysely otherwise finds another
    // schema's migration table by name and skips creating ours)
    ...(migrationSchema ? { migrationTableSchema: migrationSchema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`database migration${failed ? ` ${failed}` : ''} failed: ${cause}`, {
      cause: result.error,
    });
  }
}
