import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AdminIdentity, OrgRole } from '../admin/admin-router.js';
import { can, hasRoleInOrg } from './permissions.js';

const id = (
  orgRoles: [string, OrgRole][] = [],
  teamRoles: [string, { orgId: string; role: OrgRole }][] = [],
  superadmin = false,
): AdminIdentity => ({
  actor: 'user:x',
  userId: 'x',
  superadmin,
  orgRoles: new Map(orgRoles),
  teamRoles: new Map(teamRoles),
});
const org = (orgId: string, teamId?: string) => ({ kind: 'org' as const, orgId, teamId });
const instance = { kind: 'instance' as const };

test('superadmins may do everything, everywhere', () => {
  const root = id([], [], true);
  assert.ok(can(root, 'instance.manage', instance));
  assert.ok(can(root, 'org.delete', org('org_any')));
});

test('instance permissions belong to no role; self to everyone', () => {
  const owner = id([['org_a', 'owner']]);
  assert.equal(can(owner, 'instance.read', instance), false);
  assert.equal(can(owner, 'instance.manage', org('org_a')), false);
  assert.ok(can(id(), 'self', instance));
});

test('an org role applies in its org only', () => {
  const admin = id([['org_a', 'admin']]);
  assert.ok(can(admin, 'keys.manage', org('org_a')));
  assert.ok(can(admin, 'keys.manage', org('org_a', 'team_1')));
  assert.equal(can(admin, 'keys.manage', org('org_b')), false);
  assert.equal(can(admin, 'org.delete', org('org_a')), false);
  assert.equal(can(admin, 'billing.manage', org('org_a')), false);
});

test('member, billing and viewer hold what the table gives them', () => {
  const m = id([['o', 'member']]);
  assert.ok(can(m, 'keys.own', org('o')));
  assert.equal(can(m, 'keys.read', org('o')), false);
  const b = id([['o', 'billing']]);
  assert.ok(can(b, 'billing.manage', org('o')));
  assert.equal(can(b, 'keys.own', org('o')), false);
  const v = id([['o', 'viewer']]);
  assert.ok(can(v, 'keys.read', org('o')));
  assert.equal(can(v, 'keys.own', org('o')), false);
  assert.equal(can(v, 'audit.read', org('o')), false);
});

test('a team role applies to objects of its team only, plus org.read of its org', () => {
  const t = id([], [['team_1', { orgId: 'o', role: 'admin' }]]);
  assert.ok(can(t, 'keys.manage', org('o', 'team_1')));
  assert.equal(can(t, 'keys.manage', org('o', 'team_2')), false);
  assert.equal(can(t, 'keys.manage', org('o')), false);
  assert.ok(can(t, 'org.read', org('o')));
  assert.equal(can(t, 'org.read', org('p')), false);
  // a team id claimed under another org does not carry the role there
  assert.equal(can(t, 'keys.manage', org('p', 'team_1')), false);
  assert.ok(hasRoleInOrg(t, 'o'));
  assert.equal(hasRoleInOrg(t, 'p'), false);
});
