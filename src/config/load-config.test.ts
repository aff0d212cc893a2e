import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ConfigError, resolveConfig } from './load-config.js';

test('the documented example file is valid', () => {
  const raw = parse(readFileSync(new URL('../../switchyard.example.yaml', import.meta.url), 'utf8'));
  const c = resolveConfig(raw, { OPENAI_API_KEY: 'sk-x' });
  assert.equal(c.file.providers?.openai?.api_key, 'sk-x');
  // an unset ${VAR} leaves the setting unset
  assert.equal(c.file.providers?.anthropic?.api_key, undefined);
  assert.equal(c.masterKey, undefined);
});

test('environment essentials override the file', () => {
  const c = resolveConfig(
    { server: { host: '0.0.0.0', port: 1234 } },
    { SWITCHYARD_PORT: '5555', SWITCHYARD_HOST: '127.0.0.2', SWITCHYARD_MASTER_KEY: 'sk-master-123' },
  );
  assert.equal(c.port, 5555);
  assert.equal(c.host, '127.0.0.2');
  assert.equal(c.masterKey, 'sk-master-123');
});

test('errors name the setting and the problem', () => {
  assert.throws(
    () => resolveConfig({ server: { port: 'eighty' } }, {}),
    (e: Error) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /server\.port: must be integer/);
      return true;
    },
  );
  assert.throws(() => resolveConfig({ server: { prot: 1 } }, {}), /server\.prot: unknown setting/);
  assert.throws(
    () => resolveConfig({ keys: [{ name: 'a' }] }, {}),
    /keys\[0\] \(a\): set either key or key_sha256/,
  );
  assert.throws(() => resolveConfig({}, { SWITCHYARD_PORT: '99999' }), /SWITCHYARD_PORT: must be an integer/);
  assert.throws(
    () => resolveConfig({ models: [{ id: 'no-slash' }] }, {}),
    /models\[0\]\.id: must match pattern/,
  );
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test
test('${VAR:-default} falls back to the default', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test
  const c = resolveConfig({ server: { host: '${MY_HOST:-127.0.0.9}' } }, {});
  assert.equal(c.host, '127.0.0.9');
});

test('loadConfig reads the YAML file named by SWITCHYARD_CONFIG, and says so when it is missing', async () => {
  const { loadConfig } = await import('./load-config.js');
  const path = new URL('../../switchyard.example.yaml', import.meta.url).pathname;
  const c = await loadConfig({ SWITCHYARD_CONFIG: path, DEEPSEEK_API_KEY: 'sk-d' });
  assert.equal(c.path, path);
  assert.equal(c.file.providers?.deepseek?.api_key, 'sk-d');
  await assert.rejects(
    loadConfig({ SWITCHYARD_CONFIG: '/nonexistent/switchyard.yaml' }),
    /SWITCHYARD_CONFIG: no file at/,
  );
});
