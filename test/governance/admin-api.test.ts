// The admin framework itself: authentication (401), validation (400, OpenAI error shape),
// scope → 404 for orgs the caller is not in, permission (403), audit bound to the caller,
// and the OpenAPI document generated from the route definitions.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Type as T } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { type AdminIdentity, createAdminRouter, registerAdminApi } from '../../src/admin/index.js';
import { AuditLog } from '../../src/audit/index.js';
import { GatewayError } from '../../src/canonical/index.js';
import { openStore, type Store } from '../../src/store/index.js';

const identity = (
  actor: string,
  orgRoles: [string, 'owner' | 'viewer'][] = [],
  superadmin = false,
): AdminIdentity => ({
  actor,
  userId: null,
  superadmin,
  orgRoles: new Map(orgRoles),
  teamRoles: new Map(),
});
const TOKENS: Record<string, AdminIdentity> = {
  root: identity('master', [], true),
  owner: identity('user:owner', [['org_a', 'owner']]),
  viewer: identity('user:viewer', [['org_a', 'viewer']]),
};

let dir: string;
let store: Store;
let app: FastifyInstance;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-admin-api-'));
  store = await openStore({ dataDir: dir });
  const audit = new AuditLog(store.db);
  const router = createAdminRouter();
  const names = new Map([['org_a', 'A']]);
  router.route<{ name: string }, Record<string, unknown>, { orgId: string }>({
    method: 'PATCH',
    url: '/things/:orgId',
    permission: 'org.manage',
    summary: 'Rename a thing',
    tags: ['things'],
    schema: {
      params: T.Object({ orgId: T.String() }),
      body: T.Object({ name: T.String({ minLength: 1 }) }, { additionalProperties: false }),
    },
    scope: (req) => {
      if (!names.has(req.params.orgId)) throw new GatewayError('not_found', 'No such thing');
      return { kind: 'org', orgId: req.params.orgId };
    },
    handler: async (req) => {
      const before = { name: names.get(req.params.orgId), password: 'x' };
      names.set(req.params.orgId, req.body.name);
      await req.audit({
        action: 'things.rename',
        orgId: req.params.orgId,
        before,
        after: { name: req.body.name },
      });
      return { name: req.body.name };
    },
  });
  app = Fastify();
  registerAdminApi(app, { router, audit, identify: async (t) => TOKENS[t] ?? null });
  await app.ready();
  (globalThis as { auditLog?: AuditLog }).auditLog = audit;
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (token: string | undefined, url: string, body?: unknown) =>
  app.inject({
    method: 'PATCH',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'user-agent': 'test-agent' },
    ...(body === undefined ? {} : { payload: body as object }),
  });

test('no token or an unknown token: 401 in the OpenAI error shape', async () => {
  for (const token of [undefined, 'nope']) {
    const r = await call(token, '/admin/v1/things/org_a', { name: 'B' });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.type, 'authentication_error');
  }
});

test('an invalid body: 400 invalid_request_error naming the field', async () => {
  const r = await call('owner', '/admin/v1/things/org_a', { name: 5 });
  assert.equal(r.statusCode, 400);
  const e = r.json().error;
  assert.equal(e.type, 'invalid_request_error');
  assert.match(e.message, /name/);
  assert.equal(e.param, 'body.name');
});

test('viewer: 403; an org without a role: 404; owner: 200 and audited without secrets', async () => {
  assert.equal((await call('viewer', '/admin/v1/things/org_a', { name: 'B' })).statusCode, 403);
  assert.equal((await call('owner', '/admin/v1/things/org_zzz', { name: 'B' })).statusCode, 404);
  const r = await call('owner', '/admin/v1/things/org_a', { name: 'B' });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { name: 'B' });
  const audit = (globalThis as { auditLog?: AuditLog }).auditLog!;
  const page = await audit.list({ orgId: 'org_a' });
  assert.equal(page.data.length, 1);
  const entry = page.data[0]!;
  assert.equal(entry.actor, 'user:owner');
  assert.equal(entry.action, 'things.rename');
  assert.equal(entry.user_agent, 'test-agent');
  assert.deepEqual(entry.before, { name: 'A' }, 'the password field is stripped');
  assert.deepEqual(entry.after, { name: 'B' });
});

test('the OpenAPI document lists the route with its schema, summary, tag and bearer security', async () => {
  const r = await app.inject({ method: 'GET', url: '/admin/v1/openapi.json' });
  assert.equal(r.statusCode, 200);
  const doc = r.json();
  assert.match(doc.openapi, /^3\./);
  assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
  const op = doc.paths['/admin/v1/things/{orgId}'].patch;
  assert.equal(op.summary, 'Rename a thing');
  assert.deepEqual(op.tags, ['things']);
  assert.ok(op.requestBody.content['application/json'].schema.properties.name);
  assert.equal(doc.paths['/admin/v1/openapi.json'], undefined);
});
