import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProviderPresets } from '../catalog/index.js';
import { resolveConfig } from '../config/index.js';
import { buildProviders } from './build-providers.js';

const presets = loadProviderPresets();
const build = (file: unknown, env: Record<string, string>) =>
  buildProviders(resolveConfig(file, env), presets, env);
const bedrock = (r: ReturnType<typeof build>) => r.providers.find((p) => p.id === 'amazon-bedrock');

test('AWS access keys and a region in the environment switch Bedrock on, signing each request', () => {
  const r = build(
    {},
    { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-central-1' },
  );
  const p = bedrock(r)!;
  assert.equal(p.protocol, 'bedrock');
  assert.equal(p.baseUrl, 'https://bedrock-runtime.eu-central-1.amazonaws.com');
  assert.deepEqual(p.authHeaders, {});
  assert.equal(typeof p.authorize, 'function');
  assert.equal(p.authWithKey, undefined);
});

test('a Bedrock API key wins and is sent as a bearer token; AWS_ENDPOINT_URL_BEDROCK_RUNTIME moves it', () => {
  const p = bedrock(
    build(
      {},
      {
        AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key',
        AWS_ACCESS_KEY_ID: 'AKID',
        AWS_SECRET_ACCESS_KEY: 's',
        AWS_DEFAULT_REGION: 'us-west-2',
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:9/',
      },
    ),
  )!;
  assert.deepEqual(p.authHeaders, { authorization: 'Bearer bedrock-key' });
  assert.equal(p.authorize, undefined);
  assert.equal(p.baseUrl, 'http://127.0.0.1:9');
});

test('credentials without a region: off with a note; a configured Bedrock without credentials: an error', () => {
  const r = build({}, { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's' });
  assert.equal(bedrock(r), undefined);
  assert.ok(r.notes.some((n) => /amazon-bedrock: AWS credentials are set but no region/.test(n)));
  assert.equal(
    bedrock(build({}, { AWS_REGION: 'us-east-1' })),
    undefined,
    'a region alone switches nothing on',
  );
  assert.throws(
    () => build({ providers: { 'amazon-bedrock': { enabled: true, bedrock: { region: 'us-east-1' } } } }, {}),
    /Amazon Bedrock needs credentials/,
  );
});
