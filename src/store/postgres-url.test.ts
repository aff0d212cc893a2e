import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePostgresUrl, searchPathOptions } from './postgres-url.js';

test('parsePostgresUrl: a URL without a schema passes unchanged', () => {
  const url = 'postgres://u:p%40ss@db:5432/app?sslmode=require';
  assert.deepEqual(parsePostgresUrl(url), { connectionString: url });
});

test('parsePostgresUrl: ?schema= is taken out, other parameters stay; options are kept to merge', () => {
  const r = parsePostgresUrl(
    'postgresql://u:p@db/app?schema=tenant_a&sslmode=require&options=-c%20work_mem%3D64MB',
  );
  assert.equal(r.schema, 'tenant_a');
  assert.equal(r.options, '-c work_mem=64MB');
  assert.equal(r.connectionString, 'postgresql://u:p@db/app?sslmode=require');
  assert.equal(searchPathOptions('tenant_a', r.options), '-c work_mem=64MB -c search_path=tenant_a');
});

test('parsePostgresUrl: refuses other schemes and unsafe schema names, without echoing the URL', () => {
  assert.throws(
    () => parsePostgresUrl('mysql://u:secret@db/app'),
    (e: Error) => !e.message.includes('secret'),
  );
  assert.throws(() => parsePostgresUrl('postgres://u:p@db/app?schema=a;drop'), /schema/);
  assert.throws(() => parsePostgresUrl('postgres://u:p@db/app?schema=Upper'), /schema/);
  assert.throws(() => parsePostgresUrl('not a url'), /not a valid URL/);
});
