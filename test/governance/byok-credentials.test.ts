// BYOK provider keys against a real store (embedded SQLite, and PostgreSQL + Redis when the
// test services are configured): stored sealed, listed by hint, bound to their org, cached on
// the hot path and forgotten on every instance when changed, re-sealed on master key rotation.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EncryptionKeys } from '../../src/byok/encryption-keys.js';
import { BYOK_CHANNEL, ProviderCredentials } from '../../src/byok/provider-credentials.js';
import { GatewayError } from '../../src/canonical/errors.js';
import { MemorySharedState } from '../../src/shared-state/index.js';
import { int8ToNumber, newId, openStore, SQLITE_FILE, type Store } from '../../src/store/index.js';
import { type BackendInstance, eachBackend } from '../support/stores.js';

const PROVIDERS = new Set(['openai', 'anthropic', 'google']);
const SECRET_A = `sk-proj-${randomBytes(18).toString('hex')}`;
const SECRET_B = `sk-ant-${randomBytes(18).toString('hex')}`;
const b64key = () => randomBytes(32).toString('base64');

async function makeOrg(store: Store, slug: string): Promise<string> {
  const id = newId('org');
  await store.db
    .insertInto('orgs')
    .values({
      id,
      name: slug,
      slug,
      retention_days: null,
      byok_fee_bps: 0,
      discount_bps: 0,
      prepaid: 0,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

const isGatewayError = (kind: string, code?: string) => (e: unknown) =>
  e instanceof GatewayError && e.kind === kind && (code === undefined || e.code === code);

/** waits until `check` passes (pub/sub delivery is asynchronous) */
async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting for ${what}`);
}

for (const backend of eachBackend()) {
  describe(`BYOK (${backend.name})`, { skip: backend.skip }, () => {
    let env: BackendInstance;
    const started: ProviderCredentials[] = [];
    /** a gateway instance's view: its own connection to the shared state (embedded: the one state) */
    const credentials = async (keys: EncryptionKeys) => {
      const { shared } = await env.connect();
      const c = new ProviderCredentials(env.store.db, keys, shared, { knownProviders: PROVIDERS });
      await c.start();
      started.push(c);
      return c;
    };

    before(async () => {
      env = await backend.open();
    });
    after(async () => {
      for (const c of started) await c.close();
      await env?.cleanup();
    });

    test('set, list (hint only), replace, remove; refused inputs', async () => {
      const keys = new EncryptionKeys({ key: b64key(), keyFile: join(env.dataDir, 'unused') });
      const creds = await credentials(keys);
      const org = await makeOrg(env.store, 'acme');

      const first = await creds.set(org, 'openai', SECRET_A, 'cli');
      assert.equal(first.before, null);
      assert.equal(first.after.provider, 'openai');
      assert.equal(first.after.hint, SECRET_A.slice(-4));
      assert.equal(first.after.key_id, keys.current().id);
      assert.equal(first.after.created_by, 'cli');

      const replaced = await creds.set(org, 'openai', SECRET_B, 'user:u1');
      assert.equal(replaced.before?.hint, SECRET_A.slice(-4));
      assert.equal(replaced.after.hint, SECRET_B.slice(-4));
      assert.equal(replaced.after.id, first.after.id, 'one row per org and provider');
      await creds.set(org, 'anthropic', SECRET_A, 'cli');

      const listed = await creds.list(org);
      assert.deepEqual(
        listed.map((c) => c.provider),
        ['anthropic', 'openai'],
      );
      const text = JSON.stringify(listed);
      assert.ok(!text.includes(SECRET_A) && !text.includes(SECRET_B), 'no secret in the listing');
      assert.deepEqual(Object.keys(listed[0]!).sort(), [
        'created_at',
        'created_by',
        'hint',
        'id',
        'key_id',
        'org_id',
        'provider',
        'updated_at',
      ]);

      await assert.rejects(
        creds.set(org, 'nosuch', SECRET_A, 'cli'),
        isGatewayError('invalid_request', 'unknown_provider'),
      );
      await assert.rejects(creds.set(org, 'openai', 'short', 'cli'), isGatewayError('invalid_request'));
      await assert.rejects(
        creds.set(org, 'openai', 'has a space in it', 'cli'),
        isGatewayError('invalid_request'),
      );
      await assert.rejects(creds.set('org_missing', 'openai', SECRET_A, 'cli'), isGatewayError('not_found'));

      const removed = await creds.remove(org, 'anthropic');
      assert.equal(removed?.provider, 'anthropic');
      assert.equal(await creds.remove(org, 'anthropic'), null);
      assert.deepEqual(
        (await creds.list(org)).map((c) => c.provider),
        ['openai'],
      );
    });

    test('credentialFor: null without a key, the key once set, answered from memory once known', async () => {
      const keys = new EncryptionKeys({ key: b64key(), keyFile: join(env.dataDir, 'unused') });
      const creds = await credentials(keys);
      const org = await makeOrg(env.store, 'hot');
      assert.equal(await creds.credentialFor(org, 'openai'), null);
      assert.equal(creds.credentialFor(org, 'openai'), null, 'the absence is cached too (synchronous)');
      await creds.set(org, 'openai', SECRET_A, 'cli');
      assert.equal(await creds.credentialFor(org, 'openai'), SECRET_A);
      assert.equal(creds.credentialFor(org, 'openai'), SECRET_A, 'synchronous once known');
      // another org's traffic never gets it
      const other = await makeOrg(env.store, 'hot-other');
      assert.equal(await creds.credentialFor(other, 'openai'), null);
    });

    test('a change on one instance is seen by every instance (channel byok)', async () => {
      const material = { key: b64key(), keyFile: join(env.dataDir, 'unused') };
      const one = await credentials(new EncryptionKeys(material));
      const two = await credentials(new EncryptionKeys(material));
      const org = await makeOrg(env.store, 'spread');
      await one.set(org, 'openai', SECRET_A, 'cli');
      assert.equal(await two.credentialFor(org, 'openai'), SECRET_A);
      assert.equal(two.credentialFor(org, 'openai'), SECRET_A, 'cached on instance two');

      await one.set(org, 'openai', SECRET_B, 'cli');
      await eventually(async () => (await two.credentialFor(org, 'openai')) === SECRET_B, 'the replaced key');
      await one.remove(org, 'openai');
      await eventually(async () => (await two.credentialFor(org, 'openai')) === null, 'the removal');
      // and the message names the org and provider
      const { shared } = await env.connect();
      const seen: string[] = [];
      const unsubscribe = await shared.subscribe(BYOK_CHANNEL, (m) => seen.push(m));
      await one.set(org, 'google', SECRET_A, 'cli');
      await eventually(() => seen.length > 0, 'the invalidation message');
      assert.deepEqual(JSON.parse(seen[0]!), { orgId: org, provider: 'google' });
      assert.ok(!seen[0]!.includes(SECRET_A));
      await unsubscribe();
    });

    test('a sealed row copied to another org does not open there', async () => {
      const keys = new EncryptionKeys({ key: b64key(), keyFile: join(env.dataDir, 'unused') });
      const creds = await credentials(keys);
      const victim = await makeOrg(env.store, 'victim');
      const thief = await makeOrg(env.store, 'thief');
      await creds.set(victim, 'openai', SECRET_A, 'cli');
      const row = await env.store.db
        .selectFrom('provider_credentials')
        .selectAll()
        .where('org_id', '=', victim)
        .executeTakeFirstOrThrow();
      await env.store.db
        .insertInto('provider_credentials')
        .values({
          ...row,
          id: newId('pcred'),
          org_id: thief,
          created_at: int8ToNumber(row.created_at),
          updated_at: int8ToNumber(row.updated_at),
        })
        .execute();
      await assert.rejects(
        async () => creds.credentialFor(thief, 'openai'),
        isGatewayError('internal', 'byok_key_unreadable'),
      );
      // nor as another provider of the same org
      await env.store.db
        .updateTable('provider_credentials')
        .set({ provider: 'anthropic' })
        .where('org_id', '=', thief)
        .execute();
      await assert.rejects(
        async () => creds.credentialFor(thief, 'anthropic'),
        isGatewayError('internal', 'byok_key_unreadable'),
      );
      assert.equal(await creds.credentialFor(victim, 'openai'), SECRET_A);
    });

    test('master key rotation: previous key still opens, reencryptAll re-seals, then the new key alone opens', async () => {
      // rows of the earlier tests are sealed under keys this test does not hold
      await env.store.db.deleteFrom('provider_credentials').execute();
      const key1 = b64key();
      const key2 = b64key();
      const keyFile = join(env.dataDir, 'unused');
      const before = await credentials(new EncryptionKeys({ key: key1, keyFile }));
      const org = await makeOrg(env.store, 'rotate');
      await before.set(org, 'openai', SECRET_A, 'cli');
      await before.set(org, 'anthropic', SECRET_B, 'cli');

      // restart with key2 as current and key1 as previous
      const rotating = new EncryptionKeys({ key: key2, previousKey: key1, keyFile });
      const during = await credentials(rotating);
      assert.equal(await during.credentialFor(org, 'openai'), SECRET_A);
      // only without key1 does it fail, with a message that says what to do
      const newOnly = await credentials(new EncryptionKeys({ key: key2, keyFile }));
      await assert.rejects(
        async () => newOnly.credentialFor(org, 'openai'),
        (e: unknown) =>
          isGatewayError('internal', 'byok_key_unavailable')(e) &&
          /SWITCHYARD_ENCRYPTION_KEY/.test((e as Error).message),
      );

      const resealed = await during.reencryptAll();
      assert.ok(resealed >= 2, `re-sealed ${resealed}`);
      assert.equal(await during.reencryptAll(), 0, 'nothing left under the old key');
      for (const c of await during.list(org)) assert.equal(c.key_id, rotating.current().id);

      const after = await credentials(new EncryptionKeys({ key: key2, keyFile }));
      assert.equal(await after.credentialFor(org, 'openai'), SECRET_A);
      assert.equal(await after.credentialFor(org, 'anthropic'), SECRET_B);
      const oldOnly = await credentials(new EncryptionKeys({ key: key1, keyFile }));
      await assert.rejects(async () => oldOnly.credentialFor(org, 'openai'), isGatewayError('internal'));
    });

    test('reencryptAll re-seals what it can and reports rows under a key it does not have', async () => {
      const keyFile = join(env.dataDir, 'unused');
      const stranger = await credentials(new EncryptionKeys({ key: b64key(), keyFile }));
      const org = await makeOrg(env.store, 'stranded');
      await stranger.set(org, 'openai', SECRET_A, 'cli');
      const mine = await credentials(new EncryptionKeys({ key: b64key(), keyFile }));
      await assert.rejects(mine.reencryptAll(), isGatewayError('internal', 'byok_reencrypt_incomplete'));
      await env.store.db.deleteFrom('provider_credentials').where('org_id', '=', org).execute();
    });
  });
}

test('the embedded database file never holds a provider key in clear', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-byok-bytes-'));
  const store = await openStore({ dataDir });
  const shared = new MemorySharedState({ sweepIntervalMs: 0 });
  try {
    // the default: no configured key, the key file is made in the data directory
    const keys = new EncryptionKeys({ keyFile: join(dataDir, 'encryption-key') });
    const creds = new ProviderCredentials(store.db, keys, shared, { knownProviders: PROVIDERS });
    const org = await makeOrg(store, 'bytes');
    await creds.set(org, 'openai', SECRET_A, 'cli');
    await creds.set(org, 'anthropic', SECRET_B, 'cli');
    assert.equal(keys.createdKeyFile, true);
    assert.equal(await creds.credentialFor(org, 'openai'), SECRET_A);
    const sealed = await store.db.selectFrom('provider_credentials').select('ciphertext').execute();
    await store.close();
    const bytes = ['', '-wal', '-shm']
      .map((suffix) => {
        try {
          return readFileSync(join(dataDir, SQLITE_FILE + suffix));
        } catch {
          return Buffer.alloc(0);
        }
      })
      .reduce((a, b) => Buffer.concat([a, b]));
    // the file really holds the rows: their sealed form is there
    assert.equal(sealed.length, 2);
    for (const row of sealed) assert.notEqual(bytes.indexOf(row.ciphertext), -1);
    // the hint (last 4) is stored by design; no longer run of the secret is
    for (const secret of [SECRET_A, SECRET_B]) {
      assert.equal(bytes.indexOf(secret), -1);
      assert.equal(bytes.indexOf(secret.slice(0, 12)), -1);
      assert.equal(bytes.indexOf(secret.slice(-12)), -1);
      assert.equal(bytes.indexOf(Buffer.from(secret).toString('base64').slice(0, 16)), -1);
    }
  } finally {
    await shared.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('without shared messages (another process on the same file, e.g. the CLI) a cached answer expires', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-byok-ttl-'));
  const store = await openStore({ dataDir });
  // two processes: each its own in-process shared state, so no message passes between them
  const gatewayState = new MemorySharedState({ sweepIntervalMs: 0 });
  const cliState = new MemorySharedState({ sweepIntervalMs: 0 });
  let clock = 1_000_000;
  const keys = { key: b64key(), keyFile: join(dataDir, 'unused') };
  const gateway = new ProviderCredentials(store.db, new EncryptionKeys(keys), gatewayState, {
    knownProviders: PROVIDERS,
    now: () => clock,
  });
  const cli = new ProviderCredentials(store.db, new EncryptionKeys(keys), cliState, {
    knownProviders: PROVIDERS,
  });
  try {
    await gateway.start();
    const org = await makeOrg(store, 'ttl');
    assert.equal(await gateway.credentialFor(org, 'openai'), null);
    await cli.set(org, 'openai', SECRET_A, 'cli');
    assert.equal(gateway.credentialFor(org, 'openai'), null, 'still the cached answer');
    clock += 4_999;
    assert.equal(gateway.credentialFor(org, 'openai'), null);
    clock += 2;
    assert.equal(await gateway.credentialFor(org, 'openai'), SECRET_A, 'read again after 5 s');
    await cli.remove(org, 'openai');
    clock += 5_001;
    assert.equal(await gateway.credentialFor(org, 'openai'), null);
  } finally {
    await gateway.close();
    await cli.close();
    await gatewayState.close();
    await cliState.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
