// The kept Responses answers on both backends: who may read them, when they expire, retention
// from the key, its org or the config.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachBackend } from '../../test/support/stores.js';
import type { Principal } from '../auth/index.js';
import type { KeyGrant } from '../auth/principal.js';
import { ResponsesStore, type StoredResponse } from './responses-store.js';

const DAY = 86_400_000;

function virtual(keyId: string, orgId: string): Principal {
  return {
    id: keyId,
    name: keyId,
    kind: 'virtual',
    canUseModel: () => true,
    grant: { keyId, orgId } as KeyGrant,
  };
}
const configKey = (name: string): Principal => ({
  id: `key:${name}`,
  name,
  kind: 'key',
  canUseModel: () => true,
});

const answer = (id: string, createdAt: number): StoredResponse => ({
  id,
  provider: 'anthropic',
  model: 'anthropic/claude-haiku-4-5',
  mode: 'translated',
  input: [{ role: 'user', content: 'hi' }],
  response: { id, object: 'response', status: 'completed', output: [] },
  createdAt,
});

for (const backend of eachBackend()) {
  test(`kept answers: retention, ownership, expiry and the sweep (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    try {
      const db = b.store.db;
      const now = { t: 1_800_000_000_000 };
      for (const [id, days] of [
        ['org_keep', 7],
        ['org_zero', null],
      ] as const)
        await db
          .insertInto('orgs')
          .values({ id, name: id, slug: id, retention_days: days, created_at: now.t })
          .execute();
      const key = (id: string, org: string, days: number | null) =>
        db
          .insertInto('api_keys')
          .values({
            id,
            org_id: org,
            team_id: null,
            project_id: null,
            user_id: null,
            name: id,
            prefix: id,
            key_hash: id.padEnd(64, '0'),
            models: null,
            providers: null,
            endpoints: null,
            ip_allowlist: null,
            tags: null,
            metadata: null,
            rpm_limit: null,
            tpm_limit: null,
            max_concurrency: null,
            expires_at: null,
            revoked_at: null,
            rotated_from: null,
            created_by: null,
            created_at: now.t,
            last_used_at: null,
            retention_days: days,
          })
          .execute();
      await key('key_a', 'org_keep', null);
      await key('key_b', 'org_keep', 1);
      await key('key_c', 'org_zero', null);
      await key('key_d', 'org_zero', 3);
      const store = new ResponsesStore(db, { configRetentionDays: 2, now: () => now.t });
      const a = virtual('key_a', 'org_keep');
      const sameOrg = virtual('key_b', 'org_keep');
      const zero = virtual('key_c', 'org_zero');
      const optIn = virtual('key_d', 'org_zero');
      assert.equal(await store.retentionDays(a), 7, "the org's");
      assert.equal(await store.retentionDays(sameOrg), 1, "the key's own, over the org's");
      assert.equal(await store.retentionDays(zero), null, 'zero retention');
      assert.equal(await store.retentionDays(optIn), 3, 'a key opts in');
      assert.equal(await store.retentionDays(configKey('ci')), 2, "the config's, for config keys");
      assert.equal(await new ResponsesStore(db).retentionDays(configKey('ci')), null);

      await store.save(a, 7, answer('resp_1', now.t));
      assert.equal((await store.get(sameOrg, 'resp_1'))?.response.id, 'resp_1', 'the same org reads it');
      assert.equal(await store.get(optIn, 'resp_1'), undefined, 'another org does not');
      assert.equal(await store.get(configKey('ci'), 'resp_1'), undefined, 'nor a config key');
      assert.deepEqual((await store.get(a, 'resp_1'))?.input, [{ role: 'user', content: 'hi' }]);

      await store.save(configKey('ci'), 2, answer('resp_2', now.t));
      assert.ok(await store.get(configKey('ci'), 'resp_2'));
      assert.equal(await store.get(configKey('other'), 'resp_2'), undefined, "another config key's");
      assert.equal(await store.get(a, 'resp_2'), undefined);

      now.t += 3 * DAY;
      assert.equal(await store.get(configKey('ci'), 'resp_2'), undefined, 'expired after 2 days');
      assert.ok(await store.get(a, 'resp_1'), 'still within 7 days');
      assert.equal(await store.sweep(), 1);
      assert.equal(await store.delete(optIn, 'resp_1'), false, 'another org cannot delete it');
      assert.equal(await store.delete(a, 'resp_1'), true);
      assert.equal(await store.get(a, 'resp_1'), undefined);
      await store.close();
    } finally {
      await b.cleanup();
    }
  });

  test(`a failed write is reported, never thrown at the caller (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    try {
      const errors: string[] = [];
      const store = new ResponsesStore(b.store.db, { onError: (_e, what) => errors.push(what) });
      // the table is gone: every write fails
      await b.store.db.schema.dropTable('responses').execute();
      await store.save(virtual('key_x', 'org_none'), 1, answer('resp_x', Date.now()));
      assert.deepEqual(errors, ['keeping a response failed']);
      await store.close();
    } finally {
      await b.cleanup();
    }
  });
}
