// Virtual keys through the admin API, as users call it: created once and shown once, never
// answered or audited with the key or its hash; revocation reaches another instance's
// authenticator (its own database connection and shared-state client) within a second; rotation
// keeps the old key for the overlap; a disabled owner's keys stop; and one org never sees or
// changes another's keys, even by guessing ids.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashKey, VirtualKeyAuthenticator } from '../../src/keys/index.js';
import { eachBackend } from '../support/stores.js';
import { type AdminTestApp, buildAdminTestApp, MASTER_TOKEN, userToken } from './admin-app.js';

async function call(t: AdminTestApp, token: string, method: string, url: string, body?: unknown) {
  const r = await t.app.inject({
    method: method as 'GET',
    url: `/admin/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null, text: r.body };
}

/** waits until check() holds, up to `ms` */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(20);
  }
  return Date.now() - start;
}

for (const backend of eachBackend()) {
  test(`keys: create, revoke across instances, rotate, disable, isolation (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const other = await b.connect();
    const t = await buildAdminTestApp({ db: b.store.db, shared: b.shared });
    const authA = new VirtualKeyAuthenticator(b.store.db, b.shared);
    const authB = new VirtualKeyAuthenticator(other.store.db, other.shared);
    await authA.start();
    await authB.start();
    try {
      const { orgs, users, memberships, projects } = t.services;
      const orgA = await orgs.create({ name: 'A' });
      const orgB = await orgs.create({ name: 'B' });
      const alice = await users.createLocal({ email: 'alice@example.com', name: 'Alice' });
      const bob = await users.createLocal({ email: 'bob@example.com', name: 'Bob' });
      const eve = await users.createLocal({ email: 'eve@example.com', name: 'Eve' });
      await memberships.add({ userId: alice.id, orgId: orgA.id, role: 'member' });
      await memberships.add({ userId: bob.id, orgId: orgA.id, role: 'member' });
      await memberships.add({ userId: eve.id, orgId: orgB.id, role: 'owner' });
      const projectB = await projects.create(orgB.id, 'B project', null);

      // created once, shown once
      const created = await call(t, userToken(alice.id), 'POST', `/orgs/${orgA.id}/keys`, {
        name: 'laptop',
        models: ['sim/*'],
        endpoints: ['chat.completions'],
        ip_allowlist: ['10.0.0.0/8'],
        rpm_limit: 10,
        tags: ['dev'],
      });
      assert.equal(created.status, 201, created.text);
      const key: string = created.body.key;
      assert.match(key, /^sk-sy-[A-Za-z0-9]{32}$/);
      assert.equal(created.body.prefix, key.slice(0, 12));
      assert.equal(created.body.user_id, alice.id);
      const keyId: string = created.body.id;
      const read = await call(t, MASTER_TOKEN, 'GET', `/keys/${keyId}`);
      assert.equal(read.status, 200);
      assert.ok(!read.text.includes(key) && !read.text.includes(hashKey(key)), 'no key or hash when read');
      const mine = await call(t, userToken(alice.id), 'GET', '/me/keys');
      assert.deepEqual(
        mine.body.data.map((k: { id: string }) => k.id),
        [keyId],
      );

      // both instances accept it, with its grant
      const pa = await authA.authenticate(key);
      assert.equal(pa?.kind, 'virtual');
      assert.equal(pa?.grant?.orgId, orgA.id);
      assert.equal(pa?.grant?.userId, alice.id);
      assert.deepEqual(pa?.grant?.ipAllowlist, ['10.0.0.0/8']);
      assert.equal(pa?.grant?.rpmLimit, 10);
      assert.ok(pa?.canUseModel('sim/fast'));
      assert.equal(pa?.canUseModel('openai/gpt-4o'), false);
      assert.equal((await authB.authenticate(key))?.id, keyId);
      assert.equal(authB.authenticate(key), authB.authenticate(key), 'a cached key answers synchronously');

      // isolation: Eve (owner of org B) neither sees nor changes org A's key, even knowing its id
      for (const [method, url, body] of [
        ['GET', `/keys/${keyId}`],
        ['PATCH', `/keys/${keyId}`, { name: 'mine now' }],
        ['DELETE', `/keys/${keyId}`],
        ['POST', `/keys/${keyId}/rotate`, {}],
        ['GET', `/orgs/${orgA.id}/keys`],
        ['POST', `/orgs/${orgA.id}/keys`, { name: 'x' }],
        ['GET', `/orgs/${orgA.id}`],
        ['GET', `/orgs/${orgA.id}/audit`],
      ] as const) {
        const r = await call(t, userToken(eve.id), method, url, body);
        assert.equal(r.status, 404, `${method} ${url} as an outsider: ${r.text}`);
      }
      // nor can org A's member attach a key to org B's project
      const cross = await call(t, MASTER_TOKEN, 'POST', `/orgs/${orgA.id}/keys`, {
        name: 'x',
        project_id: projectB.id,
      });
      assert.equal(cross.status, 404);
      // a member manages only their own keys
      const bobs = await call(t, userToken(bob.id), 'PATCH', `/keys/${keyId}`, { name: 'bob was here' });
      assert.equal(bobs.status, 403);
      const bobFor = await call(t, userToken(bob.id), 'POST', `/orgs/${orgA.id}/keys`, {
        name: 'x',
        user_id: alice.id,
      });
      assert.equal(bobFor.status, 403);

      // revoked through one instance → refused by the other within a second
      const revoked = await call(t, userToken(alice.id), 'DELETE', `/keys/${keyId}`);
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.status, 'revoked');
      const took = await within(1000, async () => (await authB.authenticate(key)) === null);
      assert.ok(took < 1000);
      assert.equal(await authA.authenticate(key), null);

      // the audit log has the prefix, never the key or its hash
      const audit = await call(t, MASTER_TOKEN, 'GET', `/orgs/${orgA.id}/audit?action=keys.*`);
      assert.deepEqual(
        audit.body.data.map((e: { action: string }) => e.action),
        ['keys.revoke', 'keys.create'],
      );
      assert.ok(audit.text.includes(key.slice(0, 12)));
      assert.ok(
        !audit.text.includes(key) && !audit.text.includes(hashKey(key)),
        'no key or hash in the audit log',
      );
      assert.equal(audit.body.data[0].actor, `user:${alice.id}`);

      // rotation: the new key works at once; the old one until its overlap ends
      const k2 = await call(t, userToken(alice.id), 'POST', `/orgs/${orgA.id}/keys`, {
        name: 'ci',
        rpm_limit: 5,
      });
      const oldKey: string = k2.body.key;
      assert.ok(await authB.authenticate(oldKey));
      const rotated = await call(t, userToken(alice.id), 'POST', `/keys/${k2.body.id}/rotate`, {
        overlap_seconds: 1,
      });
      assert.equal(rotated.status, 201, rotated.text);
      assert.equal(rotated.body.rotated_from, k2.body.id);
      assert.equal(rotated.body.rpm_limit, 5);
      assert.notEqual(rotated.body.key, oldKey);
      assert.ok(await authB.authenticate(rotated.body.key));
      assert.ok(await authB.authenticate(oldKey), 'the old key works during the overlap');
      await within(2500, async () => (await authB.authenticate(oldKey)) === null);
      assert.ok(await authB.authenticate(rotated.body.key));

      // a disabled owner's keys stop on every instance; enabled again, they work again
      const live: string = rotated.body.key;
      assert.equal(
        (await call(t, MASTER_TOKEN, 'PATCH', `/users/${alice.id}`, { disabled: true })).status,
        200,
      );
      await within(1000, async () => (await authB.authenticate(live)) === null);
      assert.equal(
        (await call(t, userToken(alice.id), 'GET', '/me')).status,
        401,
        'a disabled user has no identity',
      );
      assert.equal(
        (await call(t, MASTER_TOKEN, 'PATCH', `/users/${alice.id}`, { disabled: false })).status,
        200,
      );
      // the unknown-key memory lasts at most 5 s
      await within(6000, async () => (await authB.authenticate(live)) !== null);
    } finally {
      await authA.close();
      await authB.close();
      await t.close();
      await b.cleanup();
    }
  });
}
