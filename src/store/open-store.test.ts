import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import {
  dropSchema,
  missingServices,
  servicesSkip,
  testServices,
  uniqueName,
  withSchema,
} from '../../test/support/stores.js';
import { MIGRATIONS } from './migrations/index.js';
import { int8ToNumber } from './numbers.js';
import { openStore, type Store } from './open-store.js';
import type { Database } from './tables.js';

const BIG = 2 ** 40 + 7; // beyond 2^31: a 32-bit column would not hold it
const T = 1_790_000_000_123;

/** one row for every table, parents first; every Int8 column beyond 2^31 */
const ROWS: { [K in keyof Database]: Record<string, unknown> } = {
  orgs: {
    id: 'org_1',
    name: 'Acme',
    slug: 'acme',
    retention_days: null,
    byok_fee_bps: 250,
    discount_bps: 1000,
    prepaid: 1,
    created_at: T,
  },
  teams: { id: 'team_1', org_id: 'org_1', name: 'Research', created_at: T },
  projects: { id: 'proj_1', org_id: 'org_1', team_id: 'team_1', name: 'Atlas', created_at: T },
  users: {
    id: 'user_1',
    email: 'ada@example.com',
    name: 'Ada',
    password_hash: '$argon2id$…',
    service_account: 0,
    superadmin: 1,
    disabled: 0,
    oidc_issuer: 'https://idp.example.com',
    oidc_subject: 'sub-1',
    created_at: T,
  },
  memberships: {
    id: 'mem_1',
    user_id: 'user_1',
    org_id: 'org_1',
    team_id: null,
    role: 'owner',
    source: 'manual',
    created_at: T,
  },
  sessions: {
    id: 'sess_1',
    user_id: 'user_1',
    token_hash: 'a'.repeat(64),
    created_at: T,
    expires_at: T + BIG,
    ip: '10.0.0.1',
    user_agent: 'test',
  },
  oidc_states: { state: 'st_1', code_verifier: 'v', nonce: 'n', return_to: null, created_at: T },
  api_keys: {
    id: 'key_1',
    org_id: 'org_1',
    team_id: 'team_1',
    project_id: 'proj_1',
    user_id: 'user_1',
    name: 'ci',
    prefix: 'sk-sy-Ab12',
    key_hash: 'b'.repeat(64),
    models: '["openai/*"]',
    providers: null,
    endpoints: '["chat.completions"]',
    ip_allowlist: '["10.0.0.0/8"]',
    tags: '["ci"]',
    metadata: '{"a":1}',
    rpm_limit: 60,
    tpm_limit: 100_000,
    max_concurrency: 4,
    expires_at: T + BIG,
    revoked_at: null,
    rotated_from: null,
    created_by: 'user:user_1',
    created_at: T,
    last_used_at: T,
    retention_days: 30,
  },
  provider_credentials: {
    id: 'cred_1',
    org_id: 'org_1',
    provider: 'openai',
    ciphertext: 'Y2lwaGVy',
    iv: 'aXY=',
    auth_tag: 'dGFn',
    key_id: 'k1',
    hint: 'x1y2',
    created_by: null,
    created_at: T,
    updated_at: T,
  },
  price_overrides: {
    id: 'price_1',
    org_id: 'org_1',
    model: 'openai/*',
    input_per_mtok_micros: BIG,
    output_per_mtok_micros: 15_000_000,
    cache_read_per_mtok_micros: null,
    cache_write_per_mtok_micros: null,
    reasoning_per_mtok_micros: null,
    created_at: T,
  },
  ledger_entries: {
    id: 'led_1',
    org_id: 'org_1',
    account_scope: 'org',
    account_id: 'org_1',
    kind: 'topup',
    amount_nanos: BIG,
    request_id: null,
    transfer_id: null,
    note: 'first top-up',
    actor: 'cli',
    created_at: T,
  },
  redemption_codes: {
    id: 'code_1',
    code_hash: 'c'.repeat(64),
    amount_nanos: BIG,
    org_id: null,
    expires_at: null,
    redeemed_at: T,
    redeemed_by_org: 'org_1',
    created_by: 'master',
    created_at: T,
  },
  budgets: {
    id: 'bud_1',
    org_id: 'org_1',
    scope: 'key',
    scope_id: 'key_1',
    period: 'month',
    limit_nanos: BIG,
    mode: 'hard',
    alert_pct: 80,
    created_at: T,
  },
  budget_alerts: {
    id: 'alert_1',
    budget_id: 'bud_1',
    org_id: 'org_1',
    period_key: '2026-11',
    kind: 'threshold',
    spent_nanos: BIG,
    created_at: T,
  },
  rate_limits: {
    id: 'rl_1',
    org_id: 'org_1',
    scope: 'team',
    scope_id: 'team_1',
    rpm_limit: 600,
    tpm_limit: null,
    max_concurrency: 20,
    created_at: T,
  },
  usage_events: {
    id: 'req_1',
    ts: T,
    org_id: 'org_1',
    team_id: 'team_1',
    project_id: 'proj_1',
    key_id: 'key_1',
    user_id: 'user_1',
    endpoint: 'chat.completions',
    requested_model: 'gpt-4o',
    model: 'openai/gpt-4o',
    provider: 'openai',
    status: 200,
    stream: 1,
    input_tokens: 1200,
    output_tokens: 300,
    cache_read_tokens: 1000,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    estimated: 0,
    cost_nanos: BIG,
    charged_nanos: BIG - 1,
    byok: 0,
    latency_ms: 812,
    ttft_ms: 120,
    attempts: 2,
    client_aborted: 0,
    routing: '{"strategy":"latency"}',
    error: null,
    units: 3,
    unit_kind: 'image',
  },
  audit_log: {
    id: 'aud_1',
    ts: T,
    actor: 'user:user_1',
    org_id: 'org_1',
    action: 'keys.create',
    target_type: 'api_key',
    target_id: 'key_1',
    ip: '10.0.0.1',
    user_agent: 'curl',
    before: null,
    after: '{"name":"ci"}',
  },
  responses: {
    id: 'resp_1',
    org_id: 'org_1',
    principal_id: 'key_1',
    provider: 'openai',
    model: 'openai/gpt-5-mini',
    mode: 'passthrough',
    input: '[{"role":"user","content":"hi"}]',
    response: '{"id":"resp_1","object":"response"}',
    created_at: T,
    expires_at: T + BIG,
  },
};

/** columns that are BIGINT (Int8) in tables.ts */
const INT8 = new Set([
  'created_at',
  'updated_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
  'redeemed_at',
  'amount_nanos',
  'limit_nanos',
  'spent_nanos',
  'cost_nanos',
  'charged_nanos',
  'ts',
  'input_per_mtok_micros',
  'output_per_mtok_micros',
  'cache_read_per_mtok_micros',
  'cache_write_per_mtok_micros',
  'reasoning_per_mtok_micros',
]);

interface Engine {
  name: 'sqlite' | 'postgres';
  skip: string | false;
  /** a fresh, empty database; `open` opens another store on it */
  fresh(): Promise<{ open(): Promise<Store>; cleanup(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    skip: false,
    fresh: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-test-'));
      return {
        open: () => openStore({ dataDir }),
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    skip: servicesSkip({ database: true }),
    fresh: async () => {
      missingServices({ database: true });
      const base = testServices().databaseUrl!;
      const schema = uniqueName('store');
      return {
        open: () => openStore({ dataDir: tmpdir(), databaseUrl: base, pgSchema: schema, poolSize: 3 }),
        cleanup: () => dropSchema(base, schema),
      };
    },
  },
];

async function withFresh(engine: Engine, fn: (open: () => Promise<Store>) => Promise<void>) {
  const f = await engine.fresh();
  const opened: Store[] = [];
  try {
    await fn(async () => {
      const s = await f.open();
      opened.push(s);
      return s;
    });
  } finally {
    for (const s of opened) await s.close();
    await f.cleanup();
  }
}

async function insertAll(store: Store) {
  for (const [table, row] of Object.entries(ROWS))
    await store.db
      .insertInto(table as keyof Database)
      .values(row as never)
      .execute();
}

/** the error a statement fails with (it must fail) */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  assert.fail('expected the statement to fail');
}

const isUniqueViolation = (e: Error) => /unique|duplicate key/i.test(e.message);

for (const engine of engines) {
  test(`${engine.name}: the migration creates every table; rows round-trip with BIGINTs beyond 2^31`, {
    skip: engine.skip,
  }, async () => {
    await withFresh(engine, async (open) => {
      const store = await open();
      assert.equal(store.dialect, engine.name);
      await insertAll(store);
      for (const [table, row] of Object.entries(ROWS)) {
        const got = (await store.db
          .selectFrom(table as keyof Database)
          .selectAll()
          .executeTakeFirstOrThrow()) as Record<string, unknown>;
        assert.deepEqual(Object.keys(got).sort(), Object.keys(row).sort(), `${table}: columns`);
        for (const [col, v] of Object.entries(row)) {
          const actual = INT8.has(col) && got[col] !== null ? int8ToNumber(got[col] as string) : got[col];
          assert.deepEqual(actual, v, `${table}.${col}`);
        }
      }
      // sums of money stay exact and integral
      const sum = await store.db
        .selectFrom('usage_events')
        .select((eb) => eb.fn.sum<string | number>('cost_nanos').as('s'))
        .executeTakeFirstOrThrow();
      assert.equal(int8ToNumber(sum.s), BIG);
    });
  });

  test(`${engine.name}: unique constraints and foreign keys hold`, { skip: engine.skip }, async () => {
    await withFresh(engine, async (open) => {
      const { db } = await open();
      await insertAll({ db } as Store);
      const dup = <K extends keyof Database>(table: K, changes: Record<string, unknown>) =>
        failure(
          db
            .insertInto(table)
            .values({ ...ROWS[table], ...changes } as never)
            .execute(),
        );
      assert.ok(isUniqueViolation(await dup('orgs', { id: 'org_2' })), 'orgs.slug');
      assert.ok(
        isUniqueViolation(await dup('users', { id: 'user_2', oidc_subject: 'sub-2' })),
        'users.email',
      );
      assert.ok(isUniqueViolation(await dup('api_keys', { id: 'key_2' })), 'api_keys.key_hash');
      assert.ok(isUniqueViolation(await dup('sessions', { id: 'sess_2' })), 'sessions.token_hash');
      assert.ok(isUniqueViolation(await dup('provider_credentials', { id: 'cred_2' })), 'credentials');
      assert.ok(isUniqueViolation(await dup('redemption_codes', { id: 'code_2' })), 'code_hash');
      assert.ok(
        isUniqueViolation(await dup('users', { id: 'user_3', email: 'x@example.com' })),
        'oidc identity',
      );

      // a request is charged once; entries without a request are never constrained
      const charge = { ...ROWS.ledger_entries, kind: 'charge', amount_nanos: -5, request_id: 'req_1' };
      await db
        .insertInto('ledger_entries')
        .values({ ...charge, id: 'led_c1' } as never)
        .execute();
      assert.ok(
        isUniqueViolation(
          await failure(
            db
              .insertInto('ledger_entries')
              .values({ ...charge, id: 'led_c2' } as never)
              .execute(),
          ),
        ),
        'charged twice',
      );
      await db
        .insertInto('ledger_entries')
        .values({ ...charge, id: 'led_r1', kind: 'refund', amount_nanos: 5 } as never)
        .execute();
      await db
        .insertInto('ledger_entries')
        .values({ ...ROWS.ledger_entries, id: 'led_t2' } as never)
        .execute();
      await db
        .insertInto('ledger_entries')
        .values({ ...ROWS.ledger_entries, id: 'led_t3' } as never)
        .execute();

      // memberships: one org-level row per (user, org) although team_id is NULL; one per team
      assert.ok(
        isUniqueViolation(await dup('memberships', { id: 'mem_2', role: 'admin' })),
        'org-level twice',
      );
      await db
        .insertInto('memberships')
        .values({ ...ROWS.memberships, id: 'mem_3', team_id: 'team_1', role: 'member' } as never)
        .execute();
      assert.ok(
        isUniqueViolation(await dup('memberships', { id: 'mem_4', team_id: 'team_1' })),
        'team twice',
      );

      assert.ok(isUniqueViolation(await dup('budget_alerts', { id: 'alert_2' })), 'alert once per period');

      // foreign keys are enforced (SQLite: PRAGMA foreign_keys is on)
      const fk = await dup('teams', { id: 'team_2', org_id: 'org_missing' });
      assert.match(fk.message, /foreign key/i);
      // deleting a user removes its sessions and memberships
      await db.deleteFrom('api_keys').execute();
      await db.deleteFrom('users').where('id', '=', 'user_1').execute();
      const left = await db.selectFrom('sessions').select('id').execute();
      assert.deepEqual(left, []);
      assert.deepEqual(await db.selectFrom('memberships').select('id').execute(), []);
    });
  });

  test(`${engine.name}: re-opening keeps the data and does not migrate again`, {
    skip: engine.skip,
  }, async () => {
    await withFresh(engine, async (open) => {
      const first = await open();
      await first.db.insertInto('orgs').values(ROWS.orgs).execute();
      await first.close();
      const second = await open();
      const orgs = await second.db.selectFrom('orgs').select('id').execute();
      assert.deepEqual(orgs, [{ id: 'org_1' }]);
      const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        second.db,
      );
      assert.deepEqual(
        done.rows.map((r) => r.name),
        Object.keys(MIGRATIONS),
      );
    });
  });
}

test('postgres: several instances opening one fresh schema at once migrate it once', {
  skip: servicesSkip({ database: true }),
}, async () => {
  await withFresh(engines[1], async (open) => {
    const stores = await Promise.all([open(), open(), open(), open()]);
    const done = await sql<{ name: string }>`select name from kysely_migration`.execute(stores[0].db);
    assert.deepEqual(
      done.rows.map((r) => r.name),
      Object.keys(MIGRATIONS),
    );
    // every instance works on the same tables
    await stores[1].db.insertInto('orgs').values(ROWS.orgs).execute();
    const seen = await stores[3].db.selectFrom('orgs').select('slug').execute();
    assert.deepEqual(seen, [{ slug: 'acme' }]);
  });
});

test('postgres: the URL may name the schema (?schema=), which is created and isolated', {
  skip: servicesSkip({ database: true }),
}, async () => {
  missingServices({ database: true });
  const base = testServices().databaseUrl!;
  const a = uniqueName('url');
  const b = uniqueName('url');
  const sa = await openStore({ dataDir: tmpdir(), databaseUrl: withSchema(base, a), poolSize: 2 });
  const sb = await openStore({ dataDir: tmpdir(), databaseUrl: withSchema(base, b), poolSize: 2 });
  try {
    await sa.db.insertInto('orgs').values(ROWS.orgs).execute();
    assert.deepEqual(await sb.db.selectFrom('orgs').select('id').execute(), []);
    const where = await sql<{ s: string }>`select current_schema() as s`.execute(sa.db);
    assert.equal(where.rows[0].s, a);
  } finally {
    await Promise.all([sa.close(), sb.close()]);
    await Promise.all([dropSchema(base, a), dropSchema(base, b)]);
  }
});

test('sqlite: opening one file twice in a process shares the connection; WAL and foreign keys are on', async () => {
  await withFresh(engines[0], async (open) => {
    const [a, b] = await Promise.all([open(), open()]);
    assert.equal(a.db, b.db);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(a.db);
    assert.equal(mode.rows[0].journal_mode, 'wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(a.db);
    assert.equal(fk.rows[0].foreign_keys, 1);
    // a transaction on one handle while the other writes: serialized, both land
    await Promise.all([
      a.db.transaction().execute(async (trx) => {
        await trx.insertInto('orgs').values(ROWS.orgs).execute();
        await new Promise((r) => setTimeout(r, 20));
      }),
      b.db
        .insertInto('orgs')
        .values({ ...ROWS.orgs, id: 'org_2', slug: 'other' })
        .execute(),
    ]);
    await a.close();
    // the other handle still works after one closes
    assert.equal((await b.db.selectFrom('orgs').select('id').execute()).length, 2);
  });
});

/** a child process that opens the store and writes `n` rows, one transaction each */
function writerProcess(
  dataDir: string,
  tag: string,
  n: number,
): Promise<{ code: number | null; err: string }> {
  const script = `
    const { openStore } = await import(${JSON.stringify(new URL('./open-store.ts', import.meta.url).pathname)});
    const s = await openStore({ dataDir: ${JSON.stringify(dataDir)} });
    for (let i = 0; i < ${n}; i++) {
      await s.db.transaction().execute(async (trx) => {
        const c = await trx.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
        await trx.insertInto('audit_log').values({ id: '${tag}_' + i, ts: Number(c.n), actor: 'cli', org_id: null,
          action: 'x', target_type: null, target_id: null, ip: null, user_agent: null, before: null, after: null }).execute();
      });
    }
    await s.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => resolve({ code, err }));
  });
}

test('sqlite: two processes (gateway and CLI) opening and writing one new file at once both succeed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-test-'));
  try {
    const results = await Promise.all([writerProcess(dataDir, 'a', 40), writerProcess(dataDir, 'b', 40)]);
    for (const r of results) assert.equal(r.code, 0, r.err);
    const store = await openStore({ dataDir });
    try {
      const rows = await store.db.selectFrom('audit_log').select('ts').execute();
      assert.equal(rows.length, 80);
      // read-then-write transactions were serialized: every count they saw is distinct
      assert.equal(new Set(rows.map((r) => int8ToNumber(r.ts))).size, 80);
      const done = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
      assert.equal(done.rows.length, Object.keys(MIGRATIONS).length);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
