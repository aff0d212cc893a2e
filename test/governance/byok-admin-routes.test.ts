// The BYOK admin routes through the real admin API: who may list, set and remove an org's
// provider keys, that answers and audit entries carry the hint and never the key, and that
// re-encryption is an instance action.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AdminIdentity, OrgRole } from '../../src/admin/index.js';
import { createAdminRouter, registerAdminApi } from '../../src/admin/index.js';
import { AuditLog } from '../../src/audit/index.js';
import { registerByokAdminRoutes } from '../../src/byok/byok-admin-routes.js';
import { EncryptionKeys } from '../../src/byok/encryption-keys.js';
import { ProviderCredentials } from '../../src/byok/provider-credentials.js';
import { MemorySharedState } from '../../src/shared-state/index.js';
import { openStore, type Store } from '../../src/store/index.js';

const SECRET = `sk-proj-${randomBytes(20).toString('hex')}`;
const ORG = 'org_byok_a';
const OTHER = 'org_byok_b';

const identity = (actor: string, role?: OrgRole, org = ORG, superadmin = false): AdminIdentity => ({
  actor,
  userId: null,
  superadmin,
  orgRoles: new Map(role ? [[org, role]] : []),
  teamRoles: new Map(),
});
const TOKENS: Record<string, AdminIdentity> = {
  root: identity('master', undefined, ORG, true),
  owner: identity('user:owner', 'owner'),
  admin: identity('user:admin', 'admin'),
  member: identity('user:member', 'member'),
  billing: identity('user:billing', 'billing'),
  viewer: identity('user:viewer', 'viewer'),
  outsider: identity('user:outsider', 'owner', OTHER),
};

let dir: string;
let store: Store;
let shared: MemorySharedState;
let credentials: ProviderCredentials;
let audit: AuditLog;
let app: FastifyInstance;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-byok-admin-'));
  store = await openStore({ dataDir: dir });
  for (const id of [ORG, OTHER])
    await store.db
      .insertInto('orgs')
      .values({
        id,
        name: id,
        slug: id.replace(/_/g, '-'),
        retention_days: null,
        byok_fee_bps: 0,
        discount_bps: 0,
        prepaid: 0,
        created_at: Date.now(),
      })
      .execute();
  shared = new MemorySharedState({ sweepIntervalMs: 0 });
  credentials = new ProviderCredentials(
    store.db,
    new EncryptionKeys({ key: randomBytes(32).toString('base64'), keyFile: join(dir, 'encryption-key') }),
    shared,
    { knownProviders: new Set(['openai', 'anthropic']) },
  );
  await credentials.start();
  audit = new AuditLog(store.db);
  const router = createAdminRouter();
  registerByokAdminRoutes(router, { db: store.db, credentials });
  app = Fastify();
  registerAdminApi(app, { router, audit, identify: async (t) => TOKENS[t] ?? null });
  await app.ready();
});

after(async () => {
  await app.close();
  await credentials.close();
  await shared.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (token: string, method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, body?: object) =>
  app.inject({
    method,
    url: `/admin/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body ? { payload: body } : {}),
  });

test('set: owner and admin may, member, billing and viewer may not, another org is not found', async () => {
  for (const token of ['member', 'billing', 'viewer'])
    assert.equal(
      (await call(token, 'PUT', `/orgs/${ORG}/provider-keys/openai`, { api_key: SECRET })).statusCode,
      403,
      token,
    );
  assert.equal(
    (await call('outsider', 'PUT', `/orgs/${ORG}/provider-keys/openai`, { api_key: SECRET })).statusCode,
    404,
  );
  assert.equal(
    (await call('root', 'PUT', '/orgs/org_nosuch/provider-keys/openai', { api_key: SECRET })).statusCode,
    404,
  );
  assert.deepEqual(await credentials.list(ORG), [], 'nothing stored by refused calls');

  const r = await call('owner', 'PUT', `/orgs/${ORG}/provider-keys/openai`, { api_key: SECRET });
  assert.equal(r.statusCode, 200, r.body);
  assert.ok(!r.body.includes(SECRET), 'the answer does not echo the key');
  assert.equal(r.json().hint, SECRET.slice(-4));
  assert.equal(r.json().created_by, 'user:owner');
  const again = await call('admin', 'PUT', `/orgs/${ORG}/provider-keys/openai`, { api_key: `${SECRET}x` });
  assert.equal(again.statusCode, 200);
  assert.equal(await credentials.credentialFor(ORG, 'openai'), `${SECRET}x`);
});

test('set: bad input is a 400 naming the problem', async () => {
  const unknown = await call('owner', 'PUT', `/orgs/${ORG}/provider-keys/nosuch`, { api_key: SECRET });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /unknown provider "nosuch"/);
  assert.equal((await call('owner', 'PUT', `/orgs/${ORG}/provider-keys/openai`, {})).statusCode, 400);
  assert.equal(
    (await call('owner', 'PUT', `/orgs/${ORG}/provider-keys/openai`, { api_key: SECRET, extra: 1 }))
      .statusCode,
    400,
  );
});

test('list: byok.read (viewer yes, member no), hints only', async () => {
  assert.equal((await call('member', 'GET', `/orgs/${ORG}/provider-keys`)).statusCode, 403);
  assert.equal((await call('outsider', 'GET', `/orgs/${ORG}/provider-keys`)).statusCode, 404);
  const r = await call('viewer', 'GET', `/orgs/${ORG}/provider-keys`);
  assert.equal(r.statusCode, 200);
  assert.ok(!r.body.includes(SECRET));
  assert.deepEqual(
    r.json().data.map((c: { provider: string; hint: string }) => [c.provider, c.hint]),
    [['openai', `${SECRET}x`.slice(-4)]],
  );
});

test('every change is audited with the hint, never the key', async () => {
  const page = await audit.list({ orgId: ORG });
  const actions = page.data.map((e) => `${e.actor} ${e.action}`).reverse();
  assert.deepEqual(actions, ['user:owner byok.create', 'user:admin byok.replace']);
  const text = JSON.stringify(page.data);
  assert.ok(!text.includes(SECRET), 'no key in the audit log');
  const replace = page.data[0]!;
  assert.equal((replace.before as { hint: string }).hint, SECRET.slice(-4));
  assert.equal((replace.after as { hint: string }).hint, `${SECRET}x`.slice(-4));
  assert.equal(replace.target_type, 'provider_credential');
});

test('remove: byok.manage; a second remove is 404; the org falls back to the gateway key', async () => {
  assert.equal((await call('viewer', 'DELETE', `/orgs/${ORG}/provider-keys/openai`)).statusCode, 403);
  const r = await call('admin', 'DELETE', `/orgs/${ORG}/provider-keys/openai`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().deleted, true);
  assert.equal((await call('admin', 'DELETE', `/orgs/${ORG}/provider-keys/openai`)).statusCode, 404);
  assert.equal(await credentials.credentialFor(ORG, 'openai'), null);
  const last = (await audit.list({ orgId: ORG })).data[0]!;
  assert.equal(last.action, 'byok.delete');
  assert.equal(last.after, null);
});

test('reencrypt: an instance action (owners may not), audited', async () => {
  assert.equal((await call('owner', 'POST', '/provider-keys/reencrypt')).statusCode, 403);
  const r = await call('root', 'POST', '/provider-keys/reencrypt');
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { reencrypted: 0 });
  const last = (await audit.list({ action: 'byok.reencrypt' })).data[0]!;
  assert.equal(last.actor, 'master');
});
