import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupsFromClaim, type ResolvedMapping, ssoMemberships } from './sso-role-mappings.js';

const mappings: ResolvedMapping[] = [
  { group: 'staff', orgId: 'org_a', teamId: null, role: 'member' },
  { group: 'owners', orgId: 'org_a', teamId: null, role: 'owner' },
  { group: 'finance', orgId: 'org_a', teamId: null, role: 'billing' },
  { group: 'ops', orgId: 'org_a', teamId: 'team_x', role: 'viewer' },
  { group: 'ops-leads', orgId: 'org_a', teamId: 'team_x', role: 'admin' },
  { group: 'beta', orgId: 'org_b', teamId: null, role: 'viewer' },
];

test('each org and team gets the strongest role among the groups that map to it', () => {
  assert.deepEqual(ssoMemberships(new Set(['staff', 'owners', 'ops']), mappings), [
    { orgId: 'org_a', teamId: null, role: 'owner' },
    { orgId: 'org_a', teamId: 'team_x', role: 'viewer' },
  ]);
  assert.deepEqual(ssoMemberships(new Set(['staff', 'finance', 'ops-leads', 'ops', 'beta']), mappings), [
    { orgId: 'org_a', teamId: null, role: 'billing' },
    { orgId: 'org_a', teamId: 'team_x', role: 'admin' },
    { orgId: 'org_b', teamId: null, role: 'viewer' },
  ]);
});

test('groups that map to nothing give nothing', () => {
  assert.deepEqual(ssoMemberships(new Set(['marketing']), mappings), []);
  assert.deepEqual(ssoMemberships(new Set(), mappings), []);
});

test('the groups claim may be a list or a lone string; anything else is no groups', () => {
  assert.deepEqual([...groupsFromClaim(['a', 'b', 3, null, 'a'])], ['a', 'b']);
  assert.deepEqual([...groupsFromClaim('solo')], ['solo']);
  assert.deepEqual([...groupsFromClaim(undefined)], []);
  assert.deepEqual([...groupsFromClaim({ a: 1 })], []);
});
