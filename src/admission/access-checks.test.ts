import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyGrant } from '../auth/index.js';
import { GatewayError } from '../canonical/index.js';
import { addressAllowed, checkAccess } from './access-checks.js';

const grant = (over: Partial<KeyGrant> = {}): KeyGrant => ({
  keyId: 'key_1',
  orgId: 'org_1',
  teamId: null,
  projectId: null,
  userId: null,
  providers: null,
  endpoints: null,
  ipAllowlist: null,
  expiresAt: null,
  rpmLimit: null,
  tpmLimit: null,
  maxConcurrency: null,
  tags: [],
  ...over,
});

const statusOf = (fn: () => void) => {
  try {
    fn();
    return 0;
  } catch (e) {
    assert.ok(e instanceof GatewayError);
    return e.status;
  }
};

test('an expired key is refused with 401; one expiring later passes', () => {
  assert.equal(
    statusOf(() => checkAccess(grant({ expiresAt: 1000 }), 'messages', '127.0.0.1', 1000)),
    401,
  );
  assert.equal(
    statusOf(() => checkAccess(grant({ expiresAt: 1001 }), 'messages', '127.0.0.1', 1000)),
    0,
  );
});

test('endpoints outside the key scope are refused with 403', () => {
  const g = grant({ endpoints: new Set(['embeddings']) });
  assert.equal(
    statusOf(() => checkAccess(g, 'chat.completions', undefined, 0)),
    403,
  );
  assert.equal(
    statusOf(() => checkAccess(g, 'embeddings', undefined, 0)),
    0,
  );
});

test('IP allowlists match addresses and subnets, IPv4-mapped IPv6 included', () => {
  const g = grant({ ipAllowlist: ['10.1.0.0/16', '192.168.1.7', '2001:db8::/32'] });
  assert.equal(addressAllowed(g, '10.1.200.3'), true);
  assert.equal(addressAllowed(g, '::ffff:10.1.0.9'), true);
  assert.equal(addressAllowed(g, '10.2.0.1'), false);
  assert.equal(addressAllowed(g, '192.168.1.7'), true);
  assert.equal(addressAllowed(g, '192.168.1.8'), false);
  assert.equal(addressAllowed(g, '2001:db8:1::5'), true);
  assert.equal(addressAllowed(g, '2001:db9::5'), false);
  assert.equal(addressAllowed(g, undefined), false);
  assert.equal(
    statusOf(() => checkAccess(g, 'messages', '10.2.0.1', 0)),
    403,
  );
  assert.equal(addressAllowed(grant(), '8.8.8.8'), true);
});
