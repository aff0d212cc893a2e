import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadProviderPresets } from '../catalog/index.js';
import { resolveConfig } from '../config/index.js';
import { buildProviders } from './build-providers.js';
import { vertexBaseUrl } from './vertex-provider.js';

const presets = loadProviderPresets();
const build = (file: unknown, env: Record<string, string>) =>
  buildProviders(resolveConfig(file, env), presets, env);
const dir = mkdtempSync(join(tmpdir(), 'sy-vertex-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const keyPath = join(dir, 'sa.json');
writeFileSync(
  keyPath,
  JSON.stringify({
    type: 'service_account',
    project_id: 'from-key',
    client_email: 'a@from-key.iam.gserviceaccount.com',
    private_key: generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey,
  }),
);

test('Vertex base URLs: regional hosts, and the global one', () => {
  assert.equal(
    vertexBaseUrl('p1', 'europe-west4', 'google'),
    'https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4/publishers/google',
  );
  assert.equal(
    vertexBaseUrl('p1', 'global', 'anthropic'),
    'https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/anthropic',
  );
});

test('GOOGLE_VERTEX_PROJECT + a key file switch both presets on, with a token per request', () => {
  const r = build({}, { GOOGLE_VERTEX_PROJECT: 'proj', GOOGLE_APPLICATION_CREDENTIALS: keyPath });
  const g = r.providers.find((p) => p.id === 'google-vertex')!;
  const a = r.providers.find((p) => p.id === 'google-vertex-anthropic')!;
  assert.equal(
    g.baseUrl,
    'https://us-central1-aiplatform.googleapis.com/v1/projects/proj/locations/us-central1/publishers/google',
  );
  assert.equal(a.protocol, 'vertex-anthropic');
  assert.match(a.baseUrl, /\/publishers\/anthropic$/);
  assert.equal(typeof g.authorize, 'function');
  assert.deepEqual(g.authHeaders, {});
});

test("the project defaults to the key file's; a project without a key is a note; a bad file an error", () => {
  const r = build(
    { providers: { 'google-vertex': { vertex: { credentials_file: keyPath, location: 'global' } } } },
    {},
  );
  assert.equal(
    r.providers.find((p) => p.id === 'google-vertex')!.baseUrl,
    'https://aiplatform.googleapis.com/v1/projects/from-key/locations/global/publishers/google',
  );
  const noted = build({}, { GOOGLE_VERTEX_PROJECT: 'proj' });
  assert.equal(noted.providers.length, 0);
  assert.ok(
    noted.notes.some((n) => /google-vertex: GOOGLE_VERTEX_PROJECT is set but no service-account key/.test(n)),
  );
  writeFileSync(join(dir, 'bad.json'), '{"type":"authorized_user"}');
  assert.throws(
    () =>
      build({ providers: { 'google-vertex': { vertex: { credentials_file: join(dir, 'bad.json') } } } }, {}),
    /bad\.json is not a service-account key file/,
  );
});
