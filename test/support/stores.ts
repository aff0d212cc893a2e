// Runs governance tests against both backends: the embedded one (a temp dir with the SQLite
// file and in-process shared state) and PostgreSQL + Redis (a fresh database on the server of
// TEST_DATABASE_URL and a unique key prefix on TEST_REDIS_URL, both removed on cleanup).
//
//   for (const backend of eachBackend()) {
//     test(`spends credits (${backend.name})`, { skip: backend.skip }, async () => {
//       const b = await backend.open();
//       try { … b.store.db … b.shared … createGateway({ config: { ...b.config, … } }) … }
//       finally { await b.cleanup(); }
//     });
//   }
//
// Without TEST_DATABASE_URL / TEST_REDIS_URL the postgres+redis backend is skipped (with the
// reason), unless SWITCHYARD_REQUIRE_SERVICES=1 (CI): then open() fails, and so does the test.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { MemorySharedState } from '../../src/shared-state/memory-shared-state.js';
import { openRedisSharedState } from '../../src/shared-state/redis-shared-state.js';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import { openStore, type Store } from '../../src/store/open-store.js';

export type BackendName = 'embedded' | 'postgres+redis';

/** the parts of the gateway's config that point it at this backend (merge into createGateway's config) */
export interface BackendConfig {
  server: { data_dir: string };
  database?: { url: string };
  redis?: { url: string; key_prefix: string };
}

export interface BackendInstance {
  name: BackendName;
  store: Store;
  shared: SharedState;
  /** a fresh temp directory (the SQLite file lives here for the embedded backend) */
  dataDir: string;
  /** the same backend as environment variables (for a CLI or gateway child process) */
  env: Record<string, string>;
  config: BackendConfig;
  /**
   * another store and shared state on the same data, as a second gateway instance would open
   * them (embedded: the same SQLite file and the same in-process shared state object, since
   * embedded means one instance). Closed by cleanup().
   */
  connect(): Promise<{ store: Store; shared: SharedState }>;
  /** closes everything opened here, drops the schema / deletes the keys, removes the temp dir */
  cleanup(): Promise<void>;
}

export interface Backend {
  name: BackendName;
  /** a reason to skip (pass as node:test's `skip` option), or false */
  skip: string | false;
  open(): Promise<BackendInstance>;
}

export interface TestServices {
  databaseUrl?: string;
  redisUrl?: string;
  /** SWITCHYARD_REQUIRE_SERVICES=1: a missing service is a failure, not a skip */
  required: boolean;
}

export function testServices(env: NodeJS.ProcessEnv = process.env): TestServices {
  return {
    databaseUrl: env.TEST_DATABASE_URL || undefined,
    redisUrl: env.TEST_REDIS_URL || undefined,
    required: env.SWITCHYARD_REQUIRE_SERVICES === '1',
  };
}

/**
 * why a test needing these services must be skipped (false = run it). When services are required
 * and missing, returns false so the test runs and fails in missingServices().
 */
export function servicesSkip(need: { database?: boolean; redis?: boolean }): string | false {
  const s = testServices();
  const missing = missingList(s, need);
  if (missing.length === 0 || s.required) return false;
  return `${missing.join(' and ')} not set (see scripts/start-services.sh)`;
}

/** throws when a needed service is missing (used inside tests that servicesSkip did not skip) */
export function missingServices(need: { database?: boolean; redis?: boolean }): void {
  const missing = missingList(testServices(), need);
  if (missing.length > 0)
    throw new Error(
      `SWITCHYARD_REQUIRE_SERVICES=1 but ${missing.join(' and ')} not set: run scripts/start-services.sh`,
    );
}

export function eachBackend(): Backend[] {
  return [
    { name: 'embedded', skip: false, open: openEmbedded },
    {
      name: 'postgres+redis',
      skip: servicesSkip({ database: true, redis: true }),
      open: openPostgresRedis,
    },
  ];
}

/** a name unique to this process and call: `<stem>_<pid>_<random>` (lower case, schema-safe) */
export function uniqueName(stem: string): string {
  return `${stem}_${process.pid}_${randomBytes(5).toString('hex')}`;
}

async function openEmbedded(): Promise<BackendInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
  const opened: Store[] = [];
  const shared = new MemorySharedState();
  try {
    const store = await openStore({ dataDir });
    opened.push(store);
    return {
      name: 'embedded',
      store,
      shared,
      dataDir,
      env: { SWITCHYARD_DATA_DIR: dataDir },
      config: { server: { data_dir: dataDir } },
      connect: async () => {
        const another = await openStore({ dataDir });
        opened.push(another);
        return { store: another, shared };
      },
      cleanup: async () => {
        await Promise.all(opened.map((s) => s.close()));
        await shared.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await Promise.all(opened.map((s) => s.close()));
    await shared.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

async function openPostgresRedis(): Promise<BackendInstance> {
  missingServices({ database: true, redis: true });
  const { databaseUrl, redisUrl } = testServices() as Required<TestServices>;
  // a database of its own, not a schema: Kysely's migrator introspects every schema of its
  // database, and fails when another test file drops one of them at that moment
  const database = uniqueName('t');
  const keyPrefix = `${uniqueName('t')}:`;
  await createDatabase(databaseUrl, database);
  const url = onDatabase(databaseUrl, database);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
  const stores: Store[] = [];
  const states: SharedState[] = [];
  const connect = async () => {
    const store = await openStore({ dataDir, databaseUrl: url, poolSize: 5 });
    stores.push(store);
    const shared = await openRedisSharedState({ url: redisUrl, keyPrefix });
    states.push(shared);
    return { store, shared };
  };
  const cleanup = async () => {
    await Promise.all([...stores.map((s) => s.close()), ...states.map((s) => s.close())]);
    await Promise.all([dropDatabase(databaseUrl, database), deleteKeys(redisUrl, keyPrefix)]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { store, shared } = await connect();
    return {
      name: 'postgres+redis',
      store,
      shared,
      dataDir,
      env: {
        SWITCHYARD_DATA_DIR: dataDir,
        DATABASE_URL: url,
        REDIS_URL: redisUrl,
        SWITCHYARD_REDIS_PREFIX: keyPrefix,
      },
      config: {
        server: { data_dir: dataDir },
        database: { url },
        redis: { url: redisUrl, key_prefix: keyPrefix },
      },
      connect,
      cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** the database URL with Switchyard's `?schema=` parameter (see src/store/postgres-url.ts) */
export function withSchema(databaseUrl: string, schema: string): string {
  const u = new URL(databaseUrl);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** the same server and credentials, another database */
export function onDatabase(databaseUrl: string, database: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(databaseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createDatabase(databaseUrl: string, database: string): Promise<void> {
  await adminQuery(databaseUrl, `create database "${database}"`);
}

/** drops a test database, closing any connection still open on it */
export async function dropDatabase(databaseUrl: string, database: string): Promise<void> {
  await adminQuery(databaseUrl, `drop database if exists "${database}" with (force)`);
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** deletes every Redis key under the prefix */
export async function deleteKeys(redisUrl: string, keyPrefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(keyPrefix)}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

function missingList(s: TestServices, need: { database?: boolean; redis?: boolean }): string[] {
  const missing: string[] = [];
  if (need.database && !s.databaseUrl) missing.push('TEST_DATABASE_URL');
  if (need.redis && !s.redisUrl) missing.push('TEST_REDIS_URL');
  return missing;
}
